/**
 * blank-cells — a cell of a template table that must hold a number is empty.
 *
 * Blank is not zero: a zero must be written as 0 (「数据精确」, template-spec §7). One finding
 * per table row, naming the blank cells. Where the table was flattened into text so that
 * blank cells left no trace, the row is known to have fewer values than columns but not
 * which cells are blank: the message says so, and the row takes no part in the tallies.
 */
import { defineRule } from '../src/engine/rule.js';
import { columnName, list, rowName } from '../src/engine/describe.js';

export default defineRule(
  {
    id: 'blank-cells',
    type: 'problem',
    kind: 'defect',
    severity: 'error',
    templates: ['2019', '2021'],
    description: { zh: '统计表中应填数字的单元格为空', en: 'a table cell that must hold a number is empty' },
    messages: {
      blank: {
        zh: (p) => `${p.table}${p.row ? `「${p.row}」行` : ''}有 ${p.count} 个单元格为空（${p.columns}）：没有数据应填 0，空白不等于 0`,
        en: (p) => `${p.table}${p.row ? `, row “${p.row}”` : ''}: ${p.count} cell(s) are empty (${p.columns}); write 0 where there is nothing — blank is not zero`,
      },
      blankUnplaced: {
        zh: (p) =>
          `${p.table}${p.row ? `「${p.row}」行` : ''}应有 ${p.columns} 个数值，只读到 ${p.found} 个（${p.values}），有 ${p.count} 个单元格为空；原文表格已被拉平，无法确定空白在哪几列，此行不参与合计校验`,
        en: (p) =>
          `${p.table}${p.row ? `, row “${p.row}”` : ''} should hold ${p.columns} values but has ${p.found} (${p.values}): ${p.count} cell(s) are empty; the table was flattened, so which cells are blank cannot be told and the row is left out of the tallies`,
      },
    },
  },
  ({ model, report, lang }) => {
    for (const t of Object.values(model.tables)) {
      if (!t) continue;
      for (const row of t.rows) {
        if (row.blanks === 0) continue;
        const base = { table: t.def.name[lang], row: rowName(row), count: row.blanks };
        const cell = { table: t.def.id, row: rowName(row) || undefined };
        if (row.placement === 'placed') {
          const blanks = row.cells.filter((c) => c.value.kind === 'blank');
          report(
            'blank',
            { ...base, columns: list(blanks.map(columnName), lang) },
            { place: row.place ?? blanks[0]?.place, expected: lang === 'zh' ? '数字（无数据填 0）' : 'a number (0 if none)', actual: '', cell },
          );
        } else if (row.placement === 'unplaced') {
          report(
            'blankUnplaced',
            { ...base, columns: row.def.columns.length, found: row.values.length, values: list(row.values.map((v) => v.text), lang) },
            { place: row.place ?? row.values[0]?.place, expected: `${row.def.columns.length}`, actual: `${row.values.length}`, cell },
          );
        }
      }
    }
  },
);
