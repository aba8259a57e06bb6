/**
 * The small grammar prose counts are read by. A block's text is cut into sentences (。！？ and
 * line ends), a sentence into clauses (，；：、 between them, kept), and each clause into the
 * quantities it states — a number with its unit (262条, 17件, 5949.08万元) and the words
 * before it that say what is counted. Sum claims (claims.ts) and what the prose says of the
 * tables' counts (statements.ts) are both read from these quantities, so a sentence is
 * parsed once and the two readings cannot disagree about where a number stands.
 */

/** Units a count is stated in. Longer first, so 人次 is not read as 次. */
export const COUNT_UNITS = ['人次', '批次', '万元', '亿元', '条', '件', '个', '篇', '期', '次', '项', '份', '场', '家', '起', '例', '宗', '元', '部', '类', '封', '人'];

export interface Quantity {
  value: number;
  unit: string;
  /** 余/多/近/约/左右: not an exact figure, never a total or a part to add up */
  approximate: boolean;
  /** 余/多/逾/超过: the figure is a lower bound */
  atLeast: boolean;
  /** offset of the number in the block text */
  at: number;
  /** offset just past the unit */
  end: number;
  /** the words of its clause before it, back to the previous quantity or the clause start */
  lead: string;
  /** the whole clause before the number */
  clauseLead: string;
}

export interface Clause {
  text: string;
  /** offset in the block text */
  start: number;
  /** the separator that ends it (，；：、 or '' at the sentence end) */
  sep: string;
  /** inside （…）: an aside, such as 「（含上年度结转申请34件）」 */
  aside: boolean;
  quantities: Quantity[];
}

export interface Sentence {
  text: string;
  start: number;
  clauses: Clause[];
}

const UNIT_RE = COUNT_UNITS.join('|');
/** A number (with thousands commas or a decimal part) and its unit, and the marks of an approximate figure. */
const QUANTITY = new RegExp(`(近|约|逾|超过|将近)?(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?\\s*(余|多)?\\s*(${UNIT_RE})(左右)?`, 'g');
/** 2024年, 12月, 31日, 第3季度, 50%: numbers that are not counts */
const NOT_A_COUNT_AFTER = /^\s*(年|月|日|号|时|分|季度|%|％|个月|个工作日|周岁|岁|小时|天|‰)/;
/** the longest text the grammar reads as one sentence: a run-on page text is cut, never matched whole */
const MAX_SENTENCE = 600;

const parsed = new WeakMap<object, Sentence[]>();

/** A block's sentences, parsed once for every reader of them (claims and statements). */
export function sentencesOfBlock(block: { text: string }): Sentence[] {
  let s = parsed.get(block);
  if (!s) parsed.set(block, (s = sentencesOf(block.text)));
  return s;
}

export function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  let depth = 0;
  const push = (end: number) => {
    // a run-on text (a crawler's page with no full stops) is read in slices, never as one sentence
    for (let s = start; s < end; s += MAX_SENTENCE) {
      const e = Math.min(end, s + MAX_SENTENCE);
      const t = text.slice(s, e);
      if (t.trim()) out.push({ text: t, start: s, clauses: clausesOf(text, s, e) });
    }
  };
  // character codes, not one-character strings: each CJK character read as a string is an allocation
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === OPEN || ch === OPEN_ASCII) depth++;
    else if ((ch === CLOSE || ch === CLOSE_ASCII) && depth > 0) depth--;
    else if (ch === 10 || (depth === 0 && (ch === 0x3002 || ch === 0xff01 || ch === 0xff1f))) {
      push(i + 1);
      start = i + 1;
      depth = 0;
    }
  }
  if (start < text.length) push(text.length);
  return out;
}

/** （ ( ） ) */
const OPEN = 0xff08;
const OPEN_ASCII = 0x28;
const CLOSE = 0xff09;
const CLOSE_ASCII = 0x29;
/** ，,；;：:、 (compared as codes: a set look-up per character was the grammar's largest cost) */
const isSeparator = (c: number) => c === 0xff0c || c === 0x3001 || c === 0xff1b || c === 0xff1a || c === 0x2c || c === 0x3b || c === 0x3a;

function clausesOf(text: string, from: number, to: number): Clause[] {
  // asides are read on their own; in the clause around them they are blanked out (same length,
  // so offsets stay those of the block text)
  const asides: Array<[number, number]> = [];
  const parts: string[] = [];
  let last = from;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === OPEN || ch === OPEN_ASCII) {
      const endAt = matchingClose(text, i, to);
      if (endAt > i) {
        asides.push([i + 1, endAt]);
        parts.push(text.slice(last, i), ' '.repeat(endAt - i + 1));
        i = endAt;
        last = endAt + 1;
      }
    }
  }
  parts.push(text.slice(last, to));
  const masked = parts.join('');
  const out: Clause[] = [];
  const split = (src: string, base: number, start: number, end: number, aside: boolean) => {
    let s = start;
    for (let j = start; j <= end; j++) {
      if (j === end || isSeparator(src.charCodeAt(j - base))) {
        if (j > s && src.slice(s - base, j - base).trim()) out.push(clause(src, base, s, j, j === end ? '' : src[j - base], aside));
        s = j + 1;
      }
    }
  };
  split(masked, from, from, to, false);
  for (const [s, e] of asides) {
    const before = out.filter((c) => !c.aside && c.start <= s).length;
    const inner: Clause[] = [];
    const keep = out.splice(0);
    split(text.slice(s, e), s, s, e, true);
    inner.push(...out.splice(0));
    out.push(...keep.slice(0, before), ...inner, ...keep.slice(before));
  }
  return out;
}

function matchingClose(text: string, open: number, to: number): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === OPEN || ch === OPEN_ASCII) depth++;
    else if (ch === CLOSE || ch === CLOSE_ASCII) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function clause(src: string, base: number, start: number, end: number, sep: string, aside: boolean): Clause {
  const t = src.slice(start - base, end - base);
  const quantities: Quantity[] = [];
  QUANTITY.lastIndex = 0;
  let m: RegExpExecArray | null;
  let prevEnd = 0;
  while ((m = QUANTITY.exec(t))) {
    const [whole, approxBefore, intPart, frac, approxAfter, unit, approxTail] = m;
    const numberAt = m.index + (approxBefore?.length ?? 0);
    // part of a longer number or a code (〔2021〕30号, 2024年), or a date, is no count
    if (/[\d.]$/.test(t.slice(0, numberAt)) || NOT_A_COUNT_AFTER.test(t.slice(numberAt + intPart.length + (frac ? frac.length + 1 : 0)))) continue;
    const value = Number(intPart.replace(/,/g, '') + (frac ? '.' + frac : ''));
    quantities.push({
      value,
      unit,
      approximate: Boolean(approxBefore || approxAfter || approxTail || /(约|近|逾|超过|余|多)$/.test(t.slice(0, numberAt))),
      atLeast: Boolean((approxAfter || /^(逾|超过)$/.test(approxBefore ?? '')) && !approxTail && !/(约|近)$/.test(t.slice(0, numberAt))),
      at: start + numberAt,
      end: start + m.index + whole.length,
      lead: t.slice(prevEnd, numberAt),
      clauseLead: t.slice(0, numberAt),
    });
    prevEnd = m.index + whole.length;
  }
  return { text: t, start, sep, aside, quantities };
}

export type Obj = 'application' | 'review' | 'litigation' | 'normative' | 'both';

/** What a stretch of words is about. 复议 and 诉讼 together name both (「行政复议、行政诉讼各0件」). */
export function objectOf(words: string): Obj | null {
  const review = /复议/.test(words);
  const suit = /诉讼|起诉/.test(words);
  if (review && suit) return 'both';
  if (review) return 'review';
  if (suit) return 'litigation';
  if (/规范性文件/.test(words)) return 'normative';
  if (/申请/.test(words)) return 'application';
  return null;
}

