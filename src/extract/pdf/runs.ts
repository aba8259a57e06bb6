/**
 * Text runs of a PDF page (pdf.js text items with their geometry) and the visual lines they
 * stand on. Page space: points, origin bottom-left, y is the baseline.
 */
import type { RawItem } from './load.js';
import { CJK_TEXT } from '../../util/cjk.js';
import { pushTo } from '../../util/group.js';

export interface Run {
  page: number;
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
  /** visual line on its page, 1-based from the top */
  line: number;
  /** read by OCR below its confidence threshold */
  unsure?: boolean;
}

export function toRuns(items: RawItem[], page: number): Run[] {
  const runs: Run[] = items.map((it) => {
    const [a, b, c, d, e, f] = it.transform;
    const size = Math.hypot(c, d) || Math.hypot(a, b) || it.height || 10;
    return { page, str: it.str, x: e, y: f, w: it.width, size, line: 0, ...(it.unsure ? { unsure: true } : {}) };
  });
  numberLines(runs);
  return runs;
}

/** Number the visual lines of a page: runs whose baselines are within half a character share one. */
function numberLines(runs: Run[]): void {
  const sorted = [...runs].sort((p, q) => q.y - p.y);
  let line = 0;
  let lastY = Infinity;
  for (const r of sorted) {
    if (lastY - r.y > r.size * 0.5) {
      line++;
      lastY = r.y;
    }
    r.line = line;
  }
}

/** Group runs into lines (top to bottom), each sorted left to right. */
export function linesOf(runs: Run[]): Run[][] {
  const byLine = new Map<number, Run[]>();
  for (const r of runs) pushTo(byLine, r.line, r);
  return [...byLine.keys()].sort((a, b) => a - b).map((k) => byLine.get(k)!.sort((p, q) => p.x - q.x));
}

/** The text of one line: runs joined, with a space only where a gap separates non-Chinese words. */
export function joinLine(runs: Run[]): string {
  return joinLineSpans(runs).text;
}

/** joinLine, and where in its text the runs read unsure by OCR stand ([from, to) offsets). */
export function joinLineSpans(runs: Run[]): { text: string; unsure: Array<[number, number]> } {
  let text = '';
  let prev: Run | null = null;
  const unsure: Array<[number, number]> = [];
  for (const r of runs) {
    if (prev) {
      const gap = r.x - (prev.x + prev.w);
      const cjk = CJK_TEXT.test(text.slice(-1)) || CJK_TEXT.test(r.str[0] ?? '');
      if (gap > r.size * (cjk ? 1.5 : 0.25) && !text.endsWith(' ') && !r.str.startsWith(' ')) text += ' ';
    }
    if (r.unsure) unsure.push([text.length, text.length + r.str.length]);
    text += r.str;
    prev = r;
  }
  const lead = text.length - text.trimStart().length;
  return { text: text.trim(), unsure: unsure.map(([a, b]) => [Math.max(0, a - lead), b - lead]) };
}

/** Wrapped lines of one cell or paragraph joined: nothing between Chinese, a space between words. */
export function joinWrapped(lines: string[]): string {
  let text = '';
  for (const l of lines) {
    if (text && !(CJK_TEXT.test(text.slice(-1)) || CJK_TEXT.test(l[0] ?? ''))) text += ' ';
    text += l;
  }
  return text;
}

/** Split a run at x (a cell border it crosses), by the share of its characters left of x. */
export function splitRun(r: Run, x: number): [Run, Run] | null {
  const chars = [...r.str];
  if (chars.length < 2) return null;
  const k = Math.round(((x - r.x) / r.w) * chars.length);
  if (k <= 0 || k >= chars.length) return null;
  const w1 = (r.w * k) / chars.length;
  return [
    { ...r, str: chars.slice(0, k).join(''), w: w1 },
    { ...r, str: chars.slice(k).join(''), x: r.x + w1, w: r.w - w1 },
  ];
}
