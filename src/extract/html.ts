/**
 * HTML → mdast. parse5 parses the page (iteratively, so any depth is safe there); its tree's
 * depth is checked before anything walks it recursively; hast-util-from-parse5 makes hast with
 * source positions (what rehype-parse does, with the check between); hast-util-to-mdast turns the page
 * into mdast, with our own `table` handler so that tables keep rowspan/colspan
 * (GFM tables cannot hold spans: we carry them in each cell's `data`).
 * Page furniture that is structurally marked (nav, header, footer, aside, scripts) is
 * dropped here; chrome that is only recognisable by its words is handled in normalize.
 */
import type { Place } from '../types.js';
import { parse } from 'parse5';
import { fromParse5 } from 'hast-util-from-parse5';
import { VFile } from 'vfile';
import { LIMITS, checkElements, checkHtml } from './limits.js';
import { toMdast, type State } from 'hast-util-to-mdast';
import { toText } from 'hast-util-to-text';
import type { Root as HastRoot, Element, ElementContent, Nodes as HastNodes } from 'hast';
import type { Root, Table, TableRow, TableCell, RootContent } from 'mdast';

const DROP_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'script', 'style', 'noscript', 'template', 'iframe', 'form', 'select', 'button']);
const DROP_CLASS = /(^|\s)(nav|navbar|menu|breadcrumbs?|crumbs?|footer|copyright|share|sidebar|toolbar)(\s|$)/i;

export interface HtmlExtract {
  tree: Root;
  pageTitle: string | null;
  /** where the <title> text stands in the page */
  pageTitlePlace?: Place;
  /** the parsed page (what was kept of it), for a caller that maps its own positions (DOCX) */
  hast: HastRoot;
}

export function htmlToMdast(html: string): HtmlExtract {
  const document = parse(html, { sourceCodeLocationInfo: true, scriptingEnabled: false });
  checkHtml(document as Parameters<typeof checkHtml>[0]);
  const hast = fromParse5(document, { file: new VFile(html) }) as HastRoot;
  let pageTitle: string | null = null;
  let pageTitlePlace: Place | undefined;
  prune(hast, (el) => {
    if (el.tagName === 'title') {
      pageTitle = toText(el).trim() || null;
      const at = el.children[0]?.position?.start ?? el.position?.start;
      if (at) pageTitlePlace = { start: at };
      return true;
    }
    if (DROP_TAGS.has(el.tagName)) return true;
    const cls = [el.properties?.className, el.properties?.id].flat().filter(Boolean).join(' ');
    return cls !== '' && DROP_CLASS.test(cls);
  });
  checkElements(hast, LIMITS.htmlBodyElements);
  const tree = toMdast(hast, { handlers: { table: tableHandler } }) as Root;
  spanPositions(tree);
  return { tree, pageTitle, pageTitlePlace, hast };
}

/** Paragraphs that hast-util-to-mdast makes around loose inline content get their children's span. */
function spanPositions(node: Root | RootContent): void {
  if (!('children' in node)) return;
  for (const c of node.children as RootContent[]) spanPositions(c);
  const kids = (node.children as RootContent[]).filter((c) => c.position);
  if (!node.position && kids.length > 0) node.position = { start: kids[0].position!.start, end: kids[kids.length - 1].position!.end };
}

// the rows and cells of a table are laid out by their tags: the whitespace between them (a
// pretty-printed page's indentation, a third of all nodes of such a page) shows nothing, and
// every pass after this one (to-mdast's copy of the tree, its whitespace pass) would walk it
const TABLE_STRUCTURE = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup']);

function prune(node: HastRoot | Element, drop: (el: Element) => boolean): void {
  const structure = node.type === 'element' && TABLE_STRUCTURE.has(node.tagName);
  node.children = (node.children as ElementContent[]).filter((child) => {
    if (child.type === 'text') return !(structure && child.value.trim() === '');
    if (child.type !== 'element') return true;
    if (drop(child)) return false;
    prune(child, drop);
    return true;
  }) as typeof node.children;
}

export function elements(node: Element, tag: string | string[]): Element[] {
  const tags = Array.isArray(tag) ? tag : [tag];
  const out: Element[] = [];
  for (const c of node.children) if (c.type === 'element' && tags.includes(c.tagName)) out.push(c);
  return out;
}

/** A table's rows, whether or not they sit in thead/tbody/tfoot. */
export function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const c of table.children) {
    if (c.type !== 'element') continue;
    if (c.tagName === 'tr') rows.push(c);
    else if (['thead', 'tbody', 'tfoot'].includes(c.tagName)) rows.push(...elements(c, 'tr'));
  }
  return rows;
}

function hasNestedTable(node: Element): boolean {
  return node.children.some((c) => c.type === 'element' && (c.tagName === 'table' || hasNestedTable(c)));
}

function tableHandler(state: State, node: Element): Table | RootContent[] {
  if (hasNestedTable(node)) {
    // A layout table (a page grid holding the article): keep its content as flow.
    const out: RootContent[] = [];
    for (const row of rowsOf(node))
      for (const cell of elements(row, ['td', 'th'])) out.push(...(state.toFlow(state.all(cell)) as RootContent[]));
    return out;
  }
  const rows: TableRow[] = rowsOf(node).map((tr) => {
    const cells: TableCell[] = elements(tr, ['td', 'th']).map((td) => {
      const text = toText(td as HastNodes).replace(/\s+/g, ' ').trim();
      const cell: TableCell = {
        type: 'tableCell',
        children: text ? [{ type: 'text', value: text, position: td.position }] : [],
        position: td.position,
        data: {
          rowSpan: Number(td.properties?.rowSpan ?? 1) || 1,
          colSpan: Number(td.properties?.colSpan ?? 1) || 1,
          header: td.tagName === 'th',
        } as TableCell['data'],
      };
      return cell;
    });
    return { type: 'tableRow', children: cells, position: tr.position };
  });
  return { type: 'table', children: rows, position: node.position };
}
