/**
 * What the prose states about the counts the tables carry — applications received (本年新收),
 * carried to next year, 行政复议 and 行政诉讼 cases, 规范性文件 issued — and claims that every
 * application was dealt with (所有申请均已办结). A denial (未发生行政复议) states a count of 0.
 */
import type { Block } from './blocks.js';
import { placeIn } from './blocks.js';
import type { Section } from './sections.js';
import type { Place } from '../types.js';

export type CountTopic = 'received' | 'carriedForward' | 'review' | 'litigation' | 'normativeIssued';

export interface CountStatement {
  kind: 'count';
  topic: CountTopic;
  value: number;
  /** 'number': a figure is written; 'denial': the count is stated as none */
  how: 'number' | 'denial';
  /** the words that state it */
  text: string;
  sentence: string;
  /** the section it stands in (0 before the first) */
  section: number;
  place?: Place;
}

export interface FinishedClaim {
  kind: 'finished';
  text: string;
  sentence: string;
  section: number;
  place?: Place;
}

export type Statement = CountStatement | FinishedClaim;

const N = '(\\d+)\\s*(?:件|起|例|宗|个|次|份)';
const APPLICATION = '(?:政府信息公开|依申请公开|信息公开)申请';
const REVIEW = '行政复议';
const SUIT = '(?:行政诉讼|提起诉讼|起诉)';

interface Pattern {
  topic: CountTopic;
  how: 'number' | 'denial';
  re: RegExp;
}

// Each pattern works on one clause (no ，。； inside), so a figure is tied to the words next to it.
const PATTERNS: Pattern[] = [
  { topic: 'received', how: 'number', re: new RegExp(`(?:收到|受理|接收|新收|接到)[^其]{0,12}?${APPLICATION}(?:共|总计|合计)?\\s*${N}`) },
  { topic: 'received', how: 'number', re: new RegExp(`(?:共|全年|本年度?)(?:收到|受理|接收|新收)${N}${APPLICATION}`) },
  { topic: 'received', how: 'denial', re: new RegExp(`(?:未|没有)(?:收到|受理|接到)(?:任何)?${APPLICATION}`) },
  { topic: 'carriedForward', how: 'number', re: new RegExp(`结转(?:至|到)?下一?年度?(?:继续办理)?\\s*${N}`) },
  { topic: 'review', how: 'number', re: new RegExp(`${REVIEW}(?:案件|申请)?(?:共)?\\s*${N}`) },
  { topic: 'review', how: 'number', re: new RegExp(`(?:收到|发生|被申请)${N}[^，。；]{0,16}?${REVIEW}`) },
  { topic: 'review', how: 'denial', re: new RegExp(`(?:未发生|没有发生|未出现|没有出现|未收到|没有)[^，。；]{0,30}?${REVIEW}`) },
  { topic: 'litigation', how: 'number', re: new RegExp(`${SUIT}(?:案件)?(?:共)?\\s*${N}`) },
  { topic: 'litigation', how: 'denial', re: new RegExp(`(?:未发生|没有发生|未出现|没有出现|没有)[^，。；]{0,30}?(?:${SUIT}|${REVIEW}[、和及或与]诉讼)`) },
  { topic: 'normativeIssued', how: 'number', re: new RegExp(`制(?:发|定)(?:行政)?规范性文件\\s*${N}`) },
];

/** "所有申请均已办结", "…申请…，均已在法定期限内予以答复" */
const FINISHED = /(?:所有|全部)(?:申请)?[^，。；]{0,8}?(?:均|都|全部)?已?(?:按时|按期|依法|及时)?[^，。；]{0,6}?(?:办结|答复|办理完毕)|均已(?:按时|按期|依法|及时|在法定期限内)?[^，。；]{0,10}?(?:办结|答复|办理完毕)/;

export function findStatements(blocks: Block[], sections: Section[]): Statement[] {
  const out: Statement[] = [];
  const sectionOf = (block: number, at: number) =>
    [...sections].reverse().find((s) => s.heading.block < block || (s.heading.block === block && s.heading.start <= at))?.number ?? 0;
  for (const b of blocks) {
    if (b.kind === 'table') continue;
    for (const { text: sentence, start } of sentences(b.text)) {
      for (const { text: clause, start: cs } of clauses(sentence, start)) {
        for (const p of PATTERNS) {
          const m = p.re.exec(clause);
          if (!m) continue;
          // a subset ("其中自然人申请5件") is not the count itself
          if (/其中|自然人|法人|企业/.test(clause.slice(0, m.index + m[0].length))) continue;
          const at = cs + m.index + (m[1] ? m[0].indexOf(m[1]) : 0);
          out.push({ kind: 'count', topic: p.topic, value: p.how === 'denial' ? 0 : Number(m[1]), how: p.how, text: m[0], sentence, section: sectionOf(b.index, at), place: placeIn(b, at) });
        }
      }
      // a claim about applications: the sentence must be about them, not a hotline or mailbox
      const f = FINISHED.exec(sentence);
      const subject = f ? sentence.slice(0, f.index + f[0].length) : '';
      if (f && /申请/.test(subject) && !/上年结转|上年度结转|往年/.test(subject)) {
        const at = start + f.index;
        out.push({ kind: 'finished', text: f[0], sentence, section: sectionOf(b.index, at), place: placeIn(b, at) });
      }
    }
  }
  return dedupe(out);
}

/** One clause can match two patterns of a topic (收到1例…行政复议): keep the first. */
function dedupe(list: Statement[]): Statement[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const key = s.kind === 'count' ? `${s.topic}@${s.sentence}@${s.value}` : `finished@${s.sentence}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sentences(text: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  const re = /[^。！？\n]+[。！？]?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) if (m[0].trim()) out.push({ text: m[0], start: m.index });
  return out;
}

function clauses(sentence: string, base: number): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  const re = /[^，；,;]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sentence))) out.push({ text: m[0], start: base + m.index });
  return out;
}
