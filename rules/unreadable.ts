/**
 * unreadable — a doubt about our own reading, not a defect of the report: a table whose
 * rows could not be found, a row with more values than columns, text in a table that fits
 * no label, two neighbouring cells that look like one number split by a conversion (1 | 2 in a
 * row whose 总计 is 12 — the tally rule reports the sum as written, with the same hint). Audits count these apart and never blame the issuing body for them.
 */
import { defineRule } from '../src/engine/rule.js';
import { allNumbers, num, splitDigits, sum } from '../src/engine/tally.js';
import { cellRef, rowName } from '../src/engine/describe.js';
import type { TemplateTable } from '../src/model/tables.js';

/** Row sums (table 3's 总计 column, table 4's three 总计) that a split number would make hold. */
function splitNumbers(t: TemplateTable) {
  const out = [];
  for (const row of t.rows) {
    if (row.placement !== 'placed') continue;
    const groups = t.def.id === 'review' ? ['review.', 'directSuit.', 'suitAfterReview.'] : t.def.id === 'application' ? [''] : [];
    for (const g of groups) {
      const total = row.cells.find((c) => c.column.key === `${g}total`);
      const parts = allNumbers(row.cells.filter((c) => c.column.key.startsWith(g) && c.column.key !== `${g}total`));
      if (!parts || num(total) === null || sum(parts) === num(total)) continue;
      const split = splitDigits(parts, num(total)!);
      if (split) out.push({ row, split });
    }
  }
  return out;
}

export default defineRule(
  {
    id: 'unreadable',
    type: 'reading',
    kind: 'doubt',
    severity: 'warn',
    templates: ['2019', '2021'],
    description: { zh: '读取存疑：表格或数值无法可靠定位（非报告本身的问题）', en: 'reading doubt: a table or value could not be placed reliably (not a defect of the report)' },
    messages: {
      overflow: {
        zh: (p) => `读取存疑：${p.table}「${p.row}」行读到 ${p.found} 个数值，多于 ${p.columns} 列，无法对应到列，此行未参与校验`,
        en: (p) => `reading doubt: ${p.table}, row “${p.row}” has ${p.found} values for ${p.columns} columns; they cannot be placed and the row was not checked`,
      },
      'no-rows': {
        zh: (p) => `读取存疑：找到了${p.table}，但未能识别出其中任何一行，表格未参与校验`,
        en: (p) => `reading doubt: ${p.table} was found but none of its rows could be recognised; it was not checked`,
      },
      'split-number': {
        zh: (p) => `读取存疑：${p.table}${p.row ? `「${p.row}」行` : ''}相邻两格「${p.left}」「${p.right}」可能原是一个数「${p.joined}」，在转换中被拆到两格（这样合计才相符）；请对照原件核实`,
        en: (p) => `reading doubt: in ${p.table}${p.row ? `, row “${p.row}”` : ''} the neighbouring cells “${p.left}” and “${p.right}” may be one number ${p.joined} split by a conversion (the total would then hold); check the original`,
      },
      glued: {
        zh: (p) => `读取存疑：${p.table}「${p.row}」行的数字「${p.text}」连在一起、没有分隔，按统一格式的列和合计关系也无法唯一确定如何拆分，此行未参与校验`,
        en: (p) => `reading doubt: in ${p.table}, row “${p.row}”, the figures “${p.text}” are run together with no separator and cannot be split with certainty from the format's columns and totals; the row was not checked`,
      },
      'stray-token': {
        zh: (p) => `读取存疑：${p.table}中的「${p.text}」不属于任何行，已忽略`,
        en: (p) => `reading doubt: “${p.text}” in ${p.table} belongs to no row and was ignored`,
      },
    },
  },
  ({ model, report, lang }) => {
    for (const t of Object.values(model.tables)) {
      if (!t) continue;
      for (const d of t.doubts) {
        report(
          d.reason,
          { table: t.def.name[lang], row: d.row?.label ?? '', found: d.found, columns: d.row?.columns.length, text: d.text },
          { place: d.place, cell: { table: t.def.id, row: d.row?.label } },
        );
      }
      for (const { row, split } of splitNumbers(t)) {
        report(
          'split-number',
          { table: t.def.name[lang], row: rowName(row), left: num(split.left), right: num(split.right), joined: split.joined },
          { place: split.left.place, expected: split.joined, actual: `${num(split.left)} | ${num(split.right)}`, cell: cellRef(t, split.left) },
        );
      }
    }
  },
);
