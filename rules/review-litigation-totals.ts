/**
 * review-litigation-totals — in table 4, each 总计 (行政复议, 未经复议直接起诉, 复议后起诉) is
 * 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
 *
 * Basis: what 「总计」 means (template-spec §6). Groups with a blank cell are not checked.
 */
import { defineRule } from '../src/engine/rule.js';
import { allNumbers, num, splitDigits, splitHint, sum, terms, totalFix, fixTotalMessage } from '../src/engine/tally.js';
import { cellRef, columnName } from '../src/engine/describe.js';

const GROUPS = [
  { key: 'review', zh: '行政复议', en: 'administrative review' },
  { key: 'directSuit', zh: '行政诉讼·未经复议直接起诉', en: 'lawsuits without prior review' },
  { key: 'suitAfterReview', zh: '行政诉讼·复议后起诉', en: 'lawsuits after review' },
];

export default defineRule(
  {
    id: 'review-litigation-totals',
    type: 'problem',
    kind: 'defect',
    severity: 'error',
    templates: ['2019', '2021'],
    fixable: true,
    description: { zh: '表4各总计等于结果维持、结果纠正、其他结果、尚未审结之和', en: 'table 4: each total = upheld + corrected + other + pending' },
    messages: {
      total: {
        zh: (p) => `表4「${p.group}」：总计填报 ${p.reported}，但结果维持、结果纠正、其他结果、尚未审结之和为 ${p.computed}（${p.terms}）${p.hint}`,
        en: (p) => `table 4, ${p.group}: total reported ${p.reported}, but upheld + corrected + other + pending = ${p.computed} (${p.terms})${p.hint}`,
      },
      fixTotal: fixTotalMessage,
    },
  },
  ({ model, report, lang }) => {
    const t = model.tables.review;
    const row = t?.rows[0];
    if (!t || !row || row.placement !== 'placed') return;
    for (const g of GROUPS) {
      const total = row.cells.find((c) => c.column.key === `${g.key}.total`);
      const parts = allNumbers(['upheld', 'corrected', 'other', 'pending'].map((k) => row.cells.find((c) => c.column.key === `${g.key}.${k}`)));
      if (!parts || num(total) === null) continue;
      const computed = sum(parts);
      if (computed === num(total)) continue;
      const split = splitDigits(parts, num(total)!);
      report(
        'total',
        { group: g[lang], reported: num(total), computed, terms: terms(parts, (c) => columnName(c).split(' › ').pop()!, lang), hint: splitHint(split, lang) },
        // each total stands in one sum only; a number split across two cells is checked first
        { place: total!.place, expected: computed, actual: num(total)!, cell: cellRef(t, total!), fix: split ? undefined : totalFix(total!, computed), operands: parts.flatMap((c) => (c.place ? [c.place] : [])) },
      );
    }
  },
);
