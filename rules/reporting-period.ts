/**
 * reporting-period — every stated period (统计期限, 起止时间) is 1 January – 31 December of the
 * year in the title.
 *
 * Basis: the report covers the calendar year (四川 DB51/T 2660—2019 §2.1: 「年度报告统计时间段为上一年度
 * 1月1日至12月31日」; template-spec §7).
 */
import { defineRule } from '../src/engine/rule.js';
import { formatYMD } from '../src/model/dates.js';

export default defineRule(
  {
    id: 'reporting-period',
    type: 'problem',
    kind: 'defect',
    severity: 'error',
    templates: ['2019', '2021'],
    description: { zh: '报告所述统计期限为报告年度的1月1日至12月31日', en: 'the stated period is 1 January – 31 December of the reporting year' },
    messages: {
      wrong: {
        zh: (p) => `报告所述期限「${p.actual}」与报告年度 ${p.year} 年不符，应为 ${p.expected}`,
        en: (p) => `the stated period “${p.actual}” does not match the reporting year ${p.year}; expected ${p.expected}`,
      },
    },
  },
  ({ model, report }) => {
    const year = model.reportingYear;
    if (year === null) return;
    for (const p of model.periods) {
      const ok = p.start.year === year && p.start.month === 1 && p.start.day === 1 && p.end.year === year && p.end.month === 12 && p.end.day === 31;
      if (ok) continue;
      const expected = `${year}年1月1日至${year}年12月31日`;
      const actual = `${formatYMD(p.start)}至${formatYMD(p.end)}`;
      report('wrong', { actual, expected, year }, { place: p.place, expected, actual, quote: p.text });
    }
  },
);
