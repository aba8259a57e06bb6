/**
 * A PDF's pages as a flow of blocks: text lines outside tables grouped into paragraphs,
 * page headers/footers/page numbers taken out, and a table that runs on over a page break
 * (with or without a repeated header row) joined into one.
 */
import { type Run, linesOf, joinLine, joinLineSpans, joinWrapped } from './runs.js';
import type { PdfTable, PdfCell } from './tables.js';
import { NUMBERED_LABEL, labelKey } from '../../util/cjk.js';
import { templateTables } from '../../format/template.js';

export interface TextLine {
  page: number;
  /** where in its text OCR read below its confidence threshold ([from, to) offsets) */
  unsureSpans?: Array<[number, number]>;
  /** visual line on the page, 1-based */
  line: number;
  text: string;
  left: number;
  right: number;
  y: number;
  size: number;
  /**
   * Width of the line's first word when the page could not break it (figures, Latin letters, a
   * bracketed address: 「6.17%；」「2023年」's 2023, 「（www.example.gov.cn）」); 0 when it starts
   * with Chinese, which breaks anywhere. A line before it that stops short by less than this
   * was wrapped, not ended.
   */
  lead: number;
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
    ...(rs.some((r) => r.unsure) ? { unsureSpans: joinLineSpans(rs).unsure } : {}),
    left: rs[0].x,
    right: Math.max(...rs.map((r) => r.x + r.w)),
    y: rs[0].y,
    size: Math.max(...rs.map((r) => r.size)),
    lead: leadWidth(rs),
  }));
}

/** A word no line may be broken inside, with the brackets and the punctuation that cling to it. */
const UNBREAKABLE = /^[（(《“]?[0-9A-Za-z.,:/@%‰~+\-−_]+[)）》”]?[，。；：、！？%]?/;

function leadWidth(runs: Run[]): number {
  let text = '';
  const ends: number[] = []; // the right edge of each character of the line's start
  for (const r of runs) {
    const chars = [...r.str];
    chars.forEach((ch, i) => {
      text += ch;
      ends.push(r.x + (r.w * (i + 1)) / chars.length);
    });
    if (text.length > 80) break;
  }
  const m = UNBREAKABLE.exec(text);
  if (!m || !/[0-9A-Za-z]/.test(m[0])) return 0;
  return ends[[...m[0]].length - 1] - runs[0].x;
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
  // a numbered heading starts a paragraph of its own (a wrapped decimal such as 6.17% is no heading)
  if (NUMBERED_LABEL.test(line.text) && !/^\d+[.．]\d/.test(line.text)) return false;
  const size = line.size;
  const centred = (l: TextLine) => l.left > body.left + 2 * size && Math.abs((l.left + l.right) / 2 - body.centre) < size;
  if (line.page === prev.page) {
    const pitch = prev.y - line.y;
    if (pitch <= 0 || pitch > Math.max(size * 1.2, body.pitch) * 1.25) return false;
    // a title centred over two lines
    if (centred(prev) && centred(line)) return true;
  }
  const indented = line.left > body.left + size * 1.2;
  // the line before reaches the right edge, or the first word of this one would not have fitted on it
  const prevFull = prev.right + line.lead >= body.right - size * 1.5;
  return !indented && prevFull;
}

/**
 * A table at the top of a page continues the one that ended the previous page when its
 * outer edges line up.
 */
function continues(a: PdfTable, b: PdfTable): boolean {
  return b.page === a.endPage + 1 && Math.abs(a.left - b.left) < 4 && Math.abs(a.right - b.right) < 4;
}

/**
 * Append b's rows to a: columns on a common set of borders, a repeated header dropped, and
 * what the page break cut put back together.
 *
 * A row allowed to break across pages leaves two fragments: its last grid row on the old page
 * and the first on the new one, column for column under each other. They are one row when
 * the new page's fragment starts no row of its own and the two halves complement each other:
 * in each column at most one half holds a figure and, where both hold words, the lower words
 * go on with the upper ones (see `goesOn`) — or the new page's fragment is empty. Then the
 * row's figures stay with its label, whether they stood on the old page (the label running on
 * over the break) or come on the new one (the label on one page, the figures on the next), and
 * a row left blank on the page stays blank: a new row label under it is never joined to it.
 * Otherwise only a label over several rows (a row group such as （三）不予公开) runs on: its
 * cell goes on over the rows of the new page.
 */
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
  let rows = b.rowCount - headerRows;
  const R = a.rowCount; // b's first row, in a's numbering
  const foot = a.cells.filter((o) => o.r1 === R);
  const pairs = bCells.filter((c) => c.r0 === R).map((c) => ({ c, above: foot.find((o) => o.c0 === c.c0 && o.c1 === c.c1) }));
  const join = (above: PdfCell, c: PdfCell, shift: number) => {
    above.r1 = c.r1 - shift;
    above.text = joinWrapped([above.text, c.text].filter((t) => t !== ''));
    above.runs = [...above.runs, ...c.runs];
  };
  if (rowGoesOn(pairs)) {
    // one row: every half joins the cell above it, and b's first grid row is gone
    for (const { c, above } of pairs) if (above) join(above, c, 1);
    bCells = bCells.filter((c) => c.r0 !== R).map((c) => ({ ...c, r0: c.r0 - 1, r1: c.r1 - 1 }));
    rows--;
  } else {
    // the new page's first row has a label of its own (2.没有现成信息… beside the group column)
    const labelled = pairs.some(({ c }) => c.text !== '' && !NUMERIC.test(c.text));
    for (const { c, above } of pairs) {
      if (!above) continue;
      // a row group's label centred over rows on both pages leaves an empty cell under it on the
      // new page; its text may also run on there (（六）其他处 / 理) over rows of their own
      const spans = above.r1 - above.r0 > 1 || c.r1 - c.r0 > 1;
      const label = c.text === '' ? above.text !== '' && !/\d/.test(above.text) && (spans || labelled) : spans && goesOn(above.text, c.text);
      if (!label) continue;
      join(above, c, 0);
      bCells = bCells.filter((o) => o !== c);
    }
  }
  a.cells = [...a.cells, ...bCells];
  a.rowCount += rows;
  a.xs = xs;
  a.bottom = b.bottom;
  a.endPage = b.endPage;
}

type Pair = { c: PdfCell; above: PdfCell | undefined };

/** The first grid row of the new page goes on with the last row of the old one (see joinTables). */
function rowGoesOn(pairs: Pair[]): boolean {
  // a cell of the new row that is not under one of the old row's cells: another layout, another row
  if (pairs.some(({ c, above }) => !above && (c.text !== '' || c.r1 - c.r0 > 1))) return false;
  const halves = pairs.filter((p): p is { c: PdfCell; above: PdfCell } => p.above !== undefined);
  // nothing at all on the new page: the rest of a row whose text all stood on the old one
  if (!halves.some(({ c }) => c.text !== '')) return halves.length > 0 && halves.length === pairs.length;
  for (const { c, above } of halves) {
    if (startsRow(c.text)) return false;
    if (above.text === '' || c.text === '') continue;
    // two figures, or a figure under header words: two rows
    if (NUMERIC.test(above.text) || NUMERIC.test(c.text)) return false;
    if (!goesOn(above.text, c.text)) return false;
  }
  // …and the row it makes has a label
  return halves.some(({ c, above }) => [above.text, c.text].some((t) => t !== '' && !NUMERIC.test(t)));
}

const NUMERIC = /^[-+−]?\d[\d,.]*\s*[%万元件条个次]*$/;

/**
 * The format's labels (rows, row groups, header words of both versions) as comparison keys:
 * a label cut by a page break is known by what its halves make together.
 */
const key = (s: string) => labelKey(s.normalize('NFKC'));
const FORMAT = [...templateTables('2019'), ...templateTables('2021')];
const ROW_LABELS = new Set(FORMAT.flatMap((t) => [...t.rows.flatMap((r) => r.match), ...t.groups]).map(key));
const ALL_LABELS = new Set([...ROW_LABELS, ...FORMAT.flatMap((t) => t.headers).map(key)]);

/** Text that opens a row of its own: a numbered label (1. （二） 三、) or one of the format's row labels. */
function startsRow(text: string): boolean {
  if (text === '' || NUMERIC.test(text)) return false;
  return NUMBERED_LABEL.test(text.trim()) || ROW_LABELS.has(key(text));
}

/**
 * Words on the new page that go on with the words of the cell above them: together they make
 * one of the format's labels, or the upper words are visibly cut (a bracket left open, a
 * numbered label whose rest follows), or the lower ones are a stub of a word or two (结果维 / 持).
 */
function goesOn(upper: string, lower: string): boolean {
  if (startsRow(lower) || NUMERIC.test(lower) || NUMERIC.test(upper)) return false;
  const k = key(upper + lower);
  if (ALL_LABELS.has(k) || [...ALL_LABELS].some((l) => l.length >= 4 && k.startsWith(l))) return true;
  return opens(upper) || NUMBERED_LABEL.test(upper.trim()) || [...lower.replace(/\s/g, '')].length <= 2;
}

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

