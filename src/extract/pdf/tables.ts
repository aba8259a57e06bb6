/**
 * Tables rebuilt from a page's ruling lines: lines that touch form one table; the distinct
 * x and y of its lines form an elementary grid; where a border between two elementary cells
 * is missing they are one merged cell (rowspan/colspan). Text runs are then placed in cells
 * by their centre. This is what keeps merged header cells and row labels centred across
 * their span in the right place — something text order alone cannot recover.
 */
import type { Segment } from './rulings.js';
import { type Run, linesOf, joinLine, joinWrapped, splitRun } from './runs.js';
import { pushTo } from '../../util/group.js';

export interface PdfCell {
  page: number;
  /** grid rows [r0, r1) and columns [c0, c1) of the table */
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  runs: Run[];
  text: string;
}

export interface PdfTable {
  page: number;
  /** the page it ends on, once joined with its continuations */
  endPage: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** column borders, left to right */
  xs: number[];
  rowCount: number;
  cells: PdfCell[];
}

const SNAP = 3; // points: lines closer than this are one line (double borders, CJK/Latin baselines)
const TOUCH = 2.5;

/** Representative values of clusters of nearby numbers (each cluster spans at most tol), ascending. */
function cluster(values: number[], tol = SNAP): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[0] <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
}

/**
 * Pieces of one line joined (cells often draw their borders one by one): same direction,
 * within SNAP of each other across, touching along. Lines of two different tables that
 * happen to stand at nearly the same x stay apart because they do not touch.
 */
function mergeSegments(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  const sorted = [...segs].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : a.from - b.from));
  for (const s of sorted) {
    const m = out.find((o) => o.dir === s.dir && Math.abs(o.at - s.at) <= SNAP && s.from <= o.to + TOUCH && s.to >= o.from - TOUCH);
    if (m) {
      m.from = Math.min(m.from, s.from);
      m.to = Math.max(m.to, s.to);
    } else out.push({ ...s });
  }
  return out.filter((s) => s.to - s.from > SNAP);
}

function touches(h: Segment, v: Segment): boolean {
  return v.at >= h.from - TOUCH && v.at <= h.to + TOUCH && h.at >= v.from - TOUCH && h.at <= v.to + TOUCH;
}

/** Groups of ruling lines that touch each other: each group with a grid of at least 2 cells is a table. */
export function findTables(segments: Segment[], page: number): PdfTable[] {
  const segs = mergeSegments(segments);
  const parent = segs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < segs.length; i++)
    for (let j = i + 1; j < segs.length; j++) {
      const [a, b] = [segs[i], segs[j]];
      if (a.dir !== b.dir && touches(a.dir === 'h' ? a : b, a.dir === 'h' ? b : a)) parent[find(i)] = find(j);
    }
  const groups = new Map<number, Segment[]>();
  segs.forEach((s, i) => pushTo(groups, find(i), s));
  const tables: PdfTable[] = [];
  for (const group of groups.values()) {
    const t = gridOf(group, page);
    if (t && t.cells.length >= 2) tables.push(t);
  }
  return tables.sort((a, b) => b.top - a.top);
}

function gridOf(segs: Segment[], page: number): PdfTable | null {
  const hs = segs.filter((s) => s.dir === 'h');
  const vs = segs.filter((s) => s.dir === 'v');
  if (hs.length < 2 || vs.length < 2) return null;
  const xs = cluster(vs.map((s) => s.at));
  const ys = cluster(hs.map((s) => s.at)).reverse(); // top to bottom
  if (xs.length < 2 || ys.length < 2) return null;
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  const covered = (lines: Segment[], at: number, mid: number) =>
    lines.some((s) => Math.abs(s.at - at) <= SNAP && s.from - TOUCH <= mid && mid <= s.to + TOUCH);
  // union elementary cells not separated by a border
  const id = (r: number, c: number) => r * cols + c;
  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const ymid = (ys[r] + ys[r + 1]) / 2;
      const xmid = (xs[c] + xs[c + 1]) / 2;
      if (c + 1 < cols && !covered(vs, xs[c + 1], ymid)) parent[find(id(r, c))] = find(id(r, c + 1));
      if (r + 1 < rows && !covered(hs, ys[r + 1], xmid)) parent[find(id(r, c))] = find(id(r + 1, c));
    }
  const boxes = new Map<number, PdfCell>();
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const root = find(id(r, c));
      const b = boxes.get(root);
      if (!b) boxes.set(root, { page, r0: r, r1: r + 1, c0: c, c1: c + 1, left: xs[c], right: xs[c + 1], top: ys[r], bottom: ys[r + 1], runs: [], text: '' });
      else {
        b.r1 = Math.max(b.r1, r + 1);
        b.bottom = ys[b.r1];
        b.c1 = Math.max(b.c1, c + 1);
        b.c0 = Math.min(b.c0, c);
        b.right = xs[b.c1];
        b.left = xs[b.c0];
      }
    }
  return { page, endPage: page, top: ys[0], bottom: ys[rows], left: xs[0], right: xs[cols], xs, rowCount: rows, cells: [...boxes.values()] };
}

/** Put each run into the table cell holding its centre; return the runs outside every table. */
export function placeRuns(tables: PdfTable[], runs: Run[]): Run[] {
  const outside: Run[] = [];
  for (const run of runs) {
    const t = tables.find((t) => run.x + run.w / 2 >= t.left - 1 && run.x + run.w / 2 <= t.right + 1 && run.y + run.size * 0.3 <= t.top + 1 && run.y + run.size * 0.3 >= t.bottom - 1);
    if (!t) {
      outside.push(run);
      continue;
    }
    // a producer may write neighbouring narrow cells as one text item: cut it at the borders it crosses
    let pieces = [run];
    for (const x of t.xs.slice(1, -1)) {
      pieces = pieces.flatMap((p) => (p.x < x - 1 && p.x + p.w > x + 1 ? (splitRun(p, x) ?? [p]) : [p]));
    }
    for (const p of pieces) cellAt(t, p.x + p.w / 2, p.y + p.size * 0.3)?.runs.push(p);
  }
  for (const t of tables) for (const c of t.cells) c.text = joinWrapped(linesOf(c.runs).map(joinLine));
  return outside;
}

function cellAt(t: PdfTable, x: number, y: number): PdfCell | undefined {
  return t.cells.find((c) => x >= c.left - 0.5 && x <= c.right + 0.5 && y <= c.top + 0.5 && y >= c.bottom - 0.5);
}
