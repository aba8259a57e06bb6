/**
 * A PDF's pages as a flow of blocks: text lines outside tables grouped into paragraphs,
 * page headers/footers/page numbers taken out, and a table that runs on over a page break
 * (with or without a repeated header row) joined into one.
 */
import { type Run, linesOf, joinLine } from './runs.js';
import type { PdfTable, PdfCell } from './tables.js';
import { NUMBERED_LABEL } from '../../util/cjk.js';

export interface TextLine {
  page: number;
  /** visual line on the page, 1-based */
  line: number;
  text: string;
  left: number;
  right: number;
  y: number;
  size: number;
}

export interface PageContent {
  number: number;
  width: number;
  height: number;
  lines: TextLine[];
  tables: PdfTable[];
}

export type FlowBlock = { kind: 'paragraph'; lines: TextLine[] } | { kind: 'table'; table: PdfTable };

export function toTextLines(page: number, runs: Run[]): TextLine[] {
  return linesOf(runs).map((rs) => ({
    page,
    line: rs[0].line,
    text: joinLine(rs),
    left: rs[0].x,
    right: Math.max(...rs.map((r) => r.x + r.w)),
    y: rs[0].y,
    size: Math.max(...rs.map((r) => r.size)),
  }));
}

const PAGE_NUMBER = /^(第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|[-—–−_\s]*\d{1,4}[-—–−_\s]*|\d{1,4}\s*\/\s*\d{1,4}|page\s*\d+(\s*of\s*\d+)?)$/i;
const MARGIN = 0.1; // top and bottom tenth of the page

/** Lines in the top or bottom margin that are page numbers or repeat on many pages. */
export function dropPageFurniture(pages: PageContent[]): void {
  const key = (l: TextLine) => l.text.replace(/\d+/g, '#').replace(/\s+/g, '');
  const inMargin = (p: PageContent, l: TextLine) => l.y > p.height * (1 - MARGIN) || l.y < p.height * MARGIN;
  const seen = new Map<string, Set<number>>();
  for (const p of pages) for (const l of p.lines) if (inMargin(p, l)) seen.set(key(l), (seen.get(key(l)) ?? new Set()).add(p.number));
  const repeated = (l: TextLine) => pages.length >= 2 && (seen.get(key(l))?.size ?? 0) >= Math.max(2, pages.length * 0.4);
  for (const p of pages) p.lines = p.lines.filter((l) => !(inMargin(p, l) && (PAGE_NUMBER.test(l.text) || repeated(l))));
}

/** Blocks of all pages in reading order; paragraphs may run across a page break. */
export function toFlow(pages: PageContent[]): FlowBlock[] {
  const body = bodyMetrics(pages);
  const flow: FlowBlock[] = [];
  for (const p of pages) {
    const items: Array<{ top: number; line?: TextLine; table?: PdfTable }> = [
      ...p.lines.map((line) => ({ top: line.y + line.size, line })),
      ...p.tables.map((table) => ({ top: table.top, table })),
    ].sort((a, b) => b.top - a.top);
    for (const it of items) {
      const last = flow[flow.length - 1];
      if (it.table) {
        if (last?.kind === 'table' && continues(last.table, it.table)) joinTables(last.table, it.table);
        else flow.push({ kind: 'table', table: it.table });
      } else if (it.line) {
        if (last?.kind === 'paragraph' && sameParagraph(last.lines[last.lines.length - 1], it.line, body)) last.lines.push(it.line);
        else flow.push({ kind: 'paragraph', lines: [it.line] });
      }
    }
  }
  return flow;
}

interface Body {
  left: number;
  right: number;
  centre: number;
  /** the usual distance between the baselines of two lines of one paragraph */
  pitch: number;
}

/** Where body text starts and ends: the most common left edge, and the right edge most lines reach. */
function bodyMetrics(pages: PageContent[]): Body {
  const lines = pages.flatMap((p) => p.lines);
  const count = new Map<number, number>();
  for (const l of lines) count.set(Math.round(l.left), (count.get(Math.round(l.left)) ?? 0) + 1);
  const left = [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const rights = lines.map((l) => l.right).sort((a, b) => a - b);
  const right = rights[Math.floor(rights.length * 0.9)] ?? 0;
  const pitches: number[] = [];
  for (const p of pages)
    for (let i = 1; i < p.lines.length; i++) {
      const d = p.lines[i - 1].y - p.lines[i].y;
      if (d > 0 && d < p.lines[i].size * 4) pitches.push(d);
    }
  pitches.sort((a, b) => a - b);
  const pitch = pitches[Math.floor(pitches.length / 2)] ?? 0;
  return { left, right, centre: (left + right) / 2, pitch };
}

function sameParagraph(prev: TextLine, line: TextLine, body: Body): boolean {
  if (Math.abs(prev.size - line.size) > 1) return false;
  if (NUMBERED_LABEL.test(line.text)) return false;
  const size = line.size;
  const centred = (l: TextLine) => l.left > body.left + 2 * size && Math.abs((l.left + l.right) / 2 - body.centre) < size;
  if (line.page === prev.page) {
    const pitch = prev.y - line.y;
    if (pitch <= 0 || pitch > Math.max(size * 1.2, body.pitch) * 1.25) return false;
    // a title centred over two lines
    if (centred(prev) && centred(line)) return true;
  }
  const indented = line.left > body.left + size * 1.2;
  const prevFull = prev.right >= body.right - size * 1.5;
  return !indented && prevFull;
}

/**
 * A table at the top of a page continues the one that ended the previous page when its
 * outer edges line up.
 */
function continues(a: PdfTable, b: PdfTable): boolean {
  return b.page === a.endPage + 1 && Math.abs(a.left - b.left) < 4 && Math.abs(a.right - b.right) < 4;
}

/** Append b's rows to a: columns on a common set of borders, a repeated header dropped, a row label cut by the break rejoined. */
function joinTables(a: PdfTable, b: PdfTable): void {
  const xs = mergeBorders(a.xs, b.xs);
  const col = (x: number) => xs.findIndex((v) => Math.abs(v - x) < 3);
  const remap = (c: PdfCell, rowOffset: number): PdfCell => ({
    ...c,
    r0: c.r0 + rowOffset,
    r1: c.r1 + rowOffset,
    c0: col(c.left),
    c1: col(c.right),
  });
  a.cells = a.cells.map((c) => remap(c, 0));
  let bCells = b.cells.map((c) => remap(c, a.rowCount));
  // a header row repeated on the new page: the first rows of b say what the first rows of a say
  const headerRows = repeatedHeaderRows(a, b);
  if (headerRows > 0) {
    bCells = bCells.filter((c) => c.r0 - a.rowCount >= headerRows).map((c) => ({ ...c, r0: c.r0 - headerRows, r1: c.r1 - headerRows }));
  }
  const rows = b.rowCount - headerRows;
  // Cells cut by the page break. A row label centred over rows on both pages leaves an empty
  // cell on the new page under it; a row allowed to break leaves text open at the foot of
  // the page (a bracket not closed) and its rest on the next: then the whole row is one.
  const cut = (c: PdfCell) => a.cells.find((o) => o.r1 === a.rowCount && o.c0 === c.c0 && o.c1 === c.c1);
  const firstRow = bCells.filter((c) => c.r0 === a.rowCount);
  const pairs = firstRow.flatMap((c) => {
    const above = cut(c);
    return above ? [{ c, above }] : [];
  });
  const lastRow = a.cells.filter((o) => o.r1 === a.rowCount);
  const rowBroken =
    // text left open at the foot of the page: a bracket not closed
    pairs.some(({ c, above }) => c.text !== '' && opens(above.text)) ||
    // a numbered row label (5.要求行政机关确认或重新 / 出具已获取信息) going on, nothing else new
    (pairs.some(({ c, above }) => NUMBERED_LABEL.test(above.text) && c.text !== '' && !NUMBERED_LABEL.test(c.text)) &&
      pairs.every(({ c }) => !NUMERIC.test(c.text) && !NUMBERED_LABEL.test(c.text))) ||
    // header words cut in the middle (结果维 / 持): no numbers, no labels, a fragment on the new page
    (lastRow.every((o) => !NUMERIC.test(o.text) && !NUMBERED_LABEL.test(o.text)) &&
      pairs.every(({ c }) => !NUMERIC.test(c.text) && !NUMBERED_LABEL.test(c.text)) &&
      pairs.some(({ c, above }) => above.text !== '' && c.text !== '' && [...c.text].length <= 2));
  for (const c of firstRow) {
    const above = cut(c);
    if (!above) continue;
    const label = c.text === '' && above.text !== '' && !/\d/.test(above.text);
    if (!rowBroken && !label) continue;
    above.r1 = c.r1;
    above.text += c.text;
    above.runs = [...above.runs, ...c.runs];
    bCells = bCells.filter((o) => o !== c);
  }
  a.cells = [...a.cells, ...bCells];
  a.rowCount += rows;
  a.xs = xs;
  a.bottom = b.bottom;
  a.endPage = b.endPage;
}

const NUMERIC = /^[-+−]?\d[\d,.]*\s*[%万元件条个次]*$/;

/** Text that a page break cut: an opening bracket not yet closed. */
function opens(text: string): boolean {
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  return count(/[（(《“]/g) > count(/[）)》”]/g);
}

function mergeBorders(a: number[], b: number[]): number[] {
  const out = [...a];
  for (const x of b) if (!out.some((v) => Math.abs(v - x) < 3)) out.push(x);
  return out.sort((p, q) => p - q);
}

function rowText(t: PdfTable, r: number): string {
  return t.cells
    .filter((c) => c.r0 === r)
    .sort((p, q) => p.left - q.left)
    .map((c) => c.text)
    .join('|');
}

function repeatedHeaderRows(a: PdfTable, b: PdfTable): number {
  let n = 0;
  while (n < Math.min(a.rowCount, b.rowCount) - 1 && rowText(a, n) === rowText(b, n) && rowText(a, n).replace(/\|/g, '') !== '' && !/^[\d|.\s]+$/.test(rowText(a, n))) n++;
  return n;
}

