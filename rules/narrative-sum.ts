/**
 * narrative-sum — totals stated in prose add up: "共X条，其中a条、b条…", with "A、B、C各N条"
 * counting N for each name.
 *
 * Basis: 「数据精确」 (template-spec §7); a total that its own breakdown contradicts is a
 * 数据失准 defect (§8).
 */
import { defineRule } from '../src/engine/rule.js';
import { claimSum } from '../src/model/claims.js';
import { shorten } from '../src/util/cjk.js';

export default defineRule(
  {
    id: 'narrative-sum',
    type: 'problem',
    kind: 'defect',
    severity: 'error',
    templates: ['2019', '2021'],
    fixable: true,
    description: { zh: '正文中的合计数与其分项之和一致', en: 'totals stated in prose equal the sum of their parts' },
    messages: {
      mismatch: {
        zh: (p) => `「${p.totalText}」称共 ${p.total}${p.unit}，但所列分项合计为 ${p.sum}${p.unit}（${p.terms}），相差 ${p.diff}${p.unit}`,
        en: (p) => `“${p.totalText}” states ${p.total}${p.unit}, but the parts listed add up to ${p.sum}${p.unit} (${p.terms}); a difference of ${p.diff}`,
      },
      atLeast: {
        zh: (p) => `「${p.totalText}」称共 ${p.total}${p.unit}，但所列分项合计至少为 ${p.sum}${p.unit}（${p.terms}，其中有「余」「多」之数），已超出 ${p.diff}${p.unit}`,
        en: (p) => `“${p.totalText}” states ${p.total}${p.unit}, but the parts listed add up to at least ${p.sum}${p.unit} (${p.terms}, some of them lower bounds), ${p.diff} more`,
      },
      fixTotal: {
        zh: (p) => `把合计 ${p.total} 改为分项之和 ${p.sum}`,
        en: (p) => `Change the total ${p.total} to the sum of its parts, ${p.sum}`,
      },
    },
  },
  ({ model, report }) => {
    for (const c of model.claims) {
      const s = claimSum(c);
      // a list that says it gives examples (主要有…, …等) may leave parts out: only more than the whole is wrong
      // a sum with lower bounds (1600余条) is certain only when it is already above the total
      if (s === c.total || ((c.examples || c.atLeast) && s < c.total)) continue;
      const terms = c.parts.map((p) => (p.times > 1 ? `${shorten(p.label, 24)}各${p.value}×${p.times}` : `${shorten(p.label, 16)}${p.value}`)).join(' + ');
      if (c.atLeast) {
        report('atLeast', { totalText: shorten(c.totalText, 30), total: c.total, unit: c.unit, sum: s, terms, diff: s - c.total }, { place: c.place, expected: `≥ ${s}${c.unit}`, actual: `${c.total}${c.unit}`, quote: shorten(c.sentence, 60) });
        continue;
      }
      report(
        'mismatch',
        { totalText: shorten(c.totalText, 30), total: c.total, unit: c.unit, sum: s, terms, diff: Math.abs(s - c.total) },
        { place: c.place, expected: `${s}${c.unit}`, actual: `${c.total}${c.unit}`, quote: shorten(c.sentence, 60), fix: { messageId: 'fixTotal', params: { total: c.total, sum: s }, edits: [{ at: c.place, from: String(c.total), to: String(s) }] } },
      );
    }
  },
);
