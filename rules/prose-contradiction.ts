/**
 * prose-contradiction — a claim that every application was dealt with (所有申请均已办结, 均已在
 * 法定期限内予以答复) while applications are carried to next year (表3 四、结转下年度继续办理 > 0,
 * or a 结转 figure stated in the prose). Two statements of one count that disagree (收到1例行政复议 …
 * 未发生行政复议) are narrative-table-agreement's: this rule is about claims, not figures.
 */
import { defineRule } from '../src/engine/rule.js';
import { cellAt } from '../src/model/tables.js';
import { num } from '../src/engine/tally.js';
import type { CountStatement, FinishedClaim } from '../src/model/statements.js';
import { shorten } from '../src/util/cjk.js';

export default defineRule(
  {
    id: 'prose-contradiction',
    type: 'problem',
    kind: 'defect',
    severity: 'error',
    templates: ['2019', '2021'],
    description: { zh: '正文的办结说法与结转下年度的数量相矛盾', en: 'a claim that all applications were dealt with contradicts the applications carried forward' },
    messages: {
      finished: {
        zh: (p) => `正文称「${p.claim}」，但${p.where}：仍有申请结转下年度办理`,
        en: (p) => `the prose says “${p.claim}”, but ${p.where}: some applications are carried to next year`,
      },
    },
  },
  ({ model, report, lang }) => {
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
