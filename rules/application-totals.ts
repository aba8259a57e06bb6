/**
 * application-totals — in table 3, （七）总计 is the sum of （一）–（六） and their sub-items in
 * every column, and the 总计 column is the sum of the six applicant columns in every row.
 *
 * Basis: what 「总计」 means (template-spec §5c.2–3); real reports satisfy both. Only rows and
 * columns whose every cell holds a number are checked: blank is not zero.
 */
import { defineRule } from '../src/engine/rule.js';
import { allNumbers, cells, num, splitDigits, splitHint, sum, terms, totalFix, fixTotalMessage } from '../src/engine/tally.js';
import type { Cell } from '../src/model/tables.js';
import { cellRef, columnName, rowName } from '../src/engine/describe.js';

const OUTSIDE_RESULTS = new Set(['received', 'carriedOver', 'resultTotal', 'carriedForward']);

export default defineRule(
  {
    id: 'application-totals',
    type: 'problem',
    kind: 'defect',
    severity: 'error',
    templates: ['2019', '2021'],
    fixable: true,
    description: { zh: '表3（七）总计等于各办理结果之和，总计列等于各申请人列之和', en: 'table 3 totals: result total = sum of results; total column = sum of applicant columns' },
    messages: {
      resultTotal: {
        zh: (p) => `表3「${p.column}」列：（七）总计填报 ${p.reported}，但（一）至（六）各项之和为 ${p.computed}（${p.terms}）`,
        en: (p) => `table 3, column “${p.column}”: result total reported ${p.reported}, but the results add up to ${p.computed} (${p.terms})`,
      },
      columnTotal: {
        zh: (p) => `表3「${p.row}」行：总计填报 ${p.reported}，但各申请人列之和为 ${p.computed}（${p.terms}）${p.hint}`,
        en: (p) => `table 3, row “${p.row}”: total reported ${p.reported}, but the applicant columns add up to ${p.computed} (${p.terms})${p.hint}`,
      },
      fixTotal: fixTotalMessage,
    },
  },
  ({ model, report, lang }) => {
    const t = model.tables.application;
    if (!t) return;
    // A 2021 table that keeps 2019's single （六） row sums that row instead of its missing
    // sub-rows (table-shape reports the layout); a 2021 table without it sums the sub-rows.
    const read = new Set(t.rows.map((r) => r.def.key));
    const standIns = t.def.rows.filter((r) => r.optional && read.has(r.key));
    const standsFor = (key: string) => standIns.some((o) => key.startsWith(`${o.key}.`));
    const resultRows = t.def.rows
      .filter((r) => !OUTSIDE_RESULTS.has(r.key) && (r.optional ? read.has(r.key) : !standsFor(r.key) || read.has(r.key)))
      .map((r) => r.key);
    // every sum in the table: each column's （七）总计, and each row's 总计 column
    const tallies: Tally[] = [];
    for (const column of t.def.rows[0].columns) {
      const total = cells(t, ['resultTotal'], column.key)[0];
      if (total) tallies.push({ id: 'resultTotal', total, parts: cells(t, resultRows, column.key) });
    }
    for (const row of t.rows) {
      if (row.placement !== 'placed') continue;
      const total = row.cells.find((c) => c.column.key === 'total');
      if (total) tallies.push({ id: 'columnTotal', total, parts: row.cells.filter((c) => c.column.key !== 'total') });
    }
    for (const tally of tallies) {
      const parts = allNumbers(tally.parts);
      const total = tally.total;
      if (!parts || num(total) === null) continue;
      const computed = sum(parts);
      if (computed === num(total)) continue;
      // A total cell can stand in two sums (a row's 总计 is also a part of the 总计 column's
      // （七）总计): writing the sum into it is offered only if every other sum it stands in
      // holds afterwards — one mistyped cell breaks two sums, and only its own fix mends both.
      // (The core then proves the fix by linting the fixed table.)
      const fix = tallies.every((other) => other === tally || holdsWith(other, total, computed)) ? totalFix(total, computed) : undefined;
      if (tally.id === 'resultTotal')
        report(
          'resultTotal',
          { column: columnName(total), reported: num(total), computed, terms: terms(parts.filter((c) => num(c) !== 0), (c) => rowName(c.row), lang) || '0' },
          { place: total.place, expected: computed, actual: num(total)!, cell: cellRef(t, total), fix, operands: placesOf(parts) },
        );
      else {
        const split = splitDigits(parts, num(total)!);
        report(
          'columnTotal',
          { row: rowName(total.row), reported: num(total), computed, terms: terms(parts.filter((c) => num(c) !== 0), columnName, lang) || '0', hint: splitHint(split, lang) },
          // a number split across two cells is a reading to check first, not a total to change
          { place: total.place, expected: computed, actual: num(total)!, cell: cellRef(t, total), fix: split ? undefined : fix, operands: placesOf(parts) },
        );
      }
    }
  },
);

const placesOf = (cs: Cell[]) => cs.flatMap((c) => (c.place ? [c.place] : []));

interface Tally {
  id: 'resultTotal' | 'columnTotal';
  total: Cell;
  parts: Array<Cell | undefined>;
}

/** Whether a sum holds (or is not checked: a cell that is not a number) with one cell's value changed. */
function holdsWith(t: Tally, cell: Cell, value: number): boolean {
  if (t.total !== cell && !t.parts.includes(cell)) return true;
  const v = (c: Cell | undefined) => (c === cell ? value : num(c));
  const parts = t.parts.map(v);
  const total = v(t.total);
  if (total === null || parts.some((p) => p === null)) return true;
  return parts.reduce<number>((a, b) => a + b!, 0) === total;
}

