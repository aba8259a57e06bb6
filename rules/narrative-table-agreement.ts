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

const TOPIC = {
  received: { zh: '收到政府信息公开申请数', en: 'applications received' },
  carriedForward: { zh: '结转下年度继续办理的申请数', en: 'applications carried to next year' },
  review: { zh: '行政复议案件数', en: 'administrative reviews' },
  litigation: { zh: '行政诉讼案件数', en: 'lawsuits' },
  normativeIssued: { zh: '制发行政规范性文件件数', en: 'normative documents issued' },
} satisfies Record<CountTopic, { zh: string; en: string }>;

interface TableFigure {
  /** the values a statement may equal (received: 本年新收, or 本年新收 + 上年结转) */
  accepted: number[];
  where: { zh: string; en: string };
}

function figure(model: ReportModel, topic: CountTopic): TableFigure | null {
  const t3 = model.tables.application;
  const t4 = model.tables.review;
  const v = (t: TemplateTable | null, row: string, col: string) => (t ? num(cellAt(t, row, col)) : null);
  switch (topic) {
    case 'received': {
      const r = v(t3, 'received', 'total');
      const c = v(t3, 'carriedOver', 'total');
      return r === null ? null : { accepted: c === null ? [r] : [r, r + c], where: { zh: `表3「一、本年新收」总计 ${r}`, en: `table 3 “received” total ${r}` } };
    }
    case 'carriedForward': {
      const r = v(t3, 'carriedForward', 'total');
      return r === null ? null : { accepted: [r], where: { zh: `表3「四、结转下年度继续办理」总计 ${r}`, en: `table 3 “carried forward” total ${r}` } };
    }
    case 'review': {
      const r = t4 ? num(t4.rows[0]?.cells.find((c) => c.column.key === 'review.total')) : null;
      return r === null ? null : { accepted: [r], where: { zh: `表4「行政复议 › 总计」${r}`, en: `table 4 review total ${r}` } };
    }
    case 'litigation': {
      const a = t4 ? num(t4.rows[0]?.cells.find((c) => c.column.key === 'directSuit.total')) : null;
      const b = t4 ? num(t4.rows[0]?.cells.find((c) => c.column.key === 'suitAfterReview.total')) : null;
      return a === null || b === null ? null : { accepted: [a + b], where: { zh: `表4 行政诉讼两项总计之和 ${a}+${b}=${a + b}`, en: `table 4 lawsuit totals ${a}+${b}=${a + b}` } };
    }
    case 'normativeIssued': {
      const t2 = model.tables.active;
      const r = t2 && t2.version === '2021' ? num(cellAt(t2, 'normativeDocs', 'issued')) : null;
      return r === null ? null : { accepted: [r], where: { zh: `表2「行政规范性文件 › 本年制发件数」${r}`, en: `table 2 normative documents issued ${r}` } };
    }
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
    for (const s of counts) byTopic.set(s.topic, [...(byTopic.get(s.topic) ?? []), s]);
    for (const [topic, list] of byTopic) {
      const fig = figure(model, topic);
      if (fig) {
        for (const s of list) {
          if (fig.accepted.includes(s.value)) continue;
          report('table', { said: said(s), topic: TOPIC[topic][lang], value: s.value, where: fig.where[lang] }, { place: s.place, expected: fig.accepted[0], actual: s.value, quote: shorten(s.sentence, 60) });
        }
        continue;
      }
      // no table figure: the statements must agree among themselves
      const first = list[0];
      for (const s of list.slice(1)) {
        if (s.value === first.value) continue;
        report('prose', { said: said(s), topic: TOPIC[topic][lang], value: s.value, earlier: said(first), earlierValue: first.value }, { place: s.place, expected: first.value, actual: s.value, quote: shorten(s.sentence, 60) });
      }
    }
  },
);
