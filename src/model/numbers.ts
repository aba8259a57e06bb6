/**
 * What a table cell holds: a number (with its sign and unit as written), a blank, or words.
 * Blank is not zero.
 */
import type { CellKind } from '../format/template.js';

export type CellValue =
  | { kind: 'number'; value: number; unit?: string; raw: string }
  | { kind: 'blank'; raw: string }
  | { kind: 'word'; raw: string }
  /** the row's values could not be assigned to columns (a flattened table) */
  | { kind: 'unplaced' };

const BLANKS = /^\s*$/;

/** a note in brackets after a figure (「22（其中修订16件）」): the figure is the cell, the note is not */
const NOTE = /^(.*?\d)\s*[（(][^（）()]*[)）]\s*$/;

export function parseCell(raw: string, kind: CellKind): CellValue {
  let text = raw.trim();
  const note = NOTE.exec(text);
  if (note && /^[+＋\-－−减增]?\s*[\d,.]+\s*(万元|亿元|元|件|条|个|项)?$/.test(note[1].trim())) text = note[1].trim();
  if (BLANKS.test(text)) return { kind: 'blank', raw };
  const m = /^([+＋\-－−减增]?)\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万元|亿元|元|件|条|个|项)?$/.exec(text);
  if (!m) return { kind: 'word', raw };
  const [, signRaw, intPart, frac, unit] = m;
  const sign = /[\-－−减]/.test(signRaw) ? -1 : 1;
  if (signRaw && kind !== 'signed') {
    // a sign where the format has none is malformed, unless it is a harmless '+'
    if (sign < 0) return { kind: 'word', raw };
  }
  if (frac !== undefined && kind !== 'amount') return { kind: 'word', raw };
  if (unit && kind !== 'amount' && !['件', '条', '个', '项'].includes(unit)) return { kind: 'word', raw };
  const value = sign * Number(intPart.replace(/,/g, '') + (frac !== undefined ? '.' + frac : ''));
  return unit ? { kind: 'number', value, unit, raw } : { kind: 'number', value, raw };
}
