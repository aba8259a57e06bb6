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
  /** elements of an HTML page as parsed, menus and scripts included (a report page has 1,000–5,000) */
  htmlElements: 40_000,
  /**
   * elements left once navigation, scripts and the like are dropped, for hast-util-to-mdast: one
   * synchronous step of 35–300 µs an element that no time budget can interrupt (a report's body
   * has 1,000–3,000; Word's HTML of a 100-page report about 10,000)
   */
  htmlBodyElements: 12_000,
  /** a cell's rowspan or colspan, Word's gridSpan (HTML itself stops at 1000 columns) */
  span: 1000,
  /** cells in one table, counting the grid places spans cover */
  tableCells: 50_000,
  /** PDF pages */
  pages: 300,
  /** pixels of one page image read by OCR (an A4 page at 600 dpi is 35 million) */
  imagePixels: 60_000_000,
  /** pages of a scanned report read by OCR (at several seconds a page) */
  ocrPages: 120,
  /** text pieces on one PDF page (a dense page has about 2,000) */
  pageItems: 30_000,
  /** drawing operators on one PDF page read for ruling lines */
  pageOperators: 500_000,
  /** XML of a DOCX package, all parts together (mammoth reads about 1 MB a second) */
  docxXmlBytes: 4 * 1024 * 1024,
  /**
   * XML elements of a DOCX package: mammoth parses them in one synchronous step of about 40 µs an
   * element (100 µs in tables), which no time budget can interrupt (a 100-page report has about 36,000)
   */
  docxXmlElements: 40_000,
  /** table cells of a DOCX, all tables together (a report's tables have a few hundred to 2,000) */
  docxCells: 5_000,
  /** cells of a Markdown draft's tables (remark's GFM tables take about 150 µs a cell) */
  markdownCells: 10_000,
  /** Word numbering levels run 0–8 */
  numberingLevel: 8,
} as const;

const n = (x: number) => x.toLocaleString('en-US');
const at = (line: number) => ({ where: `第 ${line} 行，`, whereEn: `line ${line}, ` });

/** The report's text as a whole and line by line: before it is parsed. */
export function checkText(text: string): void {
  if (text.length > LIMITS.textChars) throw new ExtractError('too-much-text', { size: n(text.length), limit: n(LIMITS.textChars) });
  checkLines(text, true);
}

/** Each line of `text` within the line limit; the source's own text names the line it stops at. */
function checkLines(text: string, numbered: boolean): void {
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > LIMITS.lineChars) throw new ExtractError('line-too-long', { ...(numbered ? at(lineNumber(text, start)) : {}), size: n(end - start), limit: n(LIMITS.lineChars) });
    start = end + 1;
  }
}

function lineNumber(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Before an HTML page is parsed: tags counted where they start (`<` and a letter or `/`). Each
 * element has one or two, so a page with more than twice the element limit (and some to spare
 * for scripts) is refused without the seconds parse5 would spend on it.
 */
export function checkTagCount(html: string): void {
  let tags = 0;
  let text = 0; // characters outside tags, spaces aside: at least the page's text
  let from = 0;
  for (let i = html.indexOf('<'); ; i = html.indexOf('<', i + 1)) {
    const stop = i < 0 ? html.length : i;
    for (let k = from; k < stop; k++) if (html.charCodeAt(k) > 32) text++;
    if (text > 2 * LIMITS.textChars) throw new ExtractError('too-much-text', { size: `> ${n(LIMITS.textChars)}`, limit: n(LIMITS.textChars) });
    if (i < 0) return;
    const c = html.charCodeAt(i + 1);
    if (c === 47 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      if (++tags > 4 * LIMITS.htmlElements) throw new ExtractError('too-many-elements', { size: `> ${n(LIMITS.htmlElements)}`, limit: n(LIMITS.htmlElements) });
      const end = html.indexOf('>', i);
      if (end < 0) return;
      from = end + 1;
      i = end;
    } else from = i;
  }
}

/**
 * Before text or Markdown is parsed: the cell separators of its tables (tabs and bars). Each cell
 * has at most one or two, so more than twice the cell limit cannot be a report's tables (and
 * remark's table parsing, and the model's reading of flattened tables, would take seconds).
 */
export function checkSeparators(text: string, cells: number = LIMITS.tableCells): void {
  let separators = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 9 || c === 124) && ++separators > 2 * cells) throw new ExtractError('table-too-large', { size: `> ${n(cells)}`, limit: n(cells) });
  }
}

/** Start tags in XML (`<` and a letter): elements, without parsing. */
export function countTags(xml: string, limit: number): number {
  let tags = 0;
  for (let i = xml.indexOf('<'); i >= 0 && tags <= limit; i = xml.indexOf('<', i + 1)) {
    const c = xml.charCodeAt(i + 1);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) tags++;
  }
  return tags;
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

interface Parse5Node {
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Parse5Node[];
}

/**
 * An HTML page as parse5 gives it, before anything walks it recursively: depth, elements, and
 * each table's cells and spans (a cell's nearest table is its own; a table in a cell is another).
 */
export function checkHtml(document: Parse5Node): void {
  const stack: [Parse5Node, number, { cells: number } | null][] = [[document, 0, null]];
  let elements = 0;
  while (stack.length > 0) {
    const [node, depth, table] = stack.pop()!;
    if (depth > LIMITS.depth) throw new ExtractError('too-deep', { depth: `> ${LIMITS.depth}`, limit: String(LIMITS.depth) });
    let own = table;
    if (node.tagName) {
      if (++elements > LIMITS.htmlElements) throw new ExtractError('too-many-elements', { size: `> ${n(LIMITS.htmlElements)}`, limit: n(LIMITS.htmlElements) });
      if (node.tagName === 'table') own = { cells: 0 };
      else if ((node.tagName === 'td' || node.tagName === 'th') && table) {
        const span = (name: string) => {
          const v = node.attrs?.find((a) => a.name === name)?.value;
          if (v === undefined || v.trim() === '') return 1;
          const x = Number(v);
          if (!(x <= LIMITS.span)) throw new ExtractError('span-too-large', { span: v.slice(0, 20), limit: n(LIMITS.span) });
          return Math.max(1, x || 1);
        };
        table.cells += span('colspan') * Math.min(span('rowspan'), 100);
        if (table.cells > LIMITS.tableCells) throw new ExtractError('table-too-large', { size: `> ${n(LIMITS.tableCells)}`, limit: n(LIMITS.tableCells) });
      }
    }
    if (node.childNodes) for (const k of node.childNodes) stack.push([k, depth + 1, own]);
  }
}

/** Elements of a (hast) tree, counted iteratively, stopping past `limit`. */
export function checkElements(root: { children?: unknown[] }, limit: number): void {
  const stack: { type?: string; children?: unknown[] }[] = [root];
  let elements = 0;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'element' && ++elements > limit) throw new ExtractError('too-many-elements', { size: `> ${n(limit)}`, limit: n(limit) });
    if (node.children) for (const k of node.children) stack.push(k as { type?: string; children?: unknown[] });
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
      if (node.value.length > LIMITS.lineChars) checkLines(node.value, false);
    }
    if (node.type === 'table') checkTable(node);
    if (node.children) for (const k of node.children) stack.push([k, depth + 1]);
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
