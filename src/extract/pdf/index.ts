/**
 * PDF → mdast. pdf.js gives positioned text items and drawing operators; from them we
 * rebuild tables (ruling lines → grid → cells with spans), lines and paragraphs, drop page
 * furniture, and join tables cut by page breaks. Tree positions are lines of the rebuilt
 * text; locate() turns them back into "page N, line M" with a quote.
 */
import type { Root, RootContent, Table, TableRow, TableCell, Paragraph, Text } from 'mdast';
import type { Point, SourceLocation } from '../../types.js';
import { ExtractError } from '../errors.js';
import { loadPdf, MIN_PAGE_CHARS, visibleChars, type PdfAssets, type RawItem } from './load.js';
import type { PdfThreads } from './thread.js';
import { NO_DEADLINE, type Deadline } from '../deadline.js';
import type { OcrOptions } from '../ocr/engine.js';
import { rulings, type Segment } from './rulings.js';
import { toRuns } from './runs.js';
import { findTables, placeRuns, type PdfTable } from './tables.js';
import { toTextLines, dropPageFurniture, toFlow, type PageContent, type TextLine } from './layout.js';

export interface PdfExtract {
  tree: Root;
  locate: (point: Point) => SourceLocation;
  /** set when pages were read by OCR: the engine and those pages */
  ocr?: { engine: string; pages: number[] };
  /** whether what a finding reads between two points rests on a word OCR was unsure of */
  unsure?: (start: Point, end?: Point | null) => boolean;
}

/** A PDF with fewer visible characters than this per page, on average, has no real text layer (a scan). */
const MIN_CHARS_PER_PAGE = 10;

/** What one page gives the layout code, whether read from its text layer or by OCR. */
export interface PageInput {
  number: number;
  width: number;
  height: number;
  items: RawItem[];
  segments: Segment[];
  /** read by OCR */
  scanned?: boolean;
}

export async function pdfToMdast(bytes: Uint8Array, assets?: PdfAssets, deadline: Deadline = NO_DEADLINE, threads?: PdfThreads, ocr?: OcrOptions): Promise<PdfExtract> {
  const mode = ocr ? (ocr.mode ?? 'auto') : 'off';
  const raw = await loadPdf(bytes, assets, deadline, threads, mode === 'force' ? 'all' : mode === 'auto' ? 'textless' : 'none');
  const textless = raw.filter((p) => visibleChars(p.items) < MIN_PAGE_CHARS);
  const chars = raw.reduce((n, p) => n + visibleChars(p.items), 0);
  const scan = chars === 0 || chars < MIN_CHARS_PER_PAGE * raw.length;
  // a scan, a page of one among text pages, or every page when forced
  const toRead = mode === 'force' ? raw : mode === 'auto' ? textless.filter((p) => scan || p.picture) : [];
  if (scan && toRead.length === 0) throw new ExtractError(ocr ? 'ocr-off' : 'pdf-no-text-layer', { pages: String(raw.length), what: `PDF，${raw.length} 页`, whatEn: `a PDF of ${raw.length} page(s)` });
  const read = new Map<number, PageInput>();
  if (toRead.length > 0) {
    const { scannedPdfPages } = await import('../ocr/index.js');
    for (const p of await scannedPdfPages(bytes, toRead, ocr!.engine, deadline, ocr!.pageTime)) read.set(p.number, p);
  }
  const inputs: PageInput[] = raw.map((p) => read.get(p.number) ?? { number: p.number, width: p.width, height: p.height, items: p.items, segments: rulings(p.ops) });
  const out = pagesToMdast(inputs, deadline);
  if (read.size === 0) return out;
  if (!out.tree.children.length) throw new ExtractError('ocr-no-text', { pages: String(read.size) });
  return { ...out, ocr: { engine: ocr!.engine.name, pages: [...read.keys()] } };
}

/** Pages (from a text layer or OCR) → the tree: tables from ruling lines, text runs into cells, the rest into paragraphs. */
export function pagesToMdast(inputs: PageInput[], deadline: Deadline = NO_DEADLINE): PdfExtract {
  const scanned = new Set(inputs.filter((p) => p.scanned).map((p) => p.number));
  const pages: PageContent[] = inputs.map((p) => {
    deadline.check();
    const runs = toRuns(p.items, p.number);
    const tables = findTables(p.segments, p.number);
    const outside = placeRuns(tables, runs);
    return { number: p.number, width: p.width, height: p.height, lines: toTextLines(p.number, outside), tables };
  });
  dropPageFurniture(pages);
  return emit(toFlow(pages), scanned);
}

interface Emitted {
  page: number;
  line: number;
  text: string;
  unsure?: Array<[number, number]>;
}

function emit(flow: ReturnType<typeof toFlow>, scanned: Set<number>): PdfExtract {
  // Every rebuilt line gets a line number of its own in the tree, in reading order.
  const lines: Emitted[] = [];
  const lineId = (page: number, line: number, text: string, unsure?: Array<[number, number]>) => lines.push({ page, line, text, ...(unsure?.length ? { unsure } : {}) });
  const children: RootContent[] = [];
  for (const block of flow) children.push(block.kind === 'paragraph' ? paragraph(block.lines, lineId) : table(block.table, lineId));
  const locate = (point: Point): SourceLocation => {
    const l = lines[point.line - 1];
    if (!l) return { page: null, line: null, column: null };
    const quote = (l.text.slice(Math.max(0, point.column - 1)) || l.text).slice(0, 30);
    return { page: l.page, line: l.line, column: point.column, quote, ...(scanned.has(l.page) ? { ocr: true } : {}) };
  };
  // what a finding reads from start to end (or, given a point, the figure or character there) overlaps a word OCR was unsure of
  const unsure = (start: Point, end?: Point | null): boolean => {
    const l = lines[start.line - 1];
    if (!l?.unsure) return false;
    const from = Math.max(0, (start.column ?? 1) - 1);
    let to = end && end.line === start.line ? Math.max(from + 1, (end.column ?? 1) - 1) : from + 1;
    if (!end || end.line !== start.line) while (to < l.text.length && /[\d.,]/.test(l.text[to])) to++;
    if (end && end.line > start.line) to = l.text.length;
    return l.unsure.some(([a, b]) => a < to && b > from);
  };
  const end = { line: Math.max(1, lines.length), column: 1 };
  return { tree: { type: 'root', children, position: { start: { line: 1, column: 1 }, end } }, locate, ...(scanned.size ? { unsure } : {}) };
}

const byPlace = (a: { page: number; line: number }, b: { page: number; line: number }) => a.page - b.page || a.line - b.line;

type LineId = (page: number, line: number, text: string, unsure?: Array<[number, number]>) => number;

function paragraph(tl: TextLine[], lineId: LineId): Paragraph {
  const ids = tl.map((l) => lineId(l.page, l.line, l.text, l.unsureSpans));
  const last = tl[tl.length - 1];
  const position = { start: { line: ids[0], column: 1 }, end: { line: ids[ids.length - 1], column: last.text.length + 1 } };
  // Wrapped lines stay apart by '\n' so positions count lines; normalisation joins them.
  const text: Text = { type: 'text', value: tl.map((l) => l.text).join('\n'), position, data: { softWraps: true } as Text['data'] };
  return { type: 'paragraph', children: [text], position };
}

function table(t: PdfTable, lineId: LineId): Table {
  const rows: TableRow[] = [];
  let fallback = { page: t.page, line: 1 };
  for (let r = 0; r < t.rowCount; r++) {
    const cells = t.cells.filter((c) => c.r0 === r).sort((a, b) => a.c0 - b.c0);
    if (cells.length === 0) continue;
    // where this row stands on its page: its first line of text (an empty row: the row before)
    const first = cells.flatMap((c) => c.runs).sort(byPlace)[0];
    const here = first ? { page: first.page, line: first.line } : fallback;
    fallback = here;
    const tableCells: TableCell[] = cells.map((c) => {
      const own = [...c.runs].sort(byPlace)[0] ?? here;
      const id = lineId(own.page, own.line, c.text, c.runs.some((r) => r.unsure) ? [[0, Math.max(1, c.text.length)]] : undefined);
      const position = { start: { line: id, column: 1 }, end: { line: id, column: c.text.length + 1 } };
      return {
        type: 'tableCell',
        children: c.text ? [{ type: 'text', value: c.text, position }] : [],
        position,
        // a cell OCR was unsure of: the model reads its row as a doubt
        data: { rowSpan: c.r1 - c.r0, colSpan: c.c1 - c.c0, header: false, ...(c.runs.some((r) => r.unsure) ? { unsure: true } : {}) } as TableCell['data'],
      };
    });
    rows.push({ type: 'tableRow', children: tableCells, position: { start: tableCells[0].position!.start, end: tableCells[tableCells.length - 1].position!.end } });
  }
  const position = rows.length ? { start: rows[0].position!.start, end: rows[rows.length - 1].position!.end } : undefined;
  return { type: 'table', children: rows, position };
}
