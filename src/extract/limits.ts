/**
 * Hard limits, checked before the expensive work starts: a file past one gets one clear fatal
 * reason instead of minutes of work, a stack overflow or an out-of-memory abort. Each limit is
 * far above any real report (a long annual report is 50 pages, 60,000 characters, tables of a
 * few hundred cells, nesting a dozen deep) and low enough that every step after it is bounded.
 * The walks here are iterative: they run before we know how deep the tree is.
 */
import type { Root } from 'mdast';
import { ExtractError } from './errors.js';

export const LIMITS = {
  /** characters of text in the whole report (about 250 pages of Chinese) */
  textChars: 500_000,
  /** characters in one line or paragraph of text */
  lineChars: 100_000,
  /** elements nested in one another (HTML, Word's HTML, the Markdown tree) */
  depth: 200,
  /** Markdown containers (quotes, list items) opened on one line: remark's work grows with their square */
  markdownNesting: 20,
  /** characters of an HTML page, markup included */
  htmlChars: 8_000_000,
  /** a cell's rowspan or colspan, Word's gridSpan (HTML itself stops at 1000 columns) */
  span: 1000,
  /** cells in one table, counting the grid places spans cover */
  tableCells: 50_000,
  /** PDF pages */
  pages: 300,
  /** text pieces on one PDF page (a dense page has about 2,000) */
  pageItems: 30_000,
  /** drawing operators on one PDF page read for ruling lines */
  pageOperators: 500_000,
  /** XML of a DOCX package, all parts together (mammoth reads about 1 MB a second) */
  docxXmlBytes: 5 * 1024 * 1024,
  /** Word numbering levels run 0–8 */
  numberingLevel: 8,
} as const;

const n = (x: number) => x.toLocaleString('en-US');
const at = (line: number) => ({ where: `第 ${line} 行，`, whereEn: `line ${line}, ` });

/** The report's text as a whole and line by line: before it is parsed. */
export function checkText(text: string): void {
  if (text.length > LIMITS.textChars) throw new ExtractError('too-much-text', { size: n(text.length), limit: n(LIMITS.textChars) });
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > LIMITS.lineChars) throw new ExtractError('line-too-long', { ...at(lineNumber(text, start)), size: n(end - start), limit: n(LIMITS.lineChars) });
    start = end + 1;
  }
}

function lineNumber(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Markdown containers opened on one line, counted from its start: each `>` and each list marker
 * (`-`, `*`, `+`, `1.`), and for a nested list item its indentation (two columns a level).
 * Indentation alone, as before a right-aligned signature, opens nothing.
 */
export function checkMarkdownNesting(text: string): void {
  const PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))+/;
  let start = 0;
  let line = 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const head = text.slice(start, Math.min(end, start + 4 * LIMITS.markdownNesting + 400));
    const prefix = PREFIX.exec(head)?.[0] ?? '';
    if (prefix) {
      const markers = (prefix.match(/>|[-*+]|\d{1,9}[.)]/g) ?? []).length;
      const indent = /^[ \t]*/.exec(prefix)![0].replace(/\t/g, '    ').length;
      const depth = markers + Math.floor(indent / 2);
      if (depth > LIMITS.markdownNesting) throw new ExtractError('too-deep', { depth: `${depth}`, limit: String(LIMITS.markdownNesting), ...at(line) });
    }
    start = end + 1;
    line++;
  }
}

interface Walkable {
  children?: Walkable[];
  childNodes?: Walkable[];
}

/** How deep a tree goes (mdast, hast or parse5's), without recursion; stops once past the limit. */
export function checkDepth(root: Walkable, limit: number = LIMITS.depth): void {
  const stack: [Walkable, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) throw new ExtractError('too-deep', { depth: `> ${limit}`, limit: String(limit) });
    const kids = node.children ?? node.childNodes;
    if (kids) for (const k of kids) stack.push([k, depth + 1]);
  }
}

interface AnyNode {
  type: string;
  value?: string;
  children?: AnyNode[];
  data?: { rowSpan?: number; colSpan?: number };
}

/**
 * The extracted tree, before normalisation and the model: depth, text in all and per node,
 * each table's cells and spans. One iterative pass.
 */
export function checkTree(tree: Root): void {
  const stack: [AnyNode, number][] = [[tree as AnyNode, 0]];
  let chars = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > LIMITS.depth) throw new ExtractError('too-deep', { depth: `> ${LIMITS.depth}`, limit: String(LIMITS.depth) });
    if (typeof node.value === 'string') {
      chars += node.value.length;
      if (chars > LIMITS.textChars) throw new ExtractError('too-much-text', { size: `> ${n(LIMITS.textChars)}`, limit: n(LIMITS.textChars) });
      if (node.value.length > LIMITS.lineChars) longestLine(node.value);
    }
    if (node.type === 'table') checkTable(node);
    if (node.children) for (const k of node.children) stack.push([k, depth + 1]);
  }
}

function longestLine(value: string): void {
  let start = 0;
  while (start < value.length) {
    let end = value.indexOf('\n', start);
    if (end < 0) end = value.length;
    if (end - start > LIMITS.lineChars) throw new ExtractError('line-too-long', { size: n(end - start), limit: n(LIMITS.lineChars) });
    start = end + 1;
  }
}

function checkTable(table: AnyNode): void {
  let cells = 0;
  for (const row of table.children ?? [])
    for (const cell of row.children ?? []) {
      const rowSpan = cell.data?.rowSpan ?? 1;
      const colSpan = cell.data?.colSpan ?? 1;
      const span = Math.max(rowSpan, colSpan);
      if (!(span <= LIMITS.span)) throw new ExtractError('span-too-large', { span: String(span), limit: n(LIMITS.span) });
      // a row span reaches no further than the table's last row
      cells += colSpan * Math.min(rowSpan, Math.max(1, (table.children?.length ?? 1)));
      if (cells > LIMITS.tableCells) throw new ExtractError('table-too-large', { size: `> ${n(LIMITS.tableCells)}`, limit: n(LIMITS.tableCells) });
    }
}
