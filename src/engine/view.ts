/**
 * The report as a reader sees it, for a reporter that shows findings in place (the HTML page):
 * its blocks in order — headings and paragraphs as text, tables as grids of cells with their
 * spans — each knowing which findings point into it. Built from the model, so it is the same
 * for every input format; positions are the tree's, mapped before the extractor's locate.
 */
import type { ReportModel } from '../model/index.js';
import type { Place } from '../types.js';

export interface ViewCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  header: boolean;
  /** indexes into the result's messages */
  messages: number[];
}

export type ViewBlock =
  | { kind: 'heading' | 'paragraph'; text: string; messages: number[] }
  | { kind: 'table'; rows: ViewCell[][]; messages: number[] };

export interface DocumentView {
  title: string | null;
  blocks: ViewBlock[];
  /** findings that point at no block (a missing date, the page's metadata line) */
  unplaced: number[];
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

export function buildView(model: ReportModel, points: Array<Point | null>): DocumentView {
  const blocks: ViewBlock[] = model.blocks.map((b) =>
    b.kind === 'table'
      ? { kind: 'table', messages: [], rows: (b.rows ?? []).map((row) => row.map((c) => ({ text: c.text, rowSpan: c.rowSpan, colSpan: c.colSpan, header: c.header, messages: [] }))) }
      : { kind: b.kind, text: b.text, messages: [] },
  );
  const unplaced: number[] = [];
  points.forEach((p, i) => {
    if (!p) return void unplaced.push(i);
    const at = model.blocks.findIndex((b) => inside(p, b.place));
    if (at < 0) return void unplaced.push(i);
    const view = blocks[at];
    view.messages.push(i);
    if (view.kind !== 'table') return;
    model.blocks[at].rows?.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (inside(p, cell.place) || (cell.place && cell.place.start.line === p.line && cell.place.start.column === p.column)) view.rows[r][c].messages.push(i);
      }),
    );
  });
  return { title: model.title?.text ?? null, blocks, unplaced };
}
