/**
 * blank-cells — a cell of a template table that must hold a number is empty.
 *
 * Blank is not zero: a zero must be written as 0 (「数据精确」, template-spec §7). One finding
 * per table, naming the rows and columns of its blank cells, with each blank cell as a related
 * place. Where the table was flattened into text so that blank cells left no trace, a row is
 * known to have fewer values than columns but not which cells are blank: those rows are one
 * finding of their own per table, each row a related place, and take no part in the tallies.
 */
import { defineRule } from '../src/engine/rule.js';
import { COLUMNS, ROWS, columnName, countedNames, list, rowName, shortList, unique } from '../src/engine/describe.js';
import type { Cell, RowReading } from '../src/model/tables.js';

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
      blankRows: {
        zh: (p) => `${p.table}${p.rows}有 ${p.count} 个单元格为空（${p.columns}）：没有数据应填 0，空白不等于 0`,
        en: (p) => `${p.table}, ${p.rows}: ${p.count} cells are empty (${p.columns}); write 0 where there is nothing — blank is not zero`,
      },
      blankCell: {
        zh: (p) => `${p.row ? `「${p.row}」行` : ''}「${p.column}」列为空`,
        en: (p) => `${p.row ? `row “${p.row}”, ` : ''}column “${p.column}”: empty`,
      },
      blankUnplaced: {
        zh: (p) =>
          `${p.table}${p.row ? `「${p.row}」行` : ''}应有 ${p.columns} 个数值，只读到 ${p.found} 个（${p.values}），有 ${p.count} 个单元格为空；原文表格已被拉平，无法确定空白在哪几列，此行不参与合计校验`,
        en: (p) =>
          `${p.table}${p.row ? `, row “${p.row}”` : ''} should hold ${p.columns} values but has ${p.found} (${p.values}): ${p.count} cell(s) are empty; the table was flattened, so which cells are blank cannot be told and the row is left out of the tallies`,
      },
      blankUnplacedRows: {
        zh: (p) => `${p.table}${p.rows}读到的数值少于列数，共有 ${p.count} 个单元格为空；原文表格已被拉平，无法确定空白在哪几列，这些行不参与合计校验`,
        en: (p) => `${p.table}, ${p.rows}: fewer values than columns, ${p.count} empty cells in all; the table was flattened, so which cells are blank cannot be told and these rows are left out of the tallies`,
      },
      blankUnplacedRow: {
        zh: (p) => `${p.row ? `「${p.row}」行` : ''}应有 ${p.columns} 个数值，只读到 ${p.found} 个（${p.values}）`,
        en: (p) => `${p.row ? `row “${p.row}”: ` : ''}${p.found} of ${p.columns} values (${p.values})`,
      },
    },
  },
  ({ model, report, lang }) => {
    for (const t of Object.values(model.tables)) {
      if (!t) continue;
      const table = t.def.name[lang];
      const rowOf = (row: RowReading) => rowName(row) || undefined;
      const cellOf = (row: RowReading, c?: Cell) => ({ table: t.def.id, row: rowOf(row), ...(c ? { column: columnName(c) } : {}) });

      // cells known to be blank: one finding for the table, each cell a related place
      const placed = t.rows.filter((row) => row.blanks > 0 && row.placement === 'placed');
      const blanks = placed.flatMap((row) => row.cells.filter((c) => c.value.kind === 'blank').map((c) => ({ row, c })));
      const expected = lang === 'zh' ? '数字（无数据填 0）' : 'a number (0 if none)';
      // each place's text names its row only when the finding covers several
      const blankPlaces =
        blanks.length > 1
          ? blanks.map(({ row, c }) => ({ place: c.place ?? row.place, messageId: 'blankCell', params: { row: placed.length > 1 ? rowName(row) : '', column: columnName(c) }, cell: cellOf(row, c) }))
          : undefined;
      if (placed.length === 1) {
        const [row] = placed;
        report(
          'blank',
          { table, row: rowName(row), count: row.blanks, columns: list(blanks.map(({ c }) => columnName(c)), lang) },
          { place: row.place ?? blanks[0]?.c.place, expected, actual: '', cell: cellOf(row), related: blankPlaces },
        );
      } else if (placed.length > 1) {
        report(
          'blankRows',
          { table, rows: countedNames(placed.map(rowName), lang, ROWS), count: blanks.length, columns: shortList(columnsInOrder(blanks.map(({ c }) => c)), lang, COLUMNS) },
          { place: placed[0].place ?? blanks[0]?.c.place, expected, actual: '', cell: { table: t.def.id }, related: blankPlaces },
        );
      }

      // rows of a flattened table with fewer values than columns: which cells are blank is not known
      const unplaced = t.rows.filter((row) => row.blanks > 0 && row.placement === 'unplaced');
      if (unplaced.length === 1) {
        const [row] = unplaced;
        report(
          'blankUnplaced',
          { table, row: rowName(row), count: row.blanks, columns: row.def.columns.length, found: row.values.length, values: list(row.values.map((v) => v.text), lang) },
          { place: row.place ?? row.values[0]?.place, expected: `${row.def.columns.length}`, actual: `${row.values.length}`, cell: cellOf(row) },
        );
      } else if (unplaced.length > 1) {
        const widths = unique(unplaced.map((row) => row.def.columns.length));
        report(
          'blankUnplacedRows',
          { table, rows: countedNames(unplaced.map(rowName), lang, ROWS), count: unplaced.reduce((n, row) => n + row.blanks, 0) },
          {
            place: unplaced[0].place ?? unplaced[0].values[0]?.place,
            ...(widths.length === 1 ? { expected: `${widths[0]}` } : {}),
            actual: unplaced.map((row) => row.values.length).join(' / '),
            cell: { table: t.def.id },
            related: unplaced.map((row) => ({
              place: row.place ?? row.values[0]?.place,
              messageId: 'blankUnplacedRow',
              params: { row: rowName(row), columns: row.def.columns.length, found: row.values.length, values: list(row.values.map((v) => v.text), lang) },
              cell: cellOf(row),
            })),
          },
        );
      }
    }
  },
);

/** The columns of these cells, each once, in the order of the format. */
function columnsInOrder(cells: Cell[]): string[] {
  const order = new Map<string, number>();
  for (const c of cells) if (!order.has(columnName(c))) order.set(columnName(c), c.row.columns.indexOf(c.column));
  return [...order].sort((a, b) => a[1] - b[1]).map(([name]) => name);
}
