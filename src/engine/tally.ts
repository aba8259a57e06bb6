/** Helpers for the arithmetic rules: only numbers take part; blanks and words stop a check. */
import type { Cell, TemplateTable } from '../model/tables.js';
import { cellAt } from '../model/tables.js';

export function num(cell: Cell | undefined): number | null {
  return cell && cell.value.kind === 'number' ? cell.value.value : null;
}

/** The cells, if every one of them holds a number. */
export function allNumbers(cells: Array<Cell | undefined>): Cell[] | null {
  return cells.every((c) => num(c) !== null) ? (cells as Cell[]) : null;
}

export function sum(cells: Cell[]): number {
  return cells.reduce((s, c) => s + (num(c) ?? 0), 0);
}

export function cells(table: TemplateTable, rowKeys: string[], columnKey: string): Array<Cell | undefined> {
  return rowKeys.map((r) => cellAt(table, r, columnKey));
}

/** "2（一、本年新收）+ 0（二、上年结转）" */
export function terms(cs: Cell[], name: (c: Cell) => string): string {
  return cs.map((c) => `${num(c)}（${name(c)}）`).join(' + ');
}
