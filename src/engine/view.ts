/**
 * The report as a reader sees it, for a reporter that shows findings in place (the HTML page):
 * its blocks in order — headings and paragraphs as text, tables as grids of cells with their
 * spans — each knowing which findings point into it. Built from the model, so it is the same
 * for every input format; positions are the tree's, mapped before the extractor's locate.
 */
import type { ReportModel } from '../model/index.js';
import type { TemplateTable } from '../model/tables.js';
import type { Place } from '../types.js';

export interface ViewCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  header: boolean;
  /** indexes into the result's messages */
  messages: number[];
  /** the places of grouped findings that stand here: [message index, index in its `related`] */
  related: Array<[number, number]>;
  /** the findings whose reported sum this cell is a part of (a tally's operands) */
  operands?: number[];
}

export type ViewBlock =
  | { kind: 'heading' | 'paragraph'; text: string; messages: number[]; related: Array<[number, number]> }
  | { kind: 'table'; rows: ViewCell[][]; messages: number[]; related: Array<[number, number]> };

export interface DocumentView {
  title: string | null;
  blocks: ViewBlock[];
  /** findings that point at no block (a missing date, the page's metadata line) */
  unplaced: number[];
  /** the report's parts found (一、总体情况 …), each with the block its heading is: a finding belongs to the last part headed before its block */
  sections?: Array<{ number: number; title: string; block: number }>;
}

interface Point {
  line: number;
  column: number;
}

const before = (a: Point, b: Point) => a.line < b.line || (a.line === b.line && a.column <= b.column);
const inside = (p: Point, place: Place | undefined) => {
  if (!place) return false;
  const end = 'end' in place && place.end ? place.end : place.start;
  return before(place.start, p) && before(p, end);
};

/** Where each finding stands (its point, in the tree) and the places its `related` list, in order. */
export interface FindingPoints {
  at: Point | null;
  related?: Array<Point | null>;
  /** the cells a reported sum is made of */
  operands?: Point[];
}

/** In a place, its end excluded. */
const within = (p: Point, place: Place | undefined) => {
  if (!place) return false;
  const end = 'end' in place && place.end ? place.end : null;
  return before(place.start, p) && (!end || p.line < end.line || (p.line === end.line && p.column < end.column));
};

/** A cell of a table as the view draws it, with the place it was read from. */
interface SourceCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  header: boolean;
  place?: Place;
}

/** Each block the view draws and where it was read from: a block of the model, or a template table read from lines. */
interface Source {
  place?: Place;
  rows?: SourceCell[][];
}

/**
 * A template table read from lines of text (tab-, pipe-separated or one cell per line) has no
 * grid in the document: the view draws it from the model's reading — each row's label and its
 * cells, with the column labels above each run of rows that share them — so the page shows a
 * table as a table whatever the format, and the finding in a cell lights that cell.
 */
function gridOfLines(t: TemplateTable): SourceCell[][] {
  const out: SourceCell[][] = [];
  const cell = (text: string, header: boolean, place?: Place, colSpan = 1, rowSpan = 1): SourceCell => ({ text, rowSpan, colSpan, header, place });
  let columns = '';
  for (const row of t.rows) {
    const defs = row.cells.map((c) => c.column);
    const key = defs.map((c) => c.path.join('›')).join('\u0000');
    if (key !== columns) {
      out.push(...headerRows(defs.map((c) => (c.path.length ? c.path : [c.label]))));
      columns = key;
    }
    // a row whose values could not be put in columns is drawn as written: its values in order
    const values = row.placement === 'placed' ? row.cells.map((c) => cell(c.text ?? '', false, c.place)) : row.values.map((v) => cell(v.text, false, v.place));
    out.push([cell(row.label, false, row.place), ...values]);
  }
  return out;

  /** The column paths as header rows, a label over several columns spanning them (行政复议 over its five). */
  function headerRows(paths: string[][]): SourceCell[][] {
    const depth = Math.max(1, ...paths.map((p) => p.length));
    const rows: SourceCell[][] = [];
    for (let level = 0; level < depth; level++) {
      const row: SourceCell[] = level === 0 ? [cell('', true, undefined, 1, depth)] : [];
      for (let i = 0; i < paths.length; ) {
        const p = paths[i];
        if (p.length <= level) {
          i++; // drawn above, spanning down
          continue;
        }
        let j = i + 1;
        // the same label under the same parents: one cell across
        while (j < paths.length && paths[j].length > level && paths[j].slice(0, level + 1).join('›') === p.slice(0, level + 1).join('›')) j++;
        row.push(cell(p[level], true, undefined, j - i, p.length === level + 1 ? depth - level : 1));
        i = j;
      }
      rows.push(row);
    }
    return rows;
  }
}

/** A table as the view draws it, no finding in it yet. */
const tableBlock = (rows: SourceCell[][]): ViewBlock => ({
  kind: 'table',
  messages: [],
  related: [],
  rows: rows.map((row) => row.map((c) => ({ text: c.text, rowSpan: c.rowSpan, colSpan: c.colSpan, header: c.header, messages: [], related: [] }))),
});

export function buildView(model: ReportModel, findings: FindingPoints[]): DocumentView {
  // the lines each table read from text stands on: from its first token's line to its last's
  const fromLines = Object.values(model.tables)
    .filter((t): t is TemplateTable => !!t && t.style !== 'grid' && !!t.place && t.rows.length > 0)
    .map((t) => {
      const ends = t.rows.flatMap((r) => [r.place, ...r.cells.map((c) => c.place)]).flatMap((pl) => (pl ? [('end' in pl && pl.end ? pl.end : pl.start).line] : []));
      return { t, first: t.place!.start.line, last: Math.max(t.place!.start.line, ...ends) };
    });
  const sources: Source[] = [];
  const blocks: ViewBlock[] = [];
  /** the view block each model block is drawn in */
  const viewOf: number[] = [];
  const drawn = new Set<TemplateTable>();
  model.blocks.forEach((b, at) => {
    const lines = fromLines.find((x) => b.place && b.place.start.line >= x.first && ('end' in b.place && b.place.end ? b.place.end.line : b.place.start.line) <= x.last);
    const table = lines?.t;
    if (table && lines) {
      // the lines of the table are drawn as the one grid, where its first line stood
      if (!drawn.has(table)) {
        drawn.add(table);
        const rows = gridOfLines(table);
        sources.push({ place: { start: { line: lines.first, column: 1 }, end: { line: lines.last + 1, column: 1 } }, rows });
        blocks.push(tableBlock(rows));
      }
      viewOf[at] = blocks.length - 1;
      return;
    }
    viewOf[at] = blocks.length;
    if (b.kind === 'table') {
      const rows = (b.rows ?? []).map((row) => row.map((c): SourceCell => ({ text: c.text, rowSpan: c.rowSpan, colSpan: c.colSpan, header: c.header, place: c.place })));
      sources.push({ place: b.place, rows });
      blocks.push(tableBlock(rows));
    } else {
      sources.push({ place: b.place });
      blocks.push({ kind: b.kind, text: b.text, messages: [], related: [] });
    }
  });
  const unplaced: number[] = [];
  /** the block and the cells a point falls in */
  const place = (p: Point, add: (x: { messages: number[]; related: Array<[number, number]> }) => void): boolean => {
    const at = sources.findIndex((b) => inside(p, b.place));
    if (at < 0) return false;
    const view = blocks[at];
    add(view);
    if (view.kind !== 'table') return true;
    // the cell that starts at the point, else those it falls in (an end is exclusive: the cell
    // after an empty one starts where that one ends)
    const cells = (sources[at].rows ?? []).flatMap((row, r) => row.map((cell, c) => ({ cell, r, c })));
    const starts = cells.filter(({ cell }) => cell.place && cell.place.start.line === p.line && cell.place.start.column === p.column);
    const holds = starts.length ? starts : cells.filter(({ cell }) => within(p, cell.place));
    for (const { r, c } of holds) add(view.rows[r][c]);
    return true;
  };
  findings.forEach(({ at, related, operands }, i) => {
    if (!at || !place(at, (x) => x.messages.push(i))) unplaced.push(i);
    related?.forEach((p, k) => p && place(p, (x) => x.related.push([i, k])));
    // only cells take operands (the block already holds the finding itself)
    operands?.forEach((p) => place(p, (x) => 'header' in x && !(x as ViewCell).operands?.includes(i) && ((x as ViewCell).operands ??= []).push(i)));
  });
  const sections = model.sections.map((s) => ({ number: s.number, title: s.title, block: viewOf[s.heading.block] ?? s.heading.block }));
  return { title: model.title?.text ?? null, blocks, unplaced, sections };
}
