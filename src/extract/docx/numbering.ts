/**
 * Word auto-numbering as literal text. mammoth drops the labels Word computes (一、 （一） 1.),
 * and a report's section headings are often nothing but such a label and a title. So we
 * compute the labels the way Word does — counters per (abstractNum, level), deeper levels
 * restarting when a higher one advances, w:num start overrides — and write each one as a run
 * at the start of its paragraph, marking the paragraph as not numbered so that mammoth makes
 * no list item of it (its lists would carry no label anyway).
 *
 * The XML is WordprocessingML as Word, WPS and LibreOffice write it (prefix `w:`); it is read
 * with regular expressions on purpose: the few elements needed never nest in each other.
 */
import { formatNumber } from './numfmt.js';
import { ExtractError } from '../errors.js';
import { LIMITS } from '../limits.js';

interface Level {
  numFmt: string;
  lvlText: string;
  start: number;
  /** 1-based level whose use restarts this one; 0 = never; undefined = any higher level */
  restart?: number;
  isLgl: boolean;
  suffix: string;
  pStyle?: string;
}

interface AbstractNum {
  levels: Level[];
  numStyleLink?: string;
}

interface Num {
  abstractNumId: string;
  /** per level: start override, and/or a level definition replacing the abstract one */
  overrides: Map<number, { start?: number; level?: Level }>;
}

interface StyleNumbering {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
}

export interface Numbering {
  abstractNums: Map<string, AbstractNum>;
  nums: Map<string, Num>;
  styles: Map<string, StyleNumbering>;
  defaultParagraphStyle?: string;
}

/** Word's own ranges: levels 0–8, counters to 32767. A file past them is damaged, not a report to guess at. */
const MAX_COUNTER = 32767;
function levelNumber(s: string | undefined): number | undefined {
  const n = int(s);
  if (n !== undefined && (n < 0 || n > LIMITS.numberingLevel))
    throw new ExtractError('numbering-level', { what: `第 ${s} 级，Word 只有 0–${LIMITS.numberingLevel} 级`, whatEn: `level ${s}; Word has 0–${LIMITS.numberingLevel}` });
  return n;
}
function counterValue(s: string | undefined): number | undefined {
  const n = int(s);
  if (n !== undefined && (n < 0 || n > MAX_COUNTER))
    throw new ExtractError('numbering-level', { what: `起始值 ${s}，Word 最大为 ${MAX_COUNTER}`, whatEn: `start value ${s}; Word's largest is ${MAX_COUNTER}` });
  return n;
}

const val = (xml: string, tag: string): string | undefined => {
  const m = new RegExp(`<${tag}\\b[^>]*?\\bw:val\\s*=\\s*["']([^"']*)["']`).exec(xml);
  return m?.[1];
};
const attr = (openTag: string, name: string): string | undefined =>
  new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`).exec(openTag)?.[1];
/**
 * Every `<tag …>…</tag>` (non-nesting elements), with its open tag and inner XML. Found with
 * indexOf, not a lazy regular expression: in a cut file with no closing tag, a pattern would
 * scan to the end again from every opening one.
 */
function* elements(xml: string, tag: string): Generator<{ open: string; inner: string }> {
  const openTag = `<${tag}`;
  const closeTag = `</${tag}>`;
  for (let i = xml.indexOf(openTag); i >= 0; ) {
    if (/[\w:.-]/.test(xml[i + openTag.length] ?? '')) {
      i = xml.indexOf(openTag, i + 1); // a longer name (w:lvlText for w:lvl)
      continue;
    }
    const gt = xml.indexOf('>', i);
    if (gt < 0) return;
    if (xml[gt - 1] === '/') {
      yield { open: xml.slice(i + openTag.length, gt - 1), inner: '' };
      i = xml.indexOf(openTag, gt);
      continue;
    }
    const end = xml.indexOf(closeTag, gt);
    if (end < 0) return;
    yield { open: xml.slice(i + openTag.length, gt), inner: xml.slice(gt + 1, end) };
    i = xml.indexOf(openTag, end + closeTag.length);
  }
}
/** `<w:numPr/>` or `<w:numPr>…</w:numPr>` (its children are self-closing: the first `/>` is not its end). */
const NUMPR = /<w:numPr\b(?:[^>]*\/>|[\s\S]*?<\/w:numPr>)/;
const int = (s: string | undefined): number | undefined => (s === undefined || !/^-?\d+$/.test(s) ? undefined : Number(s));
const on = (xml: string, tag: string) => {
  const m = new RegExp(`<${tag}\\b([^>]*?)/?>`).exec(xml);
  return !!m && !/w:val\s*=\s*["'](0|false|off)["']/.test(m[1]);
};

function readLevel(inner: string): Level {
  return {
    numFmt: val(inner, 'w:numFmt') ?? 'decimal',
    lvlText: val(inner, 'w:lvlText') ?? '',
    start: counterValue(val(inner, 'w:start')) ?? 1,
    restart: levelNumber(val(inner, 'w:lvlRestart')),
    isLgl: on(inner, 'w:isLgl'),
    suffix: val(inner, 'w:suff') ?? 'tab',
    pStyle: val(inner, 'w:pStyle'),
  };
}

export function readNumbering(numberingXml?: string, stylesXml?: string): Numbering {
  const abstractNums = new Map<string, AbstractNum>();
  const nums = new Map<string, Num>();
  const styles = new Map<string, StyleNumbering>();
  let defaultParagraphStyle: string | undefined;
  for (const a of elements(numberingXml ?? '', 'w:abstractNum')) {
    const levels: Level[] = [];
    for (const l of elements(a.inner, 'w:lvl')) levels[levelNumber(attr(l.open, 'w:ilvl')) ?? 0] = readLevel(l.inner);
    abstractNums.set(attr(a.open, 'w:abstractNumId') ?? '', { levels, numStyleLink: val(a.inner, 'w:numStyleLink') });
  }
  for (const n of elements(numberingXml ?? '', 'w:num')) {
    const overrides: Num['overrides'] = new Map();
    for (const o of elements(n.inner, 'w:lvlOverride')) {
      const lvl = /<w:lvl\b/.test(o.inner) ? readLevel(o.inner) : undefined;
      overrides.set(levelNumber(attr(o.open, 'w:ilvl')) ?? 0, { start: counterValue(val(o.inner, 'w:startOverride')), level: lvl });
    }
    nums.set(attr(n.open, 'w:numId') ?? '', { abstractNumId: val(n.inner, 'w:abstractNumId') ?? '', overrides });
  }
  for (const s of elements(stylesXml ?? '', 'w:style')) {
    const id = attr(s.open, 'w:styleId');
    if (!id) continue;
    const type = attr(s.open, 'w:type');
    if (type === 'paragraph' && /^(1|true|on)$/.test(attr(s.open, 'w:default') ?? '')) defaultParagraphStyle = id;
    const numPr = NUMPR.exec(s.inner)?.[0] ?? '';
    styles.set(id, { basedOn: val(s.inner, 'w:basedOn'), numId: val(numPr, 'w:numId'), ilvl: levelNumber(val(numPr, 'w:ilvl')) });
  }
  return { abstractNums, nums, styles, defaultParagraphStyle };
}

/** The numbering a paragraph style gives, following basedOn (nearest style wins, per property). */
function styleNumbering(n: Numbering, styleId: string | undefined): StyleNumbering {
  const out: StyleNumbering = {};
  const seen = new Set<string>();
  for (let id = styleId; id && !seen.has(id); id = n.styles.get(id)?.basedOn) {
    seen.add(id);
    const s = n.styles.get(id);
    out.numId ??= s?.numId;
    out.ilvl ??= s?.ilvl;
  }
  return out;
}

/** The abstractNum a num uses, following w:numStyleLink through a numbering style. */
function abstractOf(n: Numbering, numId: string): { id: string; def: AbstractNum } | null {
  for (let i = 0, id: string | undefined = numId; i < 5 && id; i++) {
    const num = n.nums.get(id);
    const def = num && n.abstractNums.get(num.abstractNumId);
    if (!num || !def) return null;
    if (!def.numStyleLink) return { id: num.abstractNumId, def };
    id = styleNumbering(n, def.numStyleLink).numId;
  }
  return null;
}

/**
 * Counts paragraphs through the document. `next` gives the label of one numbered paragraph
 * ('' for a bullet or a level without text) and advances the counters.
 */
export class Counter {
  private counts = new Map<string, (number | undefined)[]>();
  private startedNums = new Set<string>();
  constructor(private readonly n: Numbering) {}

  label(numId: string, ilvl: number | undefined, styleId: string | undefined): string | null {
    const abs = abstractOf(this.n, numId);
    if (!abs) return null;
    const num = this.n.nums.get(numId)!;
    const levelOf = (i: number) => num.overrides.get(i)?.level ?? abs.def.levels[i];
    const startOf = (i: number) => num.overrides.get(i)?.start ?? levelOf(i)?.start ?? 1;
    // A level linked to the paragraph's style (heading numbering) when numPr names no level.
    const lvl = ilvl ?? Math.max(0, abs.def.levels.findIndex((l) => l?.pStyle !== undefined && l.pStyle === styleId));
    const level = levelOf(lvl);
    if (!level) return null;
    const counts = this.counts.get(abs.id) ?? [];
    this.counts.set(abs.id, counts);
    if (!this.startedNums.has(numId)) {
      // A w:num with start overrides is a restarted list: its overridden levels begin afresh.
      this.startedNums.add(numId);
      for (const [i, o] of num.overrides) if (o.start !== undefined) counts[i] = undefined;
    }
    counts[lvl] = (counts[lvl] ?? startOf(lvl) - 1) + 1;
    for (let k = lvl + 1; k < counts.length; k++) {
      const restart = levelOf(k)?.restart;
      if (restart === undefined ? true : restart !== 0 && lvl < restart) counts[k] = undefined;
    }
    if (level.numFmt === 'bullet') return '';
    const text = level.lvlText.replace(/%([1-9])/g, (_, d: string) => {
      const i = Number(d) - 1;
      const fmt = level.isLgl && i < lvl ? 'decimal' : (levelOf(i)?.numFmt ?? 'decimal');
      return formatNumber(counts[i] ?? startOf(i), fmt);
    });
    // Word puts a tab (or space) after the label; keep a space only where no punctuation separates.
    const sep = level.suffix !== 'nothing' && text !== '' && !/[、.．:：)）\]】,，\s]$/.test(text) ? ' ' : '';
    return text + sep;
  }
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * For each open tag of `tag`, the end of its element, nested elements of the same tag counted:
 * one pass over the XML (asking from each opening tag would rescan a file whose tags never close).
 * An element left open runs to the end.
 */
function elementEnds(xml: string, tag: string): Map<number, number> {
  const re = new RegExp(`<(/?)${tag}(?=[\\s/>])[^>]*>`, 'g');
  const ends = new Map<number, number>();
  const open: number[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    if (m[1]) {
      const start = open.pop();
      if (start !== undefined) ends.set(start, re.lastIndex);
    } else if (m[0].endsWith('/>')) ends.set(m.index, re.lastIndex);
    else open.push(m.index);
  }
  for (const start of open) ends.set(start, xml.length);
  return ends;
}

/** A numbered paragraph: where it and its properties are in document.xml, and its label. */
interface Numbered {
  /** offset of `<w:p` */
  start: number;
  /** end of the open tag, and end of its pPr (equal when it has none) */
  openEnd: number;
  pPrEnd: number;
  props: string;
  label: string;
}

function* numberedParagraphs(documentXml: string, numbering: Numbering): Generator<Numbered> {
  const counter = new Counter(numbering);
  const para = /<w:p(?=[\s>/])[^>]*?(\/?)>/g;
  let pPrEnds: Map<number, number> | undefined;
  let m: RegExpExecArray | null;
  while ((m = para.exec(documentXml))) {
    if (m[1]) continue; // <w:p/>
    let at = para.lastIndex;
    const openEnd = at;
    let pPr = '';
    const pPrStart = /^\s*<w:pPr(?=[\s>/])/.exec(documentXml.slice(at, at + 200));
    if (pPrStart) {
      const end = (pPrEnds ??= elementEnds(documentXml, 'w:pPr')).get(at + pPrStart[0].length - '<w:pPr'.length) ?? documentXml.length;
      if (end === documentXml.length) return; // properties never closed: the XML is cut (mammoth will say so)
      pPr = documentXml.slice(at, end);
      at = end;
    }
    // The properties as they are now, not as they were before a tracked change.
    const props = pPr.replace(/<w:pPrChange\b[\s\S]*?<\/w:pPrChange>/g, '');
    const styleId = val(props, 'w:pStyle') ?? numbering.defaultParagraphStyle;
    // Direct numPr first, each of its two properties falling back to the style's.
    const direct = NUMPR.exec(props)?.[0] ?? '';
    const fromStyle = styleNumbering(numbering, styleId);
    const numId = val(direct, 'w:numId') ?? fromStyle.numId;
    if (!numId || numId === '0') continue;
    const label = counter.label(numId, levelNumber(val(direct, 'w:ilvl')) ?? fromStyle.ilvl, styleId);
    if (label === null) continue;
    yield { start: m.index, openEnd, pPrEnd: at, props, label };
    para.lastIndex = at;
  }
}

/**
 * document.xml with each numbered paragraph's label written as its first run, and the
 * paragraph told it has no numbering (numId 0), so no other reader numbers it again.
 */
export function writeNumberingLabels(documentXml: string, numbering: Numbering): string {
  const out: string[] = [];
  let last = 0;
  for (const p of numberedParagraphs(documentXml, numbering)) {
    out.push(documentXml.slice(last, p.openEnd));
    out.push(withoutNumbering(p.props)); // (mammoth reads no tracked property changes anyway)
    if (p.label) out.push(`<w:r><w:t xml:space="preserve">${escape(p.label)}</w:t></w:r>`);
    last = p.pPrEnd;
  }
  out.push(documentXml.slice(last));
  return out.join('');
}

/**
 * The label writeNumberingLabels puts in front of each numbered paragraph, by the offset of its
 * `<w:p` in document.xml: what mammoth's text of that paragraph starts with (a fix is placed
 * after it, in the paragraph's own runs).
 */
export function numberingLabels(documentXml: string, numbering: Numbering): Map<number, string> {
  const out = new Map<number, string>();
  for (const p of numberedParagraphs(documentXml, numbering)) if (p.label) out.set(p.start, p.label);
  return out;
}

/**
 * pPr with its numPr replaced by numId 0 ("not numbered", which also overrides a style's
 * numbering). Only mammoth reads the result, and it does not mind where numPr stands.
 */
function withoutNumbering(pPr: string): string {
  const none = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>';
  if (pPr === '' || /^\s*<w:pPr\b[^>]*\/>\s*$/.test(pPr)) return `<w:pPr>${none}</w:pPr>`;
  if (/<w:numPr\b/.test(pPr)) return pPr.replace(NUMPR, none);
  return pPr.replace(/<w:pPr\b[^>]*>/, (open) => open + none);
}
