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

export function buildView(model: ReportModel, findings: FindingPoints[]): DocumentView {
  const blocks: ViewBlock[] = model.blocks.map((b) =>
    b.kind === 'table'
      ? { kind: 'table', messages: [], related: [], rows: (b.rows ?? []).map((row) => row.map((c) => ({ text: c.text, rowSpan: c.rowSpan, colSpan: c.colSpan, header: c.header, messages: [], related: [] }))) }
      : { kind: b.kind, text: b.text, messages: [], related: [] },
  );
  const unplaced: number[] = [];
  /** the block and the cells a point falls in */
  const place = (p: Point, add: (x: { messages: number[]; related: Array<[number, number]> }) => void): boolean => {
    const at = model.blocks.findIndex((b) => inside(p, b.place));
    if (at < 0) return false;
    const view = blocks[at];
    add(view);
    if (view.kind !== 'table') return true;
    // the cell that starts at the point, else those it falls in (an end is exclusive: the cell
    // after an empty one starts where that one ends)
    const cells = (model.blocks[at].rows ?? []).flatMap((row, r) => row.map((cell, c) => ({ cell, r, c })));
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
  const sections = model.sections.map((s) => ({ number: s.number, title: s.title, block: s.heading.block }));
  return { title: model.title?.text ?? null, blocks, unplaced, sections };
}
