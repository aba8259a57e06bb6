/**
 * What the prose states about the counts the tables carry, read from the quantities of the
 * prose grammar (prose.ts): each quantity is tied to what it counts by the words of its own
 * clause — an object (申请, 行政复议, 行政诉讼, 规范性文件) and a verb or state (收到/受理/新收,
 * 办结/答复, 予以公开及部分公开, 结转下年度, 上年结转, 制发, 现行有效, 结果维持 …). A clause that
 * names no object takes the one its sentence named before (「共收到申请70件，办结69件，1件结转下年度」).
 * A subset (其中自然人…), a comparison (同比…), a figure of other years (以来, 历年) or an
 * approximate one (300余件) is never taken for the count. A denial (未发生行政复议) states 0.
 * Claims that every application was dealt with (所有申请均已办结) and that every case was
 * upheld or closed (均获维持, 均已结案) are kept for prose-contradiction.
 */
import type { Block } from './blocks.js';
import { placeIn } from './blocks.js';
import type { Section } from './sections.js';
import type { Place } from '../types.js';
import { sentencesOfBlock, objectOf, type Clause, type Obj, type Quantity } from './prose.js';
import { COMPARISON } from './claims.js';
import { trimEndOf } from '../util/trim.js';

export type CountTopic =
  | 'received' // 一、本年新收
  | 'carriedOver' // 二、上年结转
  | 'handled' // 三、（七）总计: 办结, 答复
  | 'dealtWith' // 办理: received or handled, the prose does not say which
  | 'disclosedOrPartly' // （一）予以公开 + （二）部分公开
  | 'withheld' // （三）不予公开
  | 'unable' // （四）无法提供
  | 'notHandled' // （五）不予处理
  | 'otherHandling' // （六）其他处理
  | 'carriedForward' // 四、结转下年度继续办理
  | 'review' // 表4 行政复议 总计
  | 'litigation' // 表4 行政诉讼 总计 (both kinds)
  | 'normativeIssued' // 表2 行政规范性文件 本年制发件数
  | 'normativeInForce'; // 表2 行政规范性文件 现行有效件数

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

/** 「均获维持」「均已结案」 said of the reviews or lawsuits of a sentence. */
export interface OutcomeClaim {
  kind: 'outcome';
  of: 'review' | 'litigation' | 'both';
  claim: 'allUpheld' | 'allClosed';
  text: string;
  sentence: string;
  section: number;
  place?: Place;
}

export type Statement = CountStatement | FinishedClaim | OutcomeClaim;

const BREAKDOWN = /^\s*(其中|具体包括|主要包括|分别为|分别是|具体为|包括|涉及|从[^，。；：]{1,12}?(?:来)?看|按[^，。；：]{1,10}?分)/;
/** counts a breakdown's parts must not be taken for */
const TOTALS = new Set<CountTopic>(['received', 'handled', 'dealtWith', 'review', 'litigation', 'normativeIssued', 'normativeInForce']);
const SUBSET = /其中|自然人|法人|企业|商业|科研|公益|律师|法律服务|个人|群众/;
/** figures of other years or of part of the year */
const OTHER_SPAN = /以来|历年|累计|上半年|下半年|季度|月份|同期|去年|上一年|前年/;
const UNITS_OF_CASES = new Set(['件', '起', '例', '宗', '个', '次', '份', '条']);

const RECEIVED = /(收到|受理|接收|新收|接到|登记|收悉|提出)/;
const CARRIED_OVER = /(上年|上一年度?|往年|去年)[^，；]{0,6}结转|结转上一?年度?/;
const CARRIED_FORWARD = /结转(?:至|到|入)?(?:下一?年度?|下年|\d{4}年)|顺延(?:至|到)?下一?年度?|转入下一?年度?/;
const HANDLED = /(办结|答复|办理完毕|处理完毕|已办理)/;
const DEALT_WITH = /办理/;
const DISCLOSED_OR_PARTLY = /予以公开(?:及|和|与|、|或)部分公开|公开(?:及|和|与)部分公开/;
const RESULT: Array<[CountTopic, RegExp]> = [
  ['withheld', /不予公开$/],
  ['unable', /无法提供$/],
  ['notHandled', /不予处理$/],
  ['otherHandling', /其他处理$/],
];
const ISSUED = /(制发|制定|出台|印发)/;
const IN_FORCE = /现行有效/;

export function findStatements(blocks: Block[], sections: Section[]): Statement[] {
  const out: Statement[] = [];
  const sectionOf = (block: number, at: number) =>
    [...sections].reverse().find((s) => s.heading.block < block || (s.heading.block === block && s.heading.start <= at))?.number ?? 0;
  for (const b of blocks) {
    if (b.kind === 'table') continue;
    for (const s of sentencesOfBlock(b)) {
      let object: Obj | null = null;
      // after a breakdown marker (其中, 从…看, 分别为 …) the figures are parts of the total before
      // it — a channel, an applicant type — never the count itself, until a ；or a new object
      let breakdownOf: Obj | null | undefined;
      for (const c of s.clauses) {
        const own = objectOf(c.text);
        if (breakdownOf && own && own !== breakdownOf) breakdownOf = undefined;
        if (!c.aside && BREAKDOWN.test(c.text)) breakdownOf = own ?? object;
        for (const q of c.quantities) {
          const st = countOf(q, c, own ?? object);
          // the parts of a breakdown of something else (「制发政府信息349条，其中…依申请公开173条、不予公开52条」,
          // documents by how they are disclosed) are never application counts
          if (st && breakdownOf !== undefined && !c.aside && (TOTALS.has(st.topic) || breakdownOf !== 'application')) continue;
          if (st) out.push({ kind: 'count', ...st, sentence: s.text, section: sectionOf(b.index, q.at), place: placeIn(b, q.at) });
        }
        if (/[；;]/.test(c.sep)) breakdownOf = undefined;
        // a denial names its objects in a run joined by 、 (「未发生…行政复议、诉讼和申诉情况」)
        const run = joinedRun(s.clauses, s.clauses.indexOf(c));
        const d = run ? denialsOf(run.text) : null;
        if (d) for (const topic of d.topics) out.push({ kind: 'count', topic, value: 0, how: 'denial', text: d.text, sentence: s.text, section: sectionOf(b.index, c.start + d.at), place: placeIn(b, c.start + d.at) });
        const oc = outcomeOf(c, own ?? object);
        if (oc) out.push({ kind: 'outcome', ...oc, text: trimEndOf(c.text.trim(), '。！？'), sentence: s.text, section: sectionOf(b.index, c.start), place: placeIn(b, c.start) });
        if (own) object = own;
      }
      const f = FINISHED.exec(s.text);
      const subject = f ? s.text.slice(0, f.index + f[0].length) : '';
      // a claim about applications: the sentence must be about them, not a hotline or mailbox
      if (f && /申请/.test(subject) && !/上年结转|上年度结转|往年/.test(subject)) {
        const at = s.start + f.index;
        out.push({ kind: 'finished', text: f[0], sentence: s.text, section: sectionOf(b.index, at), place: placeIn(b, at) });
      }
    }
  }
  return dedupe(out);
}

function countOf(q: Quantity, c: Clause, object: Obj | null): { topic: CountTopic; value: number; how: 'number'; text: string } | null {
  if (q.approximate || !UNITS_OF_CASES.has(q.unit)) return null;
  const lead = q.lead;
  const after = c.text.slice(q.end - c.start, q.end - c.start + 24);
  const words = lead + q.value + q.unit + after;
  if (COMPARISON.test(lead) || (OTHER_SPAN.test(c.text.slice(0, q.at - c.start)) && !CARRIED_OVER.test(words))) return null;
  // what it counts: named in the words next to the figure, else the clause's or the sentence's object
  const near = objectOf(lead + after) ?? object;
  const said = (topic: CountTopic) => ({ topic, value: q.value, how: 'number' as const, text: (stripLead(lead) + q.value + q.unit + after.split(/[，。；,;（(]/)[0]).trim() });
  if (near === 'review' || near === 'litigation') {
    // an outcome or a subset of the cases is a part, not the count
    if (/维持|纠正|撤销|确认违法|其他结果|尚未审结|审结|在审|败诉|胜诉|驳回|其中/.test(lead)) return null;
    return said(near);
  }
  if (near === 'normative') {
    if (/废止|失效|清理|修订|修改|备案|审查|审核|解读/.test(lead) && !IN_FORCE.test(lead)) return null;
    if (IN_FORCE.test(words)) return said('normativeInForce');
    if (ISSUED.test(lead)) return said('normativeIssued');
    return null;
  }
  if (near !== 'application') return null;
  if (CARRIED_OVER.test(words)) return said('carriedOver');
  if (CARRIED_FORWARD.test(words)) return said('carriedForward');
  if (SUBSET.test(lead)) return null;
  if (DISCLOSED_OR_PARTLY.test(lead)) return said('disclosedOrPartly');
  for (const [topic, re] of RESULT) if (re.test(trimEndOf(lead, '的 '))) return said(topic);
  if (HANDLED.test(lead)) return said('handled');
  if (RECEIVED.test(lead) || RECEIVED.test(after.split(/[，。；]/)[0]) && /申请/.test(after)) return said('received');
  if (DEALT_WITH.test(lead)) return said('dealtWith');
  return null;
}

/** The words that state a count, without the time, place and 共 before them (「全年共收到…」 → 「收到…」). */
const LEAD_NOISE = /^(?:[\s，,；;：:]|\d{4}年度?|本年度?|全年|今年|年内|当年|全[区市县省州旗镇乡]|[我本][局委办厅区县市镇乡街道单位部门机关中心所站院]+|共计|累计|总计|共|因政府信息公开(?:工作)?)+/;
function stripLead(lead: string): string {
  const t = lead.replace(LEAD_NOISE, '');
  return t.length >= 2 ? t : lead.replace(/^[\s，,；;：:]+/, '');
}

/** The clause at i with the clauses 、 joins to it, when i starts such a run and holds no figure. */
function joinedRun(clauses: Clause[], i: number): { text: string } | null {
  const c = clauses[i];
  if (c.quantities.length || (i > 0 && clauses[i - 1].sep === '、')) return null;
  let text = c.text;
  for (let j = i; clauses[j]?.sep === '、' && clauses[j + 1] && !clauses[j + 1].quantities.length; j++) text += '、' + clauses[j + 1].text;
  return { text };
}

/** 「未收到政府信息公开申请」, 「未发生因政府信息公开被申请行政复议、提起行政诉讼的情况」. */
function denialsOf(text: string): { topics: CountTopic[]; text: string; at: number } | null {
  // 未经复议 is the name of a column (未经复议直接起诉), not a denial
  const t = text.replace(/未经复议/g, '    ');
  const neg = /未发生|没有发生|未出现|没有出现|未收到|没有收到|未受理|未接到|未产生|没有产生|未涉及|尚无|并无|均无|没有|(?:^|年|度|内)\s*无/.exec(t);
  if (!neg) return null;
  const rest = t.slice(neg.index);
  // 「未发生被纠错的情况」 denies an outcome, not the cases
  if (/纠错|纠正|败诉|撤销|确认违法|超期|逾期|投诉/.test(rest)) return null;
  const topics: CountTopic[] = [];
  const o = objectOf(rest);
  if (o === 'review' || o === 'both') topics.push('review');
  if (o === 'litigation' || o === 'both') topics.push('litigation');
  const noApplication = /(?:未|没有)(?:收到|受理|接到)([^，。；]{0,16}?)申请|^无([^，。；]{0,10}?)申请/.exec(rest);
  if (o === 'application' && noApplication && /公开|信息/.test((noApplication[1] ?? noApplication[2]) ?? '')) topics.push('received');
  if (!topics.length) return null;
  const at = neg.index + neg[0].search(/[^\s年度内]/);
  return { topics, text: trimEndOf(text.slice(at), '。！？ '), at };
}

function outcomeOf(c: Clause, object: Obj | null): Omit<OutcomeClaim, 'kind' | 'text' | 'sentence' | 'section' | 'place'> | null {
  if (object !== 'review' && object !== 'litigation' && object !== 'both') return null;
  if (/均(?:获|被|予以|依法)?维持|全部(?:获|被)?维持/.test(c.text)) return { of: object, claim: 'allUpheld' };
  if (/均已(?:审结|结案|办结)|全部(?:审结|结案)/.test(c.text)) return { of: object, claim: 'allClosed' };
  return null;
}

/** "所有申请均已办结", "…申请…，均已在法定期限内予以答复" */
const FINISHED = /(?:所有|全部)(?:申请)?[^，。；]{0,8}?(?:均|都|全部)?已?(?:按时|按期|依法|及时)?[^，。；]{0,6}?(?:办结|答复|办理完毕)|均已(?:按时|按期|依法|及时|在法定期限内)?[^，。；]{0,10}?(?:办结|答复|办理完毕)/;

/** One clause can be read twice (an aside repeating a figure): keep the first. */
function dedupe(list: Statement[]): Statement[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const key = s.kind === 'count' ? `${s.topic}@${s.sentence}@${s.value}@${s.how}` : `${s.kind}@${s.sentence}@${s.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
