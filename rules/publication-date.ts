/**
 * publication-date — the signature or publication date falls after the reporting year has
 * ended, and by the deadline: 31 January of the next year for a department
 * (《条例》第四十九条), 31 March for a county-or-higher government's own report; townships and
 * streets follow a locally set deadline (option `townshipDeadline`, default "01-31"). A report
 * with no date at all gets an info note: nothing to check, and the auditor should look elsewhere.
 */
import { defineRule } from '../src/engine/rule.js';
import { compareYMD, formatYMD, type YMD } from '../src/model/dates.js';
import type { IssuerType } from '../src/model/info.js';

interface Options {
  townshipDeadline: string;
}

function deadline(year: number, type: IssuerType | undefined, options: Options): YMD {
  if (type === 'department') return { year: year + 1, month: 1, day: 31 };
  if (type === 'township') {
    const [m, d] = options.townshipDeadline.split('-').map(Number);
    return { year: year + 1, month: m, day: d };
  }
  // a government's own report, or an issuer we cannot tell: the later statutory date
  return { year: year + 1, month: 3, day: 31 };
}

export default defineRule<Options>(
  {
    id: 'publication-date',
    type: 'problem',
    kind: 'defect',
    severity: 'error',
    templates: ['2019', '2021'],
    description: { zh: '落款或发布日期在报告年度结束之后、法定期限之前', en: 'the signature or publication date is after the reporting year and by the deadline' },
    schema: { type: 'object', properties: { townshipDeadline: { type: 'string', pattern: '^\\d{2}-\\d{2}$' } }, additionalProperties: false },
    defaultOptions: { townshipDeadline: '01-31' },
    messages: {
      early: {
        zh: (p) => `${p.role}为 ${p.date}，早于报告年度 ${p.year} 年结束：年度报告应在 ${p.year + 1} 年1月1日之后发布`,
        en: (p) => `the ${p.role} ${p.date} comes before the reporting year ${p.year} has ended; the report can only be issued from 1 January ${p.year + 1}`,
      },
      none: {
        zh: (p) => `报告未见落款日期或发布日期，无法判断是否在${p.kind}（${p.deadline}前）内公布`,
        en: (p) => `the report states no signature or publication date, so whether it was published by the deadline (${p.deadline}) cannot be told`,
      },
      late: {
        zh: (p) => `${p.role}为 ${p.date}，晚于${p.kind} ${p.deadline}（${p.basis}）`,
        en: (p) => `the ${p.role} ${p.date} is after the deadline ${p.deadline} (${p.basis})`,
      },
    },
  },
  ({ model, report, lang, options }) => {
    const year = model.reportingYear;
    if (year === null) return;
    const type = model.issuer?.type;
    const last = deadline(year, type, options);
    // the Regulations set the deadlines of departments and governments; a township's is set locally
    const kind = type === 'township' ? (lang === 'zh' ? '规定期限' : 'the deadline') : lang === 'zh' ? '法定期限' : 'the statutory deadline';
    const basis =
      type === 'department'
        ? lang === 'zh' ? '《条例》第四十九条：县级以上人民政府部门每年1月31日前公布' : 'Regulations art. 49: departments by 31 January'
        : type === 'township'
          ? lang === 'zh' ? '乡镇、街道按主管部门规定的期限' : 'the deadline set for townships'
          : lang === 'zh' ? '《条例》第四十九条：本级政府年度报告3月31日前公布' : 'Regulations art. 49: a government’s own report by 31 March';
    if (!model.signature && !model.published && !model.stated) {
      // not a defect to fix in the text, but an auditor must look for the date elsewhere
      report('none', { deadline: formatYMD(last), kind }, { expected: `${year + 1}年1月1日至${formatYMD(last)}`, actual: '', note: true });
      return;
    }
    for (const d of [model.signature, model.published, model.stated]) {
      if (!d) continue;
      const role =
        d.role === 'signature' ? (lang === 'zh' ? '落款日期' : 'signature date') : d.role === 'stated' ? (lang === 'zh' ? '报告所述发布日期' : 'publication date the report states') : lang === 'zh' ? '发布日期' : 'publication date';
      const yearEnd = { year, month: 12, day: 31 };
      if (compareYMD(d.date, yearEnd) <= 0) {
        report('early', { role, date: formatYMD(d.date), year }, { place: d.place, expected: `${year + 1}年1月1日至${formatYMD(last)}`, actual: formatYMD(d.date), quote: d.text });
      } else if (d.role !== 'stated' && compareYMD(d.date, last) > 0) {
        report('late', { role, date: formatYMD(d.date), deadline: formatYMD(last), basis, kind }, { place: d.place, expected: `≤ ${formatYMD(last)}`, actual: formatYMD(d.date), quote: d.text });
      }
    }
  },
);
