/**
 * The six sections of the report. Headings are found by their numeral and title (with the
 * variants real reports use), also when a flattened page runs them inline in a paragraph.
 */
import type { Block } from './blocks.js';
import { SECTION_NUMERALS } from '../util/cjk.js';

export interface SectionTitle {
  number: number;
  /** the template's title */
  title: string;
  /** title variants seen in published reports (template-spec §3) */
  variants: RegExp;
}

export const SECTION_TITLES: SectionTitle[] = [
  { number: 1, title: '总体情况', variants: /^(总体情况|基本情况|概述|总体概况)/ },
  { number: 2, title: '主动公开政府信息情况', variants: /^((行政机关)?主动公开政府信息(的)?(工作)?情况|主动公开(情况|信息情况))/ },
  {
    number: 3,
    title: '收到和处理政府信息公开申请情况',
    variants: /^((行政机关)?收到和处理政府信息公开申请(的)?情况|依申请公开(政府信息)?(的)?情况)/,
  },
  {
    number: 4,
    title: '政府信息公开行政复议、行政诉讼情况',
    variants: /^(政府信息公开(被申请)?行政复议[、和及]?(提起)?行政诉讼(的)?情况|因政府信息公开(工作|申请)?被?申请行政复议[、和及]提起行政诉讼(的)?情况|(被申请)?行政复议[、和及](提起)?行政诉讼(的)?情况)/,
  },
  {
    number: 5,
    title: '存在的主要问题及改进情况',
    variants: /^((政府信息公开)?(工作)?存在的?(主要)?问题(及|和|与)改进(情况|措施))/,
  },
  { number: 6, title: '其他需要报告的事项', variants: /^(其他需要报告的事项|其他事项|其他需要说明的事项)/ },
];

/** A character range inside one block. */
export interface Span {
  block: number;
  start: number;
  end: number;
}

export interface Section {
  number: number;
  title: string;
  /** the heading as written */
  heading: Span & { text: string };
  /** the numeral the heading was written with (1 for 一 …), null when it had none */
  written: number | null;
  /** the content, from after the heading to the next section heading */
  content: Span[];
}

/** A heading numbered like a part (二、…) that is not one of the six parts. */
export interface PartLikeHeading extends Span {
  written: number;
  text: string;
  /** the section it stands in (0 before the first) */
  inSection: number;
}

const PART_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/**
 * A part numeral: at the start of a line or after a sentence's end. In a crawler's text whose
 * table cells were glued together with no separator, a part heading may follow a digit or a
 * word directly (「…24252.311082三、收到和处理…」): such a place is taken only when the title
 * after it is a part's title (see `titleAt`), never for other numbered lines.
 */
/** a dash typed or recognised for 一 (「—、總體情況」): taken only before part 一's title */
const ONE_LOOKALIKE = '—－―‐-';
// (no \\s* before the numeral: the look-behind already takes a space, and a leading \\s* would be
// tried again from every space of a long run)
const HEADING = new RegExp(`(?:^|(?<=[。；：:！？\\s|]))([${PART_NUMERALS.join('')}${ONE_LOOKALIKE}])\\s*[、.．]\\s*`, 'g');
const GLUED = new RegExp(`(?<=[\\d\\u4e00-\\u9fa5）)])([${PART_NUMERALS.join('')}])[、．]`, 'g');
const BARE = new RegExp(`([${PART_NUMERALS.slice(0, 6).join('')}])(?=[\\u4e00-\\u9fa5])`, 'g');
/** Table 3's row labels start like parts (一、本年新收…): in any form they are never headings. */
const TABLE_LABEL = /^(本年新收|上年结转|本年度办理结果|结转下年度|本年度?新收|上年度结转)/;

/**
 * Which part a title names, by the key words of the part's title rather than a fixed list of
 * strings: 五 is 问题 with 改进/整改/措施/方向/打算…, 四 names both 复议 and 诉讼, and so on.
 * `title` is the heading's words up to its end (a line, or the first clause of a glued run).
 */
export function partOfTitle(title: string): number | null {
  const t = title.replace(/\s/g, '');
  if (!t || TABLE_LABEL.test(t)) return null;
  if (/^(其他|其它)/.test(t) && /(事项|情况|说明)/.test(t.slice(0, 14))) return 6;
  if (/问题/.test(t) && /(改进|整改|措施|方向|打算|计划|思路|举措|建议|对策|工作安排|下一步)/.test(t)) return 5;
  if (/复议/.test(t) && /诉讼/.test(t)) return 4;
  if (/申请/.test(t) && /(收到|处理|依申请|受理|办理)/.test(t) && !/复议/.test(t)) return 3;
  if (/^(行政机关)?主动公开/.test(t) && !/申请/.test(t)) return 2;
  if (/^(\d{4}年度?)?(工作)?(总体|基本|整体)(工作)?(情况|概况)|^(工作)?概(述|况)/.test(t)) return 1;
  return null;
}

/** Part numerals in a block's text: where each stands, where its title starts, and whether it is glued to what precedes it. */
function numeralsIn(text: string): Array<{ numeral: string; at: number; after: number; glued: boolean }> {
  const out: Array<{ numeral: string; at: number; after: number; glued: boolean }> = [];
  const taken = new Set<number>();
  HEADING.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HEADING.exec(text))) {
    const lookalike = ONE_LOOKALIKE.includes(m[1]);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 64);
    if (lookalike && partOfTitle(after.slice(0, titleEnd(after))) !== 1) continue;
    out.push({ numeral: lookalike ? '一' : m[1], at: m.index + m[0].indexOf(m[1]), after: m.index + m[0].length, glued: false });
    taken.add(m.index + m[0].indexOf(m[1]));
  }
  GLUED.lastIndex = 0;
  while ((m = GLUED.exec(text))) {
    if (taken.has(m.index)) continue;
    out.push({ numeral: m[1], at: m.index, after: m.index + m[0].length, glued: true });
    taken.add(m.index);
  }
  // a numeral with no mark after it (「一总体情况2020年，…」): a candidate only; it is taken where
  // its own part's title follows (readSections checks), like a glued one
  BARE.lastIndex = 0;
  // (only before the part's own title as the format words it: 「三是依申请公开…」 in a list is no heading)
  while ((m = BARE.exec(text))) {
    const own = SECTION_TITLES[PART_NUMERALS.indexOf(m[1])]?.variants.test(text.slice(m.index + 1, m.index + 40));
    if (own && !taken.has(m.index)) out.push({ numeral: m[1], at: m.index, after: m.index + 1, glued: true });
  }
  return out.sort((x, y) => x.at - y.at);
}

/** Where a heading's title ends: the last template ending word (情况, 事项, 措施…) in its first 30 characters. */
function titleEnd(rest: string): number {
  const window = rest.slice(0, 32).split(/[\n。：:（(，,；;]/)[0];
  let end = -1;
  const re = /(情况|事项|措施|举措|方向|打算|计划|概况|概述|思路|对策|安排|说明)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(window))) {
    end = m.index + m[0].length;
    // the first ending that completes a part's title ends it: what follows is the part's text
    // (「六、其他需要报告的事项无其他需要报告的事项」)
    if (partOfTitle(window.slice(0, end)) !== null) return end;
  }
  return end > 0 ? end : window.length;
}

interface Hit {
  number: number;
  written: number | null;
  /** the heading is a line of its own (not a part named inside a sentence) */
  standalone: boolean;
  block: number;
  start: number;
  end: number;
  text: string;
}

export interface SectionReading {
  sections: Section[];
  partLike: PartLikeHeading[];
  /** part headings found where the order of the six does not allow them (五 before 四) */
  outOfOrder: Array<Span & { number: number; text: string }>;
}

export function findSections(blocks: Block[]): Section[] {
  return readSections(blocks).sections;
}

export function readSections(blocks: Block[]): SectionReading {
  const hits: Hit[] = [];
  const numbered: Array<Omit<PartLikeHeading, 'inSection'>> = [];
  for (const b of blocks) {
    if (b.kind === 'table') continue;
    for (const m of numeralsIn(b.text)) {
      const written = PART_NUMERALS.indexOf(m.numeral) + 1;
      // (a heading's title is short: only the words right after the numeral are read)
      const rest = b.text.slice(m.after, m.after + 200);
      const line = rest.split(/[\n。：:]/)[0].trim();
      const title = rest.slice(0, titleEnd(rest));
      if (partOfTitle(title) === written) {
        const standalone = !m.glued && line.length - title.trim().length <= 2;
        hits.push({ number: written, written, standalone, block: b.index, start: m.at, end: m.after + title.length, text: m.numeral + '、' + title.trim() });
        continue;
      }
      if (m.glued) continue;
      // A part title under another numeral (a part inserted before it shifted the numbering):
      // only when the heading stands alone and is a part's full title, so neither a sentence
      // naming a part nor a sub-topic (一、主动公开) of 总体情况 is taken for it.
      const other = SECTION_TITLES.find((d) => {
        const t = d.variants.exec(line);
        return t && line.length - t[0].length <= 2;
      });
      if (other) {
        hits.push({ number: other.number, written, standalone: true, block: b.index, start: m.at, end: m.after + line.length, text: m.numeral + '、' + line });
        continue;
      }
      if (line.length >= 2 && line.length <= 25 && !TABLE_LABEL.test(line) && !/\d/.test(line))
        numbered.push({ written, block: b.index, start: m.at, end: m.after + line.length, text: m.numeral + '、' + line });
    }
    // A heading without its numeral: a block that is exactly a section title.
    if (b.kind === 'heading' || b.text.trim().length <= 20) {
      const bare = b.text.trim();
      for (const def of SECTION_TITLES) {
        const t = def.variants.exec(bare);
        if (t && t[0].length === bare.length && !hits.some((h) => h.block === b.index)) {
          const start = b.text.indexOf(bare);
          hits.push({ number: def.number, written: null, standalone: true, block: b.index, start, end: start + bare.length, text: bare });
        }
      }
    }
  }
  const chosen = choose(hits);
  const outOfOrder: SectionReading['outOfOrder'] = [];
  for (const h of hits) {
    if (chosen.includes(h) || !h.standalone) continue;
    if (!chosen.some((c) => c.number === h.number)) outOfOrder.push({ number: h.number, block: h.block, start: h.start, end: h.end, text: h.text });
    else if (h.written !== null) numbered.push({ ...h, written: h.written });
  }
  const sections = chosen.map((h, i) => {
    const next = chosen[i + 1];
    const content: Span[] = [];
    const endBlock = next ? next.block : blocks.length - 1;
    for (let bi = h.block; bi <= endBlock; bi++) {
      const b = blocks[bi];
      if (!b) continue;
      const start = bi === h.block ? h.end : 0;
      const end = next && bi === next.block ? next.start : b.text.length;
      if (b.kind === 'table') {
        if (!(next && bi === next.block)) content.push({ block: bi, start: 0, end: 0 });
        continue;
      }
      if (end > start) content.push({ block: bi, start, end });
    }
    return {
      number: h.number,
      title: SECTION_TITLES[h.number - 1].title,
      heading: { block: h.block, start: h.start, end: h.end, text: h.text },
      written: h.written,
      content,
    };
  });
  const before = (a: Span, b: Span) => a.block < b.block || (a.block === b.block && a.start < b.start);
  const partLike = numbered.map((p) => ({ ...p, inSection: [...sections].reverse().find((s) => !before(p, s.heading))?.number ?? 0 }));
  return { sections, partLike, outOfOrder };
}

/**
 * The headings taken as the six parts: the first of each number, written with its own numeral,
 * that keeps the order increasing; then a part whose title stands under another numeral fills
 * its gap when it lies between its neighbours (a sub-topic 「一、主动公开」 inside 总体情况
 * never displaces the real 「二、主动公开政府信息情况」).
 */
function choose(hits: Hit[]): Hit[] {
  const chosen: Hit[] = [];
  let last = 0;
  for (const h of hits) {
    if ((h.written === h.number || h.written === null) && h.number > last) {
      chosen.push(h);
      last = h.number;
    }
  }
  const pos = (h: Hit) => h.block * 1e6 + h.start;
  for (let n = 1; n <= 6; n++) {
    if (chosen.some((c) => c.number === n)) continue;
    const prev = chosen.filter((c) => c.number < n).at(-1);
    const next = chosen.find((c) => c.number > n);
    const fill = hits.find((h) => h.number === n && (!prev || pos(h) > pos(prev)) && (!next || pos(h) < pos(next)));
    if (fill) chosen.splice(next ? chosen.indexOf(next) : chosen.length, 0, fill);
  }
  return chosen;
}

/** The text of a section's content, its spans joined by newlines. */
export function sectionText(blocks: Block[], section: Section): string {
  return section.content
    .map((s) => blocks[s.block])
    .map((b, i) => (b.kind === 'table' ? '' : b.text.slice(section.content[i].start, section.content[i].end)))
    .filter((t) => t.trim())
    .join('\n');
}
