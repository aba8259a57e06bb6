/**
 * The paragraphs of word/document.xml as a fix needs them: each `<w:p>` in document order (table
 * cells included), its text as mammoth reads it (the runs' `<w:t>`, tabs and line breaks), and for
 * every character of that text the `<w:t>` and the place in it that holds the character, so that an
 * edit of the text becomes an edit of the runs themselves. A paragraph whose text mammoth may read
 * otherwise than these runs say (field codes, tracked changes, text boxes, symbols, ruby) is
 * marked `complex`: nothing in it is edited.
 *
 * Read with regular expressions, as numbering.ts reads the same XML: the elements needed never
 * nest in each other, except paragraphs inside text boxes, which are found and marked.
 */

/** One `<w:t>`: where its content is in the XML, its decoded text, and each character's raw span. */
export interface TextNode {
  /** offsets in document.xml of the content (after `<w:t …>`, before `</w:t>`); open is the open tag's span */
  contentStart: number;
  contentEnd: number;
  openStart: number;
  openEnd: number;
  text: string;
  /** raw offset (relative to contentStart) where the i-th UTF-16 unit's character starts; one more entry for the end */
  raw: number[];
}

export interface WordParagraph {
  start: number;
  end: number;
  /** the run text (label excluded) */
  text: string;
  /** for each character of `text`: the index of its TextNode and the index in that node's text, or -1 (a tab, a break) */
  owner: Array<[number, number] | null>;
  nodes: TextNode[];
  /** why it is not edited, if it is not */
  complex?: string;
}

/** Elements after which mammoth's text of the paragraph is not the runs' text, or which we do not rewrite. */
const COMPLEX = /<(w:fldChar|w:instrText|w:fldSimple|w:del|w:ins|w:moveFrom|w:moveTo|w:delText|w:sym|mc:AlternateContent|w:txbxContent|w:ruby|w:noBreakHyphen|w:softHyphen|w:ptab|w:footnoteReference|w:endnoteReference|w:object)(?=[\s/>])/;

export function wordParagraphs(xml: string): WordParagraph[] {
  const out: WordParagraph[] = [];
  const tag = /<(\/?)w:p(?=[\s>/])[^>]*?(\/?)>/g;
  // paragraphs in document order (by their open tag); a paragraph holding another (a text box) is nested
  const spans: Array<{ start: number; contentStart: number; end: number; nested: boolean }> = [];
  const open: number[] = [];
  let m: RegExpExecArray | null;
  while ((m = tag.exec(xml))) {
    if (m[1]) {
      const i = open.pop();
      if (i !== undefined) spans[i].end = m.index;
      continue;
    }
    for (const i of open) spans[i].nested = true;
    spans.push({ start: m.index, contentStart: tag.lastIndex, end: m[2] ? tag.lastIndex : -1, nested: false });
    if (!m[2]) open.push(spans.length - 1);
  }
  for (const s of spans) out.push(paragraph(xml, s.start, s.contentStart, s.end < 0 ? xml.length : s.end, s.nested || s.end < 0));
  return out;
}

function paragraph(xml: string, start: number, contentStart: number, end: number, nested: boolean): WordParagraph {
  const p: WordParagraph = { start, end, text: '', owner: [], nodes: [] };
  const body = xml.slice(contentStart, end);
  if (nested) p.complex = 'nested';
  const complex = COMPLEX.exec(body);
  if (complex) p.complex = complex[1];
  // the paragraph's properties hold tab stops (<w:tab> in <w:tabs>) and run properties: not text
  const pPr = /^\s*<w:pPr(?=[\s>/])/.exec(body);
  let from = contentStart;
  if (pPr) {
    const close = body.indexOf('</w:pPr>');
    const selfClose = /^\s*<w:pPr\b[^>]*\/>/.exec(body);
    from = contentStart + (selfClose ? selfClose[0].length : close >= 0 ? close + '</w:pPr>'.length : body.length);
  }
  const token = /<w:t(?=[\s>/])([^>]*?)(\/?)>|<w:(tab|br|cr)(?=[\s/>])([^>]*?)\/?>|<w:rPr\b[^>]*?(\/?)>/g;
  token.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = token.exec(xml)) && m.index < end) {
    if (m[0].startsWith('<w:rPr')) {
      if (!m[5]) {
        const close = xml.indexOf('</w:rPr>', token.lastIndex);
        if (close < 0 || close > end) break;
        token.lastIndex = close + '</w:rPr>'.length;
      }
      continue;
    }
    if (m[3]) {
      if (m[3] === 'br' && /w:type\s*=\s*["'](page|column)["']/.test(m[4])) p.complex ??= 'page break';
      p.text += m[3] === 'tab' ? '\t' : '\n';
      p.owner.push(null);
      continue;
    }
    if (m[2]) continue; // <w:t/>
    const contentStartT = token.lastIndex;
    const close = xml.indexOf('</w:t>', contentStartT);
    if (close < 0 || close > end) {
      p.complex ??= 'cut';
      break;
    }
    const { text, raw } = decode(xml.slice(contentStartT, close));
    const index = p.nodes.length;
    p.nodes.push({ contentStart: contentStartT, contentEnd: close, openStart: m.index, openEnd: contentStartT, text, raw });
    for (let i = 0; i < text.length; i++) p.owner.push([index, i]);
    p.text += text;
    token.lastIndex = close + '</w:t>'.length;
  }
  return p;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character data: the text, and where each UTF-16 unit's character starts in the raw data. */
export function decode(raw: string): { text: string; raw: number[] } {
  let text = '';
  const at: number[] = [];
  for (let i = 0; i < raw.length; ) {
    if (raw[i] === '&') {
      const semi = raw.indexOf(';', i);
      const name = semi > i ? raw.slice(i + 1, semi) : '';
      const ch = NAMED[name] ?? (/^#x[0-9a-f]+$/i.test(name) ? String.fromCodePoint(parseInt(name.slice(2), 16)) : /^#\d+$/.test(name) ? String.fromCodePoint(Number(name.slice(1))) : null);
      if (ch !== null) {
        for (let k = 0; k < ch.length; k++) at.push(i);
        text += ch;
        i = semi + 1;
        continue;
      }
    }
    at.push(i);
    text += raw[i];
    i++;
  }
  at.push(raw.length);
  return { text, raw: at };
}

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
