/**
 * narrative-table-agreement — a count stated in the prose agrees with the table that carries
 * it, and with every other statement of the same count: applications received (表3
 * 一、本年新收 × 总计; the sum with 二、上年结转 is accepted too), carried to next year (四、结转下年度),
 * 行政复议 cases (表4 行政复议 总计), 行政诉讼 cases (both 总计 of 行政诉讼), 行政规范性文件 issued
 * (2021 表2 本年制发件数). A denial (未发生行政复议) states 0.
 *
 * Basis: 国办公开办函〔2021〕30号 names 「发布内容不准确」 among the defects to be held to account
 * (template-spec §7); prose and tables are the same report's figures.
 */
import { defineRule } from '../src/engine/rule.js';
import { cellAt, type TemplateTable } from '../src/model/tables.js';
import type { CountStatement, CountTopic } from '../src/model/statements.js';
import type { ReportModel } from '../src/model/index.js';
import { num } from '../src/engine/tally.js';
import { shorten } from '../src/util/cjk.js';
import { pushTo } from '../src/util/group.js';

const TOPIC = {
  received: { zh: '收到政府信息公开申请数', en: 'applications received' },
  carriedOver: { zh: '上年结转的申请数', en: 'applications carried over from last year' },
  handled: { zh: '办结（答复）的申请数', en: 'applications answered' },
  dealtWith: { zh: '办理的申请数', en: 'applications dealt with' },
  disclosedOrPartly: { zh: '予以公开及部分公开的申请数', en: 'applications disclosed in full or in part' },
  withheld: { zh: '不予公开的申请数', en: 'applications refused' },
  unable: { zh: '无法提供的申请数', en: 'applications that could not be answered' },
  notHandled: { zh: '不予处理的申请数', en: 'applications not processed' },
  otherHandling: { zh: '其他处理的申请数', en: 'applications otherwise handled' },
  carriedForward: { zh: '结转下年度继续办理的申请数', en: 'applications carried to next year' },
  review: { zh: '行政复议案件数', en: 'administrative reviews' },
  litigation: { zh: '行政诉讼案件数', en: 'lawsuits' },
  normativeIssued: { zh: '制发行政规范性文件件数', en: 'normative documents issued' },
  normativeInForce: { zh: '现行有效行政规范性文件件数', en: 'normative documents in force' },
} satisfies Record<CountTopic, { zh: string; en: string }>;

interface TableFigure {
  /** the values a statement may equal (received: 本年新收, or 本年新收 + 上年结转) */
  accepted: number[];
  where: { zh: string; en: string };
}

/** The 总计 column of table 3 summed over rows whose key is one of `keys` or under one of them. */
function t3Sum(t: TemplateTable | null, ...keys: string[]): number | null {
  if (!t) return null;
  const rows = t.rows.filter((r) => keys.some((k) => r.def.key === k || r.def.key.startsWith(k + '.')));
  if (rows.length === 0) return null;
  let sum = 0;
  for (const r of rows) {
    const n = num(r.cells.find((c) => c.column.key === 'total'));
    if (n === null) return null;
    sum += n;
  }
  return sum;
}

const fig = (value: number | null, zh: string, en: string, also: number[] = []): TableFigure | null =>
  value === null ? null : { accepted: [value, ...also], where: { zh: `${zh}${/[」=]$/.test(zh) ? '' : ' '}${value}`, en: `${en} ${value}` } };

function figure(model: ReportModel, topic: CountTopic): TableFigure | null {
  const t3 = model.tables.application;
  const t4 = model.tables.review;
  const t2 = model.tables.active;
  const v = (t: TemplateTable | null, row: string, col: string) => (t ? num(cellAt(t, row, col)) : null);
  const t4v = (key: string) => (t4 ? num(t4.rows[0]?.cells.find((c) => c.column.key === key)) : null);
  switch (topic) {
    case 'received': {
      const r = v(t3, 'received', 'total');
      const c = v(t3, 'carriedOver', 'total');
      return fig(r, '表3「一、本年新收」总计', 'table 3 “received” total', r !== null && c !== null ? [r + c] : []);
    }
    case 'carriedOver':
      return fig(v(t3, 'carriedOver', 'total'), '表3「二、上年结转」总计', 'table 3 “carried over” total');
    case 'handled':
      return fig(v(t3, 'resultTotal', 'total'), '表3「（七）总计」', 'table 3 result total');
    case 'dealtWith': {
      const r = v(t3, 'received', 'total');
      const c = v(t3, 'carriedOver', 'total');
      const h = v(t3, 'resultTotal', 'total');
      if (r === null || h === null) return null;
      return { accepted: [r, h, ...(c !== null ? [r + c] : [])], where: { zh: `表3「一、本年新收」总计 ${r}、「（七）总计」${h}`, en: `table 3 received ${r}, result total ${h}` } };
    }
    case 'disclosedOrPartly': {
      const a = v(t3, 'disclosed', 'total');
      const b = v(t3, 'partlyDisclosed', 'total');
      return a === null || b === null ? null : fig(a + b, `表3「（一）予以公开」${a} +「（二）部分公开」${b} =`, `table 3 disclosed ${a} + partly ${b} =`);
    }
    case 'withheld':
      return fig(t3Sum(t3, 'withheld'), '表3「（三）不予公开」各项合计', 'table 3 refused, all items');
    case 'unable':
      return fig(t3Sum(t3, 'unable'), '表3「（四）无法提供」各项合计', 'table 3 unable to provide, all items');
    case 'notHandled':
      return fig(t3Sum(t3, 'notHandled'), '表3「（五）不予处理」各项合计', 'table 3 not processed, all items');
    case 'otherHandling':
      return fig(t3Sum(t3, 'otherHandling'), '表3「（六）其他处理」各项合计', 'table 3 otherwise handled, all items');
    case 'carriedForward':
      return fig(v(t3, 'carriedForward', 'total'), '表3「四、结转下年度继续办理」总计', 'table 3 “carried forward” total');
    case 'review':
      return fig(t4v('review.total'), '表4「行政复议 › 总计」', 'table 4 review total');
    case 'litigation': {
      const a = t4v('directSuit.total');
      const b = t4v('suitAfterReview.total');
      return a === null || b === null ? null : fig(a + b, `表4 行政诉讼两项总计之和 ${a}+${b}=`, `table 4 lawsuit totals ${a}+${b}=`);
    }
    case 'normativeIssued':
      return t2 && t2.version === '2021' ? fig(v(t2, 'normativeDocs', 'issued'), '表2「行政规范性文件 › 本年制发件数」', 'table 2 normative documents issued') : null;
    case 'normativeInForce':
      return t2 && t2.version === '2021' ? fig(v(t2, 'normativeDocs', 'inForce'), '表2「行政规范性文件 › 现行有效件数」', 'table 2 normative documents in force') : null;
  }
}

const said = (s: CountStatement) => `「${shorten(s.text, 30)}」`;

export default defineRule(
  {
    id: 'narrative-table-agreement',
    type: 'problem',
    kind: 'defect',
    severity: 'warn',
    templates: ['2019', '2021'],
    description: { zh: '正文所述数量与统计表及正文其他处所述一致', en: 'counts stated in the prose agree with the tables and with each other' },
    messages: {
      table: {
        zh: (p) => `正文称${p.said}（${p.topic} ${p.value}），与${p.where} 不一致`,
        en: (p) => `the prose says ${p.said} (${p.topic}: ${p.value}), which disagrees with ${p.where}`,
      },
      prose: {
        zh: (p) => `正文前后不一致：此处称${p.said}（${p.topic} ${p.value}），前文称${p.earlier}（${p.earlierValue}）`,
        en: (p) => `the prose contradicts itself: here ${p.said} (${p.topic}: ${p.value}), earlier ${p.earlier} (${p.earlierValue})`,
      },
    },
  },
  ({ model, report, lang }) => {
    const counts = model.statements.filter((s): s is CountStatement => s.kind === 'count');
    const byTopic = new Map<CountTopic, CountStatement[]>();
    for (const s of counts) pushTo(byTopic, s.topic, s);
    for (const [topic, list] of byTopic) {
      const f = figure(model, topic);
      if (f) {
        for (const s of list) {
          if (f.accepted.includes(s.value)) continue;
          report('table', { said: said(s), topic: TOPIC[topic][lang], value: s.value, where: f.where[lang] }, { place: s.place, expected: f.accepted[0], actual: s.value, quote: shorten(s.sentence, 60) });
        }
        continue;
      }
      // no table figure: a count the prose states and denies elsewhere (收到1例行政复议 … 未发生行政
      // 复议) contradicts itself; two different figures may count different scopes, so only that is certain
      const first = list[0];
      for (const s of list.slice(1)) {
        if (s.value === first.value || (s.how === 'number' && first.how === 'number')) continue;
        report('prose', { said: said(s), topic: TOPIC[topic][lang], value: s.value, earlier: said(first), earlierValue: first.value }, { place: s.place, expected: first.value, actual: s.value, quote: shorten(s.sentence, 60) });
      }
    }
  },
);
