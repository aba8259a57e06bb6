/**
 * prose-contradiction — a claim that every application was dealt with (所有申请均已办结, 均已在
 * 法定期限内予以答复) while applications are carried to next year (表3 四、结转下年度继续办理 > 0,
 * or a 结转 figure stated in the prose). Two statements of one count that disagree (收到1例行政复议 …
 * 未发生行政复议) are narrative-table-agreement's: this rule is about claims, not figures.
 */
import { defineRule } from '../src/engine/rule.js';
import { cellAt } from '../src/model/tables.js';
import { num } from '../src/engine/tally.js';
import type { CountStatement, FinishedClaim, OutcomeClaim } from '../src/model/statements.js';
import { shorten } from '../src/util/cjk.js';
import type { ReportModel } from '../src/model/index.js';

export default defineRule(
  {
    id: 'prose-contradiction',
    type: 'problem',
    kind: 'defect',
    severity: 'error',
    templates: ['2019', '2021'],
    description: { zh: '正文的办结、维持、结案说法与统计表相矛盾', en: 'a claim that all applications were dealt with, or all cases upheld or closed, contradicts the tables' },
    messages: {
      finished: {
        zh: (p) => `正文称「${p.claim}」，但${p.where}：仍有申请结转下年度办理`,
        en: (p) => `the prose says “${p.claim}”, but ${p.where}: some applications are carried to next year`,
      },
      outcome: {
        zh: (p) => `正文称「${p.claim}」，但表4中${p.where}`,
        en: (p) => `the prose says “${p.claim}”, but in table 4 ${p.where}`,
      },
    },
  },
  ({ model, report, lang }) => {
    outcomes(model, report, lang);
    const claims = model.statements.filter((s): s is FinishedClaim => s.kind === 'finished');
    if (claims.length === 0) return;
    const t3 = model.tables.application;
    const forward = t3 ? num(cellAt(t3, 'carriedForward', 'total')) : null;
    const stated = model.statements.find((s): s is CountStatement => s.kind === 'count' && s.topic === 'carriedForward' && s.value > 0);
    const where =
      forward !== null && forward > 0
        ? lang === 'zh' ? `表3「四、结转下年度继续办理」总计为 ${forward}` : `table 3 “carried forward” total is ${forward}`
        : stated
          ? lang === 'zh' ? `正文又称「${shorten(stated.text, 30)}」` : `the prose also says “${shorten(stated.text, 30)}”`
          : null;
    if (!where) return;
    for (const c of claims) report('finished', { claim: shorten(c.text, 30), where }, { place: c.place, expected: lang === 'zh' ? '结转下年度为 0' : 'nothing carried forward', actual: forward ?? stated?.value, quote: shorten(c.sentence, 60) });
  },
);

const GROUPS = {
  review: { keys: ['review'], zh: '行政复议', en: 'administrative reviews' },
  litigation: { keys: ['directSuit', 'suitAfterReview'], zh: '行政诉讼', en: 'lawsuits' },
} as const;

/**
 * 「均获维持」 (every case upheld) while table 4 shows cases corrected or with another result;
 * 「均已结案」 (every case closed) while it shows cases pending. Only the groups the sentence names.
 */
function outcomes(model: ReportModel, report: (id: string, p: Record<string, unknown>, f: Record<string, unknown>) => void, lang: 'zh' | 'en'): void {
  const t4 = model.tables.review;
  if (!t4) return;
  const cell = (key: string) => num(t4.rows[0]?.cells.find((c) => c.column.key === key));
  for (const c of model.statements.filter((s): s is OutcomeClaim => s.kind === 'outcome')) {
    const groups = c.of === 'both' ? (['review', 'litigation'] as const) : ([c.of] as const);
    for (const g of groups) {
      const def = GROUPS[g];
      const sum = (col: string) => def.keys.reduce<number | null>((n, k) => (n === null || cell(`${k}.${col}`) === null ? null : n + cell(`${k}.${col}`)!), 0);
      const against = c.claim === 'allUpheld' ? (['corrected', 'other', 'pending'] as const) : (['pending'] as const);
      const names = { corrected: { zh: '结果纠正', en: 'corrected' }, other: { zh: '其他结果', en: 'other result' }, pending: { zh: '尚未审结', en: 'pending' } };
      const found = against.map((col) => ({ col, n: sum(col) })).filter((x) => x.n !== null && x.n > 0);
      if (found.length === 0) continue;
      const where = found.map((x) => (lang === 'zh' ? `${def.zh}「${names[x.col].zh}」为 ${x.n}` : `${def.en} “${names[x.col].en}” is ${x.n}`)).join(lang === 'zh' ? '、' : ', ');
      report('outcome', { claim: shorten(c.text, 30), where }, { place: c.place, expected: '0', actual: found.map((x) => x.n).join('/'), quote: shorten(c.sentence, 60) });
    }
  }
}

