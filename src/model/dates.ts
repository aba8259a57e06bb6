/**
 * Dates in the report and the role each plays: the reporting period stated in prose
 * (统计期限, 起止时间), the signature date under the issuer's name, the 发布日期 of the page.
 */
import type { Block } from './blocks.js';
import { placeIn } from './blocks.js';
import { cnNumber } from '../util/cjk.js';
import type { ChromeLine } from '../extract/normalize.js';
import { pointAt, isChromeLine, DATE_ONLY_LINE } from '../extract/normalize.js';
import type { Place } from '../types.js';
import { trimEndOf } from '../util/trim.js';

export interface YMD {
  year: number;
  month: number;
  day: number;
}

export interface DateMention {
  /** stated: the text itself says when the report is (or will be) published */
  role: 'signature' | 'published' | 'stated';
  date: YMD;
  text: string;
  place?: Place;
}

export interface PeriodMention {
  start: YMD;
  end: YMD;
  text: string;
  place?: Place;
  /** the years as written (one, or two when the end has its own), each with its place */
  years: Array<{ text: string; value: number; place?: Place }>;
}

const CN_YEAR = '[〇零一二三四五六七八九]{4}';
const CN_NUM = '[一二三四五六七八九十]{1,3}';
const DATE = `(\\d{4}|${CN_YEAR})\\s*年\\s*(\\d{1,2}|${CN_NUM})\\s*月\\s*(\\d{1,2}|${CN_NUM})\\s*日`;
const ISO_RE = /(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})/;
const PERIOD_RE = new RegExp(
  `${DATE}\\s*(?:起)?\\s*(?:至|到|—|－|-|~|～)\\s*(?:(\\d{4}|${CN_YEAR})\\s*年\\s*)?(\\d{1,2}|${CN_NUM})\\s*月\\s*(\\d{1,2}|${CN_NUM})\\s*日`,
  'dg',
);

function num(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (/^[〇零一二三四五六七八九]{4}$/.test(s)) return Number([...s].map((c) => '〇一二三四五六七八九'.indexOf(c === '零' ? '〇' : c)).join(''));
  return cnNumber(s) ?? NaN;
}

export function ymd(y: string, m: string, d: string): YMD {
  return { year: num(y), month: num(m), day: num(d) };
}

export function formatYMD(d: YMD): string {
  return `${d.year}年${d.month}月${d.day}日`;
}

export function compareYMD(a: YMD, b: YMD): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** the words that make a range the report's period, standing before it in its clause */
const PERIOD_LEAD = /(统计|期限|起止|时间段|时间跨度|时限|年报|年度报告|本报告|数据|涵盖)/;

/** The words of `text`'s clause before offset `at`. */
function clauseBefore(text: string, at: number): string {
  const start = Math.max(...['。', '，', '；', '\n', ',', ';'].map((p) => text.lastIndexOf(p, at - 1))) + 1;
  return text.slice(start, at);
}

/** Stated reporting periods: a date range in a sentence about the report's data or time span. */
export function findPeriods(blocks: Block[]): PeriodMention[] {
  const out: PeriodMention[] = [];
  for (const b of blocks) {
    if (b.kind === 'table') continue;
    PERIOD_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = PERIOD_RE.exec(b.text))) {
      // the words that make a range the report's period stand in the same clause, before it
      // ("本报告的起止时间为…", "数据的统计期限自…"); "按照工作报告部署，3月1日至5月31日开展…" is not one
      const lead = clauseBefore(b.text, m.index);
      const start = ymd(m[1], m[2], m[3]);
      // or a range from 1 January in a sentence about the report itself (「本报告由…组成，涵盖…」)
      const sentence = b.text.slice(Math.max(b.text.lastIndexOf('。', m.index - 1), b.text.lastIndexOf('\n', m.index - 1)) + 1, m.index);
      const aboutReport = start.month === 1 && start.day === 1 && /(本报告|本年度报告|年度报告|年报)/.test(sentence) && /(涵盖|覆盖|反映|包括|汇总|统计)/.test(lead + sentence.slice(-12));
      if (!PERIOD_LEAD.test(lead) && !aboutReport) continue;
      const end = ymd(m[4] ?? m[1], m[5], m[6]);
      const years = [1, 4].flatMap((g) => (m![g] && m!.indices?.[g] ? [{ text: m![g], value: g === 1 ? start.year : end.year, place: placeIn(b, m!.indices[g]![0]) }] : []));
      out.push({ start, end, text: m[0], place: placeIn(b, m.index), years });
    }
    // a page that lost 年 and 月 between the digits (「自202111日起至20211230日止」): read only where
    // the digits after the year leave one month and day
    COMPACT_PERIOD.lastIndex = 0;
    while ((m = COMPACT_PERIOD.exec(b.text))) {
      if (!PERIOD_LEAD.test(clauseBefore(b.text, m.index))) continue;
      const start = compactDay(m[1], m[2]);
      const end = compactDay(m[3], m[4]);
      if (!start || !end) continue;
      out.push({ start, end, text: m[0], place: placeIn(b, m.index), years: [] });
    }
  }
  return out;
}

const COMPACT_PERIOD = /(?<!\d)(\d{4})(\d{2,4})日\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*(\d{4})(\d{2,4})日/g;

/** 「1230」 after the year: the one month and day the digits allow, or null when there are two (「111」). */
function compactDay(year: string, md: string): YMD | null {
  // four digits are MMDD (「1230」, 「0101」); fewer are read where no part starts with 0
  const cuts = md.length === 4 ? [2] : Array.from({ length: md.length - 1 }, (_, i) => i + 1);
  const readings: YMD[] = [];
  for (const i of cuts) {
    const [mo, d] = [md.slice(0, i), md.slice(i)];
    if (md.length !== 4 && (/^0/.test(mo) || /^0/.test(d))) continue;
    const month = Number(mo);
    const day = Number(d);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) readings.push({ year: Number(year), month, day });
  }
  return readings.length === 1 ? readings[0] : null;
}

/**
 * The signature date: a date standing at the very end of the report body (after the
 * issuer's name), not inside a sentence.
 */
export function findSignatureDate(blocks: Block[]): DateMention | null {
  for (let i = blocks.length - 1; i >= Math.max(0, blocks.length - 4); i--) {
    const b = blocks[i];
    if (b.kind === 'table') continue;
    // a Markdown paragraph keeps the page's last lines (打印 关闭) after the signature
    const lines = trimEndOf(b.text, '| ').split('\n');
    while (lines.length > 1 && isChromeLine(lines[lines.length - 1])) lines.pop();
    const text = trimEndOf(lines.join('\n'), '| ');
    const tail = new RegExp(`${DATE}$`).exec(text);
    if (tail) {
      const before = text.slice(0, tail.index);
      // a date closing a sentence ("…于2021年1月1日") is not a signature
      if (before.trim() === '' || /[\s|]$/.test(before) || /(政府|委员会|办公室|局|处|厅|街道|镇|乡|中心|院|所|部|会)$/.test(before.trim()))
        return { role: 'signature', date: ymd(tail[1], tail[2], tail[3]), text: tail[0], place: placeIn(b, tail.index) };
    }
    if (text.length > 200) break;
  }
  // a covering letter (「…关于报送…年度报告的函」) is signed before the report it carries: a date
  // alone on its line right under the organ's name, anywhere in the document
  for (let i = blocks.length - 1; i >= 1; i--) {
    const b = blocks[i];
    const prev = blocks[i - 1];
    if (b.kind === 'table' || prev.kind === 'table') continue;
    const only = new RegExp(`^\\s*${DATE}\\s*$`).exec(b.text);
    const organ = prev.text.trim().split('\n').pop() ?? '';
    if (only && organ.length <= 30 && /(政府|委员会|办公室|局|处|厅|街道|镇|乡|中心|院|所|部|会|委)$/.test(organ))
      return { role: 'signature', date: ymd(only[1], only[2], only[3]), text: only[0].trim(), place: placeIn(b, b.text.indexOf(only[0].trim())) };
  }
  return null;
}

/** A date label on the article's information line; never 成文日期 (the signing) or a validity date. */
const PUBLISHED_LABEL = /(?:发布|发文)(?:日期|时间)?\s*[：:]?|(?<!成文|生效|截止|有效|施行|印发)(?:时间|日期)\s*[：:]/;

/**
 * 发布日期 from the page's information line: a chrome line (「发布日期：…」, 「来源：… 时间：…」, a
 * date alone in the list beside 来源), else the same label in the head of the page's text (an
 * information table: 「公开目录 … 发布日期 2021-02-20 09:00」).
 */
export function findPublishedDate(chrome: ChromeLine[], blocks: Block[] = []): DateMention | null {
  for (const c of chrome) {
    if (c.kind !== 'meta') continue;
    const only = DATE_ONLY_LINE.exec(c.text);
    const label = only ? null : PUBLISHED_LABEL.exec(c.text);
    if (!only && !label) continue;
    const after = label ? c.text.slice(label.index) : c.text;
    const m = ISO_RE.exec(after) ?? new RegExp(DATE).exec(after);
    if (m) {
      const idx = c.node.value.indexOf(m[0]);
      return { role: 'published', date: ymd(m[1], m[2], m[3]), text: m[0], place: pointAt(c.node, Math.max(0, idx)) };
    }
  }
  for (const b of blocks.slice(0, 12)) {
    if (b.kind === 'table') continue;
    // the label and its value may sit in two cells of an information table (「公开日期: | 2024-01-15」)
    const re = /(?:发布|发文|公开|上网)(?:日期|时间)[\s|：:]*/g;
    let l: RegExpExecArray | null;
    while ((l = re.exec(b.text))) {
      const rest = b.text.slice(l.index + l[0].length);
      const m = new RegExp(`^(?:${ISO_RE.source}|${DATE})`).exec(rest);
      if (!m) continue;
      const [y, mo, d] = m[1] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
      return { role: 'published', date: ymd(y, mo, d), text: m[0], place: placeIn(b, l.index + l[0].length) };
    }
  }
  return null;
}

/**
 * A publication date the text states for the report itself: 「本报告于2024年12月20日在区政府网站公布」,
 * 「本年度报告将于2025年1月20日前发布」 is not one (a deadline, not a date of publication).
 */
export function findStatedPublication(blocks: Block[]): DateMention | null {
  const re = new RegExp(`(?:本报告|本年度报告|年度报告|年报)[^。；]{0,24}?(?:于|在)\\s*${DATE}(?![^。；]{0,4}前)[^。；]{0,24}?(?:发布|公布|公开|上网|印发)`, 'g');
  for (const b of blocks) {
    if (b.kind === 'table') continue;
    re.lastIndex = 0;
    const m = re.exec(b.text);
    if (!m) continue;
    const at = m.index + m[0].search(/\d|[〇零一二三四五六七八九]{4}/);
    const date = new RegExp(DATE).exec(m[0])!;
    return { role: 'stated', date: ymd(date[1], date[2], date[3]), text: date[0], place: placeIn(b, at) };
  }
  return null;
}

