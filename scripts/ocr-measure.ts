/**
 * How well a scan is read, against the PDF it was made from: the share of the original's table
 * cells read exactly (the cells of all tables in document order, aligned by their longest common
 * subsequence, text compared without spaces and with full- and half-width forms unified), and
 * whether the scan gives the original's findings (rule ids and counts; reading doubts apart).
 * Used by test/ocr.test.ts and bench/ocr.mjs.
 */
import type { Root, RootContent, Table } from 'mdast';
import type { LintResult } from '../src/types.js';

/**
 * The cells of the document's tables of two rows or more (a page's one-row strip of links, 当前位置
 * or 打印 关闭, drawn with borders no one sees, is no table a reader reads).
 */
export function tableCells(tree: Root): string[] {
  const out: string[] = [];
  const text = (n: RootContent): string => ('value' in n ? String(n.value) : 'children' in n ? (n.children as RootContent[]).map(text).join('') : '');
  const walk = (nodes: RootContent[]) => {
    for (const n of nodes) {
      if (n.type === 'table' && (n as Table).children.length >= 2) for (const row of (n as Table).children) for (const cell of row.children) out.push(comparable(cell.children.map(text).join('')));
      else if ('children' in n) walk(n.children as RootContent[]);
    }
  };
  walk(tree.children);
  return out;
}

const WIDE: Record<string, string> = { '（': '(', '）': ')', '：': ':', '，': ',', '；': ';', '“': '"', '”': '"', '、': ',', '。': '.', '—': '-', '－': '-', '／': '/' };

export function comparable(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/./g, (c) => WIDE[c] ?? c);
}

export interface CellScore {
  cells: number;
  exact: number;
  /** original → read, for the cells read otherwise */
  misreads: Array<[string, string]>;
}

/** The original's cells read exactly in the scan (longest common subsequence of the two cell lists). */
export function scoreCells(original: string[], read: string[]): CellScore {
  const n = original.length;
  const m = read.length;
  const L = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i][j] = original[i] === read[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const misreads: Array<[string, string]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (original[i] === read[j]) {
      i++;
      j++;
    } else if (L[i + 1][j] >= L[i][j + 1]) {
      // a cell of the original not matched: pair it with the scan's cell standing there
      misreads.push([original[i], L[i + 1][j + 1] === L[i][j] - 0 && j < m ? read[j] : '']);
      i++;
    } else j++;
  }
  while (i < n) misreads.push([original[i++], '']);
  return { cells: n, exact: L[0][0], misreads };
}

/** Defects by rule id (count of findings), reading doubts apart. */
export function findingCounts(r: LintResult): { defects: Record<string, number>; doubts: number } {
  const defects: Record<string, number> = {};
  let doubts = 0;
  for (const m of r.messages) {
    if (m.kind === 'doubt') doubts++;
    else defects[m.ruleId] = (defects[m.ruleId] ?? 0) + 1;
  }
  return { defects, doubts };
}

/** What differs between two findings' counts: `rule +n` (the scan has more), `rule -n` (fewer). */
export function findingsDiff(original: Record<string, number>, scan: Record<string, number>): string[] {
  const ids = [...new Set([...Object.keys(original), ...Object.keys(scan)])].sort();
  return ids.flatMap((id) => {
    const d = (scan[id] ?? 0) - (original[id] ?? 0);
    return d === 0 ? [] : [`${id} ${d > 0 ? '+' : ''}${d}`];
  });
}
