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
  /** the content, from after the heading to the next section heading */
  content: Span[];
}

const HEADING = new RegExp(`(?:^|(?<=[。；！？\\s|]))\\s*([${SECTION_NUMERALS.join('')}])\\s*[、.．]\\s*`, 'g');

interface Hit {
  number: number;
  block: number;
  start: number;
  end: number;
  text: string;
}

export function findSections(blocks: Block[]): Section[] {
  const hits: Hit[] = [];
  for (const b of blocks) {
    if (b.kind === 'table') continue;
    HEADING.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = HEADING.exec(b.text))) {
      const number = SECTION_NUMERALS.indexOf(m[1]) + 1;
      const rest = b.text.slice(m.index + m[0].length);
      const def = SECTION_TITLES[number - 1];
      const t = def.variants.exec(rest);
      if (!t) continue;
      hits.push({ number, block: b.index, start: m.index + m[0].indexOf(m[1]), end: m.index + m[0].length + t[0].length, text: m[1] + '、' + t[0] });
    }
    // A heading without its numeral: a block that is exactly a section title.
    if (b.kind === 'heading' || b.text.trim().length <= 20) {
      const bare = b.text.trim();
      for (const def of SECTION_TITLES) {
        const t = def.variants.exec(bare);
        if (t && t[0].length === bare.length && !hits.some((h) => h.block === b.index)) {
          const start = b.text.indexOf(bare);
          hits.push({ number: def.number, block: b.index, start, end: start + bare.length, text: bare });
        }
      }
    }
  }
  // Keep the first heading of each number that keeps the order increasing.
  const chosen: Hit[] = [];
  let last = 0;
  for (const h of hits) {
    if (h.number > last) {
      chosen.push(h);
      last = h.number;
    }
  }
  return chosen.map((h, i) => {
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
      content,
    };
  });
}
