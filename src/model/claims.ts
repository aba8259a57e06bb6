/**
 * Prose claims that a total is made of parts: "主动公开信息262条，其中人民日报2条，…，A、B各1条",
 * "共X件；从申请渠道来看，a件，b件，c件", and a total closing one sentence with its
 * breakdown opening the next ("共公开33条。从内容分类看，…").
 */
import type { Block } from './blocks.js';
import { placeIn } from './blocks.js';
import type { Place } from '../types.js';

export interface ClaimPart {
  label: string;
  value: number;
  /** "A、B、C各1条" counts as 3 × 1 */
  times: number;
}

export interface SumClaim {
  total: number;
  unit: string;
  /** the words that state the total, e.g. "主动公开信息262条" */
  totalText: string;
  parts: ClaimPart[];
  sentence: string;
  place?: Place;
}

const UNIT = '(?:条|件|个|篇|次|项|份|场|人次|家)';
const QTY = new RegExp(`(\\d+)\\s*(${UNIT})`, 'g');
/** words of a comparison with another year ("同比增加12条"), which is never a part or a total */
const COMPARISON = /(同比|环比|较上年|比上年|较去年|比去年|增加|减少|增长|下降|上升|提高|降低)/;
const MARKER = /其中[：:，,]?|从[^，。；,;]{1,12}?(?:来)?看[，,：:]?|分别为[：:]?|分别是[：:]?/g;

export function findClaims(blocks: Block[]): SumClaim[] {
  const claims: SumClaim[] = [];
  for (const b of blocks) {
    if (b.kind === 'table') continue;
    // parenthesised asides ("（其中县政府及其办公室3件）") are subsets, not breakdowns: blank them out
    const text = b.text.replace(/（[^（）]*）/g, (m) => ' '.repeat(m.length));
    MARKER.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = MARKER.exec(text))) {
      const claim = claimAt(text, b, m.index, m.index + m[0].length);
      if (claim) claims.push({ ...claim, sentence: b.text.slice(sentenceStart(text, m.index), sentenceEnd(text, m.index)) });
    }
  }
  return claims;
}

function sentenceStart(text: string, at: number): number {
  return Math.max(text.lastIndexOf('。', at - 1), text.lastIndexOf('\n', at - 1)) + 1;
}
function sentenceEnd(text: string, at: number): number {
  const e = text.indexOf('。', at);
  return e < 0 ? text.length : e + 1;
}

function claimAt(text: string, b: Block, markerStart: number, markerEnd: number): Omit<SumClaim, 'sentence'> | null {
  // The total: the last quantity right before the marker (only punctuation between), or the
  // quantity closing the previous sentence when the marker opens a new one.
  let before = text.slice(Math.max(0, markerStart - 80), markerStart);
  const baseOffset = Math.max(0, markerStart - 80);
  // "发布信息1250条，同比增加112条，其中…": the comparison is not the total; look past it
  const comparison = new RegExp(`[，,]\\s*[^，,。；]*(?:${COMPARISON.source})[^，,。；]*\\d+\\s*${UNIT}[\\s，,]*$`).exec(before);
  if (comparison) before = before.slice(0, comparison.index) + ' '.repeat(before.length - comparison.index);
  const tm = new RegExp(`(\\d+)\\s*(${UNIT})[\\s，,；;。]*$`).exec(before.trimEnd());
  if (!tm) return null;
  const total = Number(tm[1]);
  const unit = tm[2];
  const totalAt = baseOffset + tm.index;
  const clauseStart = Math.max(before.lastIndexOf('，', tm.index), before.lastIndexOf('。', tm.index - 1), before.lastIndexOf('；', tm.index)) + 1;
  const totalText = before.slice(clauseStart, tm.index + tm[1].length + tm[2].length).replace(/^\s+/, '');

  // The parts: comma-separated items up to the end of the clause (；or 。).
  const rest = text.slice(markerEnd);
  const stop = rest.search(/[；;。]/);
  const body = stop < 0 ? rest : rest.slice(0, stop);
  const parts: ClaimPart[] = [];
  for (const seg of body.split(/[，,]/)) {
    const s = seg.trim();
    if (!s) continue;
    // a comparison ("同比增加12条", "较上年减少2件") ends the breakdown: it is not a part
    if (COMPARISON.test(s)) break;
    const each = new RegExp(`^(.*?)各\\s*(\\d+)\\s*(${UNIT})$`).exec(s);
    if (each && each[3] === unit) {
      const names = each[1].split('、').filter((x) => x.trim());
      parts.push({ label: each[1], value: Number(each[2]), times: Math.max(1, names.length) });
      continue;
    }
    const qs = [...s.matchAll(QTY)].filter((q) => q[2] === unit);
    if (qs.length === 0) break;
    const q = qs[qs.length - 1];
    parts.push({ label: s.slice(0, q.index).trim() || s, value: Number(q[1]), times: 1 });
  }
  if (parts.length < 2) return null;
  return { total, unit, totalText, parts, place: placeIn(b, totalAt) };
}

export function claimSum(c: SumClaim): number {
  return c.parts.reduce((s, p) => s + p.value * p.times, 0);
}
