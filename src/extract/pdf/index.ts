/**
 * PDF → mdast. pdf.js gives positioned text items and drawing operators; from them we
 * rebuild tables (ruling lines → grid → cells with spans), lines and paragraphs, drop page
 * furniture, and join tables cut by page breaks. Tree positions are lines of the rebuilt
 * text; locate() turns them back into "page N, line M" with a quote.
 */
import type { Root, RootContent, Table, TableRow, TableCell, Paragraph, Text } from 'mdast';
import type { Point, SourceLocation } from '../../types.js';
import { ExtractError } from '../errors.js';
import { loadPdf, type PdfAssets } from './load.js';
import type { PdfThreads } from './thread.js';
import type { Deadline } from '../deadline.js';
import { rulings } from './rulings.js';
import { toRuns } from './runs.js';
import { findTables, placeRuns, type PdfTable } from './tables.js';
import { toTextLines, dropPageFurniture, toFlow, type PageContent, type TextLine } from './layout.js';

export interface PdfExtract {
  tree: Root;
  locate: (point: Point) => SourceLocation;
}

/** A PDF with fewer visible characters than this per page, on average, has no real text layer (a scan). */
const MIN_CHARS_PER_PAGE = 10;

export async function pdfToMdast(bytes: Uint8Array, assets?: PdfAssets, deadline?: Deadline, threads?: PdfThreads): Promise<PdfExtract> {
  const raw = await loadPdf(bytes, assets, deadline, threads);
  const pages: PageContent[] = raw.map((p) => {
    deadline?.check();
    const runs = toRuns(p.items, p.number);
    const tables = findTables(rulings(p.ops), p.number);
    const outside = placeRuns(tables, runs);
    return { number: p.number, width: p.width, height: p.height, lines: toTextLines(p.number, outside), tables };
  });
  const chars = raw.reduce((n, p) => n + p.items.reduce((m, it) => m + it.str.replace(/\s/g, '').length, 0), 0);
  if (chars === 0 || chars < MIN_CHARS_PER_PAGE * raw.length) throw new ExtractError('pdf-no-text-layer', { pages: String(raw.length) });
  dropPageFurniture(pages);
  return emit(toFlow(pages));
}

interface Emitted {
  page: number;
  line: number;
  text: string;
}

function emit(flow: ReturnType<typeof toFlow>): PdfExtract {
  // Every rebuilt line gets a line number of its own in the tree, in reading order.
  const lines: Emitted[] = [];
  const lineId = (page: number, line: number, text: string) => lines.push({ page, line, text });
  const children: RootContent[] = [];
  for (const block of flow) children.push(block.kind === 'paragraph' ? paragraph(block.lines, lineId) : table(block.table, lineId));
  const locate = (point: Point): SourceLocation => {
    const l = lines[point.line - 1];
    if (!l) return { page: null, line: null, column: null };
    const quote = (l.text.slice(Math.max(0, point.column - 1)) || l.text).slice(0, 30);
    return { page: l.page, line: l.line, column: point.column, quote };
  };
  const end = { line: Math.max(1, lines.length), column: 1 };
  return { tree: { type: 'root', children, position: { start: { line: 1, column: 1 }, end } }, locate };
}

const byPlace = (a: { page: number; line: number }, b: { page: number; line: number }) => a.page - b.page || a.line - b.line;

type LineId = (page: number, line: number, text: string) => number;

function paragraph(tl: TextLine[], lineId: LineId): Paragraph {
  const ids = tl.map((l) => lineId(l.page, l.line, l.text));
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
      const id = lineId(own.page, own.line, c.text);
      const position = { start: { line: id, column: 1 }, end: { line: id, column: c.text.length + 1 } };
      return {
        type: 'tableCell',
        children: c.text ? [{ type: 'text', value: c.text, position }] : [],
        position,
        data: { rowSpan: c.r1 - c.r0, colSpan: c.c1 - c.c0, header: false } as TableCell['data'],
      };
    });
    rows.push({ type: 'tableRow', children: tableCells, position: { start: tableCells[0].position!.start, end: tableCells[tableCells.length - 1].position!.end } });
  }
  const position = rows.length ? { start: rows[0].position!.start, end: rows[rows.length - 1].position!.end } : undefined;
  return { type: 'table', children: rows, position };
}
