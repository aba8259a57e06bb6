/**
 * Where a correction found in mammoth's HTML stands in word/document.xml. The rule read `from` at an
 * offset of that HTML; the HTML paragraph (or cell paragraph) holding it is matched to a `<w:p>` by
 * its text — the same text, and the same rank among the paragraphs that read alike (the third cell
 * reading 「45」 is the third `<w:p>` reading 「45」). Certain only when both sides have exactly as
 * many paragraphs of that text: mammoth drops empty paragraphs and adds footnotes, so an index
 * alone would drift, and a text that occurs a different number of times is a paragraph we cannot
 * tell apart. The numbering labels written in front of paragraphs (numbering.ts) are part of the
 * HTML's text and are never edited.
 */
import type { Element, ElementContent, Root as HastRoot, Text } from 'hast';
import type { FixRefusal, SourceLocation, WordEdit } from '../../types.js';
import { decode, wordParagraphs, type WordParagraph } from './paragraphs.js';

const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li']);

interface HtmlBlock {
  start: number;
  end: number;
  text: string;
  /** text nodes with their source span and where their text starts in the block's text */
  texts: Array<{ start: number; end: number; value: string; at: number }>;
}

export interface Placer {
  place(span: { start: number; end: number; from: string; text: string }): WordEdit | FixRefusal;
}

export function makePlacer(hast: HastRoot, html: string, documentXml: string, labels: Map<number, string>, locate: (offset: number) => SourceLocation): Placer {
  let blocks: HtmlBlock[] | undefined;
  let paragraphs: WordParagraph[] | undefined;
  const byText = new Map<string, { html: HtmlBlock[]; word: number[] }>();
  const group = (text: string) => {
    let g = byText.get(text);
    if (!g) {
      g = { html: blocks!.filter((b) => b.text === text), word: [] };
      paragraphs!.forEach((p, i) => (labels.get(p.start) ?? '') + p.text === text && g!.word.push(i));
      byText.set(text, g);
    }
    return g;
  };
  return {
    place(span) {
      blocks ??= htmlBlocks(hast);
      paragraphs ??= wordParagraphs(documentXml);
      const block = blocks.find((b) => b.start <= span.start && span.end <= b.end);
      if (!block) return 'docx-not-found';
      const node = block.texts.find((t) => t.start <= span.start && span.end <= t.end);
      if (!node) return 'not-placed';
      // the node's text up to the edit, decoded from the HTML as parse5 decoded it
      const head = decode(html.slice(node.start, span.start)).text;
      const whole = decode(html.slice(node.start, span.end)).text;
      if (whole !== node.value.slice(0, whole.length) || whole !== head + span.from) return 'not-placed';
      const offset = node.at + head.length;
      const g = group(block.text);
      if (g.word.length === 0) return 'docx-not-found';
      if (g.word.length !== g.html.length) return 'docx-ambiguous';
      const index = g.word[g.html.indexOf(block)];
      const p = paragraphs[index];
      if (p.complex) return 'docx-complex';
      const label = labels.get(p.start) ?? '';
      const at = offset - label.length;
      if (at < 0) return 'docx-label';
      if (!p.text.startsWith(span.from, at)) return 'not-placed';
      for (let i = at; i < at + span.from.length; i++) if (!p.owner[i]) return 'docx-complex';
      const where = locate(span.start);
      return {
        xmlParagraph: index + 1,
        offset: at,
        from: span.from,
        text: span.text,
        ...(where.paragraph ? { paragraph: where.paragraph } : {}),
        ...(where.tableCell ? { tableCell: where.tableCell } : {}),
      };
    },
  };
}

/** The innermost paragraphs of the HTML (a cell's paragraphs, not the cell), in document order. */
function htmlBlocks(hast: HastRoot): HtmlBlock[] {
  const out: HtmlBlock[] = [];
  const hasBlock = (el: Element): boolean => el.children.some((c) => c.type === 'element' && (BLOCK.has(c.tagName) || hasBlock(c)));
  const walk = (nodes: Array<ElementContent | HastRoot['children'][number]>) => {
    for (const n of nodes) {
      if (n.type !== 'element') continue;
      if (BLOCK.has(n.tagName) && !hasBlock(n) && n.position?.start.offset !== undefined && n.position.end.offset !== undefined) {
        const b: HtmlBlock = { start: n.position.start.offset, end: n.position.end.offset, text: '', texts: [] };
        collect(n, b);
        out.push(b);
      } else walk(n.children);
    }
  };
  const collect = (el: Element, b: HtmlBlock) => {
    for (const c of el.children) {
      if (c.type === 'text') {
        const t = c as Text;
        if (t.position?.start.offset !== undefined && t.position.end.offset !== undefined) b.texts.push({ start: t.position.start.offset, end: t.position.end.offset, value: t.value, at: b.text.length });
        b.text += t.value;
      } else if (c.type === 'element') {
        if (c.tagName === 'br') b.text += '\n';
        else collect(c, b);
      }
    }
  };
  walk(hast.children);
  return out;
}
