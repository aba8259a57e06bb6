/**
 * Where a point of mammoth's HTML is in the Word document. The tree's positions are offsets in
 * that HTML, which the user never sees; what they can find in Word is "the 12th paragraph" or
 * "table 2, row 5, column 3", with a quote to search for. From the page html.ts parsed (so
 * the same offsets) we record each block's and each cell's range.
 */
import { toText } from 'hast-util-to-text';
import { elements, rowsOf } from '../html.js';
import type { Root as HastRoot, Element, RootContent } from 'hast';
import type { Point, SourceLocation } from '../../types.js';

interface Range {
  start: number;
  end: number;
  where: SourceLocation;
}

const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li']);
const QUOTE_LENGTH = 30;

const quoteOf = (el: Element) => {
  const text = toText(el).replace(/\s+/g, ' ').trim();
  return text.length > QUOTE_LENGTH ? text.slice(0, QUOTE_LENGTH) + '…' : text;
};
const childElements = (el: Element) => el.children.filter((c): c is Element => c.type === 'element');

export function buildLocator(hast: HastRoot, html: string): (point: Point) => SourceLocation {
  const ranges: Range[] = [];
  let paragraphs = 0;
  let tables = 0;
  const add = (el: Element, where: SourceLocation) => {
    const p = el.position;
    if (p?.start.offset !== undefined && p.end.offset !== undefined) ranges.push({ start: p.start.offset, end: p.end.offset, where });
  };

  const walk = (nodes: RootContent[]) => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      if (node.tagName === 'table') {
        table(node);
        continue;
      }
      // A list item holding paragraphs (mammoth's footnotes) is counted by its paragraphs.
      const isBlock = BLOCK.has(node.tagName) && !(node.tagName === 'li' && childElements(node).some((c) => BLOCK.has(c.tagName)));
      if (isBlock) add(node, { line: null, column: null, paragraph: ++paragraphs, quote: quoteOf(node) });
      walk(node.children);
    }
  };

  /** Cells get their grid position: earlier rowspans and colspans push them right. */
  const table = (node: Element) => {
    const index = ++tables;
    const taken: boolean[][] = [];
    rowsOf(node).forEach((tr, r) => {
      let column = 0;
      for (const cell of elements(tr, ['td', 'th'])) {
        while (taken[r]?.[column]) column++;
        const rowSpan = Math.max(1, Number(cell.properties?.rowSpan ?? 1) || 1);
        const colSpan = Math.max(1, Number(cell.properties?.colSpan ?? 1) || 1);
        for (let i = 0; i < rowSpan; i++) for (let j = 0; j < colSpan; j++) (taken[r + i] ??= [])[column + j] = true;
        add(cell, { line: null, column: null, tableCell: { table: index, row: r + 1, column: column + 1 }, quote: quoteOf(cell) });
        // A table inside a cell is a table of its own; its cells are more precise than this one.
        walkTablesIn(cell);
        column += colSpan;
      }
    });
  };
  const walkTablesIn = (el: Element) => {
    for (const c of childElements(el)) c.tagName === 'table' ? table(c) : walkTablesIn(c);
  };

  walk(hast.children);
  ranges.sort((a, b) => a.start - b.start);

  const lineStarts = [0];
  for (let i = 0; i < html.length; i++) if (html[i] === '\n') lineStarts.push(i + 1);

  return (point: Point): SourceLocation => {
    const offset = point.offset ?? (lineStarts[point.line - 1] ?? html.length) + point.column - 1;
    // Innermost range holding the point: ranges nest or are apart, so the latest start wins.
    let best: Range | undefined;
    for (const r of ranges) {
      if (r.start > offset) break;
      if (offset < r.end) best = r;
    }
    // Between blocks (or on a table's own tags): the block that comes next, else the last one.
    best ??= ranges.find((r) => r.start >= offset) ?? ranges[ranges.length - 1];
    return best ? { ...best.where } : { line: null, column: null };
  };
}
