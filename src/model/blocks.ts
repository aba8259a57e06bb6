/**
 * The document as a list of blocks (headings, paragraphs, tables) with normalised text,
 * each able to say where any of its characters stands in the original file.
 */
import type { Root, Text, RootContent, PhrasingContent, Table } from 'mdast';
import { pointAt } from '../extract/normalize.js';
import type { Place } from '../types.js';

interface Segment {
  node: Text | null;
  start: number;
  end: number;
}

export interface TableCellBlock {
  text: string;
  rowSpan: number;
  colSpan: number;
  header: boolean;
  node: Text | null;
  place?: Place;
  /** read by OCR below its confidence threshold */
  unsure?: boolean;
}

export interface Block {
  index: number;
  kind: 'heading' | 'paragraph' | 'table';
  text: string;
  segments: Segment[];
  place?: Place;
  /** for tables: rows of cells, as the source wrote them (spans not expanded) */
  rows?: TableCellBlock[][];
}

export function toBlocks(tree: Root): Block[] {
  const blocks: Block[] = [];
  const walk = (nodes: RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'heading' || node.type === 'paragraph') {
        const segments: Segment[] = [];
        let text = '';
        const inline = (children: PhrasingContent[]) => {
          for (const c of children) {
            if (c.type === 'text' || c.type === 'inlineCode') {
              segments.push({ node: c.type === 'text' ? c : null, start: text.length, end: text.length + c.value.length });
              text += c.value;
            } else if (c.type === 'break') {
              text += '\n';
            } else if ('children' in c) inline(c.children as PhrasingContent[]);
          }
        };
        inline(node.children);
        if (text.trim()) blocks.push({ index: blocks.length, kind: node.type, text, segments, place: node.position });
      } else if (node.type === 'table') {
        blocks.push(tableBlock(node, blocks.length));
      } else if ('children' in node) walk(node.children as RootContent[]);
    }
  };
  walk(tree.children);
  return blocks;
}

function tableBlock(node: Table, index: number): Block {
  const rows = node.children
    .filter((r) => r.position) // hast-util-to-mdast may add a synthetic header row
    .map((row) =>
      row.children.map((cell) => {
        const texts = cell.children.filter((c): c is Text => c.type === 'text');
        const data = (cell.data ?? {}) as { rowSpan?: number; colSpan?: number; header?: boolean; unsure?: boolean };
        return {
          text: texts.map((t) => t.value).join('').trim(),
          rowSpan: data.rowSpan ?? 1,
          colSpan: data.colSpan ?? 1,
          header: data.header ?? false,
          node: texts[0] ?? null,
          place: cell.position,
          ...(data.unsure ? { unsure: true } : {}),
        };
      }),
    );
  return { index, kind: 'table', text: '', segments: [], place: node.position, rows };
}

/** The place of character `offset` of a block's text. */
export function placeIn(block: Block, offset: number): Place | undefined {
  for (const s of block.segments) {
    if (offset >= s.start && offset <= s.end && s.node) return pointAt(s.node, offset - s.start);
  }
  return block.place ? { start: block.place.start } : undefined;
}

/** The place of a table cell: its text if any, else the cell itself. */
export function placeOfCell(cell: TableCellBlock): Place | undefined {
  if (cell.node) return pointAt(cell.node, 0);
  return cell.place ? { start: cell.place.start } : undefined;
}
