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

/** "2（一、本年新收）+ 0（二、上年结转）"; in English "2 (一、本年新收) + 0 (…)" */
export function terms(cs: Cell[], name: (c: Cell) => string, lang: 'zh' | 'en' = 'zh'): string {
  return cs.map((c) => (lang === 'zh' ? `${num(c)}（${name(c)}）` : `${num(c)} (${name(c)})`)).join(' + ');
}

/**
 * Two neighbouring cells whose digits, read as one number, would make the tally hold — the
 * mark of a number that a conversion split across a cell border ("12" read as 1 | 2).
 * Only a hint for the message: the reported numbers stay as they are.
 */
export function splitDigits(parts: Cell[], reported: number): { left: Cell; right: Cell; joined: number } | null {
  const computed = sum(parts);
  for (let i = 0; i + 1 < parts.length; i++) {
    const a = num(parts[i]);
    const b = num(parts[i + 1]);
    if (a === null || b === null || a === 0 || !Number.isInteger(a) || !Number.isInteger(b) || b < 0) continue;
    const joined = Number(`${a}${b}`);
    if (computed - a - b + joined === reported) return { left: parts[i], right: parts[i + 1], joined };
  }
  return null;
}

export function splitHint(split: ReturnType<typeof splitDigits>, lang: 'zh' | 'en'): string {
  if (!split) return '';
  const [a, b] = [num(split.left), num(split.right)];
  return lang === 'zh'
    ? `。提示：若相邻两格「${a}」「${b}」原是一个数「${split.joined}」、在转换中被拆开，合计即相符，请核对原件`
    : `. Hint: if the neighbouring cells “${a}” and “${b}” were one number ${split.joined} split by a conversion, the total would hold; check the original`;
}

/** The title of a total's quick fix: every tally rule has it as its `fixTotal` message. */
export const fixTotalMessage = {
  zh: (p: { reported: number; computed: number }) => `把总计 ${p.reported} 改为 ${p.computed}`,
  en: (p: { reported: number; computed: number }) => `Change the total ${p.reported} to ${p.computed}`,
};

/** The quick fix that writes the computed sum into a total cell (its title: the rule's `fixTotal` message). */
export function totalFix(total: Cell, computed: number) {
  if (!total.text) return undefined;
  return { messageId: 'fixTotal', params: { reported: num(total), computed }, edits: [{ at: total.place, from: total.text.trim(), to: String(computed) }] };
}
