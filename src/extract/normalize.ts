/**
 * Normalise the text of an mdast tree in place, remembering what changed:
 * traditional → simplified (opencc-js), inserted pinyin annotations like `現(xiàn)` removed,
 * full-width digits/letters and CJK-context punctuation unified, spaces inside CJK runs
 * removed, invisible characters dropped. Each text node keeps `data.map` (normalised index →
 * offset in its original value) so positions still point into the original file.
 * Site chrome recognisable by its words (breadcrumbs, 打印/关闭, 上一篇/下一篇, 发布日期 lines)
 * is taken out of the body and kept as metadata.
 */
import type { Root, Text, Parent, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { mapped, replaceMapped, convertSameLength, type MappedText } from '../util/mapped.js';
import { HAN, CJK_TEXT } from '../util/cjk.js';
import type { Place } from '../types.js';
import { trimEndOf } from '../util/trim.js';
import { toSimplified } from '../util/t2s.js';

export interface Change {
  kind: 'pinyin' | 'traditional' | 'radical' | 'fullwidth' | 'punctuation' | 'cjk-space';
  /** what stood in the original */
  from: string;
  to: string;
  place?: Place;
}

export interface ChromeLine {
  kind: 'breadcrumb' | 'print' | 'prev-next' | 'meta';
  text: string;
  node: Text;
  place?: Place;
}

export interface Normalization {
  counts: Record<Change['kind'], number>;
  /** individual changes worth reporting (pinyin), capped */
  samples: Change[];
  chrome: ChromeLine[];
}


const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ';
const PINYIN = new RegExp(`(?<=[${HAN}]\n?)[(（](?=[a-zü]*[${TONED}])[a-zü${TONED}]{1,7}[)）]`, 'g');
const FULLWIDTH_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const NBSP = /[\u00a0\u3000]/g;
const MAX_SPACES = 32;
const LONG_SPACES = / {33,}/g;
// ASCII punctuation next to Chinese text becomes the full-width form the template uses.
const CJK_PAREN = new RegExp(`\\(([^()]{0,30})\\)`, 'g');
const CJK_PUNCT = new RegExp(`(?<=[${HAN}）”])([,;:])|([,;:])(?=[${HAN}“（])`, 'g');
const CJK_SPACE = new RegExp(`(?<=[${HAN}0-9，。、；：）（“”%])[ ]+(?=[${HAN}（“])|(?<=[${HAN}（）“”，。、；：])[ ]+(?=[0-9${HAN}])`, 'g');

const WRAP = /[ \t]*\n[ \t]*/g;

// Radical code points some PDF producers' fonts map characters to (Chromium with Noto CJK
// writes ⼀ U+2F00 for 一, ⻚ U+2EDA for 页): Kangxi radicals unfold by NFKC; the supplement
// block mostly has no decomposition, so its characters that stand as words are listed.
const RADICAL = /[\u2e80-\u2ef3\u2f00-\u2fd5]/g;
const RADICALS: Record<string, string> = Object.fromEntries(
  [...'⺠民⻄西⻅见⻆角⻈讠⻉贝⻋车⻐钅⻓长⻔门⻘青⻙韦⻚页⻛风⻜飞⻝食⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫齐⻬齐⻭齿⻯龙⻰龙⻲龟⻳龟⺟母⺮竹⺷羊'].flatMap((ch, i, all) =>
    i % 2 === 0 ? [[ch, all[i + 1]]] : [],
  ),
);

/** Normalise one string; `record` is told of each change with its offset in `input`. */
export interface NormalizeOptions {
  /** the line breaks are a page's soft wraps (a PDF paragraph), not the author's */
  softWraps?: boolean;
}

// one scan for any character a stage other than t2s acts on: most text nodes have none, and
// then the nine scans of the stages are skipped
const STAGED = /[\u200b-\u200d\u2060\ufeff\u00ad\u00a0\u3000 (（,;:\n\u2e80-\u2ef3\u2f00-\u2fd5\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/;

export function normalizeText(input: string, record?: (c: Change, originalOffset: number) => void, options: NormalizeOptions = {}): MappedText {
  let t = mapped(input);
  if (!STAGED.test(input)) return traditional(t, record);
  t = replaceMapped(t, INVISIBLE, () => '');
  t = replaceMapped(t, NBSP, () => ' ');
  // a run of padding is a gap however long: cut to a bound so no pattern meets an unbounded run
  t = replaceMapped(t, LONG_SPACES, (m) => m[0].slice(0, MAX_SPACES));
  t = stage(t, PINYIN, () => '', (m) => ({ kind: 'pinyin', from: m[0], to: '' }));
  t = stage(t, RADICAL, (m) => RADICALS[m[0]] ?? m[0].normalize('NFKC'), (m, r) => ({ kind: 'radical', from: m[0], to: r }));
  t = traditional(t, record);
  t = stage(t, FULLWIDTH_ALNUM, (m) => String.fromCharCode(m[0].charCodeAt(0) - 0xfee0), (m, r) => ({ kind: 'fullwidth', from: m[0], to: r }));
  t = stage(
    t,
    CJK_PAREN,
    (m) => (hasHan.test(m[1]) || /^\s*$/.test(m[1]) ? `（${m[1]}）` : m[0]),
    (m, r) => ({ kind: 'punctuation', from: m[0], to: r }),
  );
  t = stage(
    t,
    CJK_PUNCT,
    (m) => ({ ',': '，', ';': '；', ':': '：' })[(m[1] ?? m[2]) as ',' | ';' | ':'],
    (m, r) => ({ kind: 'punctuation', from: m[0], to: r }),
  );
  t = stage(t, CJK_SPACE, () => '', (m) => ({ kind: 'cjk-space', from: m[0], to: '' }));
  // Lines wrapped by the page (PDF paragraphs keep '\n' so positions count lines): Chinese
  // runs on with nothing between; words of other scripts get a space.
  if (options.softWraps) t = replaceMapped(t, WRAP, (m) => (CJK_TEXT.test(m.input[m.index - 1] ?? '') || CJK_TEXT.test(m.input[m.index + m[0].length] ?? '') ? '' : ' '));
  return t;

  function stage(
    src: MappedText,
    re: RegExp,
    rep: (m: RegExpExecArray) => string,
    change: (m: RegExpExecArray, r: string) => Change,
  ): MappedText {
    return replaceMapped(src, re, rep, (m, r) => record?.(change(m, r), src.map[m.index]));
  }
}
const hasHan = new RegExp(`[${HAN}]`);

/** Traditional characters to simplified (opencc-js), each change recorded. */
function traditional(t: MappedText, record?: (c: Change, originalOffset: number) => void): MappedText {
  const conv = convertSameLength(t, toSimplified);
  if (conv.changed === 0) return t;
  for (let i = 0; i < t.text.length; i++)
    if (t.text[i] !== conv.result.text[i]) record?.({ kind: 'traditional', from: t.text[i], to: conv.result.text[i] }, t.map[i]);
  return conv.result;
}

/** a line that is only a date (「• 2024-03-08 10:35」): chrome here, the publication date for the model */
export const DATE_ONLY_LINE = /^[•·\s]*(\d{4})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})(?:\s+\d{1,2}\s*:\s*\d{2}(?::\d{2})?)?\s*$/;

const CHROME: Array<[ChromeLine['kind'], RegExp]> = [
  ['breadcrumb', /^[•·\s]*(您现在的位置|您当前的位置|当前位置|您的位置|所在位置|当前所在位置)/],
  ['print', /^[【\[\s]*(打印|关闭|打印本页|关闭窗口|收藏|分享)[】\]\s]*([【\[\s]*(打印|关闭|本页|窗口|收藏|分享)[】\]\s|]*)*\|?\s*$/],
  ['prev-next', /^[•·\s]*(上一篇|下一篇|上一条|下一条)\s*[：:]/],
  ['meta', /^[•·\s]*(发布日期|发布时间|发文日期|点击次数|点击数|浏览次数|阅读次数|访问次数|文章来源|信息来源|来源|字号|作者)\s*[：:]/],
  // 「日期：2022-01-20 来源：…」: a bare date label opening the information line
  ['meta', /^[•·\s]*(日期|时间)\s*[：:]\s*\d{4}\s*[-/.年]/],
  // a date alone in the article's information list (「• 2024-03-08」 between 「• 听全文」 and 「• 来源：…」)
  ['meta', DATE_ONLY_LINE],
];

export const isChromeLine = (raw: string): boolean => chromeKind(raw) !== null;

function chromeKind(raw: string): ChromeLine['kind'] | null {
  // a flattened page pads chrome lines with empty cells ("打印 关闭 | ||||…")
  // …and a PDF print of the page starts its list items with a Symbol-font bullet (U+F0B7)
  const text = trimEndOf(raw, '| ').replace(/^[\s\ue000-\uf8ff]+/, '');
  if (text.length > 120) return null;
  for (const [kind, re] of CHROME) if (re.test(text)) return kind;
  return null;
}

/** Normalise every text node; move chrome paragraphs out of the body. */
export function normalizeTree(tree: Root): Normalization {
  const counts: Normalization['counts'] = { pinyin: 0, traditional: 0, radical: 0, fullwidth: 0, punctuation: 0, 'cjk-space': 0 };
  const samples: Change[] = [];
  visit(tree, 'text', (node: Text) => {
    const original = node.value;
    const softWraps = (node.data as { softWraps?: boolean } | undefined)?.softWraps === true;
    const result = normalizeText(
      original,
      (c, off) => {
        counts[c.kind]++;
        if (c.kind === 'pinyin' && samples.length < 500) samples.push({ ...c, place: placeAtOriginal(node, off) });
      },
      { softWraps },
    );
    node.data = { ...(node.data ?? {}), original, map: result.map } as Text['data'];
    node.value = result.text;
  });
  const chrome: ChromeLine[] = [];
  removeChrome(tree, chrome);
  return { counts, samples, chrome };
}

function removeChrome(parent: Parent, chrome: ChromeLine[]): void {
  parent.children = (parent.children as RootContent[]).filter((child) => {
    if (child.type === 'paragraph' || child.type === 'heading') {
      const texts = textsOf(child, []);
      const text = texts.map((t) => t.value).join('').trim();
      const kind = chromeKind(text);
      if (kind && texts.length > 0) {
        chrome.push({ kind, text, node: texts[0], place: texts[0].position });
        return false;
      }
    }
    if (child.type === 'blockquote' || child.type === 'list' || child.type === 'listItem') removeChrome(child, chrome);
    return true;
  }) as Parent['children'];
}

/** The text nodes under a node, in order (a walk of its own: visit() compiles its test on every call, once per paragraph here). */
function textsOf(node: RootContent | Parent, out: Text[]): Text[] {
  if (node.type === 'text') out.push(node as Text);
  else if ('children' in node) for (const c of node.children) textsOf(c as RootContent, out);
  return out;
}

/**
 * Where, in the original file, does character `index` of a normalised text node stand?
 * Exact for text input (a node is one line); for HTML the column is counted from the
 * node's start, which is exact unless the source used character references.
 */
export function pointAt(node: Text, index: number): Place | undefined {
  const map = (node.data as { map?: number[] } | undefined)?.map;
  return placeAtOriginal(node, map ? map[Math.max(0, Math.min(index, map.length - 1))] : index);
}

/** The place of offset `off` of a text node's original value. */
export function placeAtOriginal(node: Text, off: number): Place | undefined {
  const pos = node.position;
  if (!pos) return undefined;
  const original = (node.data as { original?: string } | undefined)?.original ?? node.value;
  // the line breaks inside the original value, found once per node (a page's text can be one
  // long node: counting from its start for every place would cost the square of its length)
  const breaks = lineBreaks(node, original);
  const at = Math.min(off, original.length);
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  const line = pos.start.line + lo;
  const column = lo === 0 ? pos.start.column + at : at - breaks[lo - 1];
  return { start: { line, column, offset: pos.start.offset !== undefined ? pos.start.offset + off : undefined } };
}

const breaksCache = new WeakMap<Text, { of: string; breaks: number[] }>();
function lineBreaks(node: Text, original: string): number[] {
  const hit = breaksCache.get(node);
  if (hit && hit.of === original) return hit.breaks;
  const breaks: number[] = [];
  for (let i = original.indexOf('\n'); i >= 0; i = original.indexOf('\n', i + 1)) breaks.push(i);
  breaksCache.set(node, { of: original, breaks });
  return breaks;
}
