/**
 * Prose claims that a total is made of parts, read from the quantities of the prose grammar
 * (prose.ts) in every common shape:
 * - a total, then a breakdown marker and the parts: 「主动公开信息262条，其中人民日报2条，…」,
 *   「共收到申请75件，涉及自然人72件、商业企业3件」, 「分别为」「具体为」「包括」「从…看」, or a colon
 *   after the total (「信息总数171条：领域信息124条，…」);
 * - the total closing one sentence and the breakdown opening the next (「共公开33条。从内容看，…」);
 * - the parts first and the total after them (「网站发布120条，微博发布80条，共计200条」);
 * - 「A、B、C各N条」 and 「A和B各N条」 counting N once per name.
 * Parts are separated by ，、；： (；only inside a list a colon opened). A comparison (同比增加…)
 * is never a part; an aside in brackets is a subset, not a breakdown; an approximate figure
 * (300余条) is never added up. A list that says it gives examples (主要有…, …等) is reported only
 * when its parts exceed the total.
 */
import type { Block } from './blocks.js';
import { placeIn } from './blocks.js';
import type { Place } from '../types.js';
import { sentencesOfBlock, objectOf, type Quantity, type Sentence } from './prose.js';

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
  /** the breakdown says it is not complete (主要有…, 等): only parts above the total are a defect */
  examples: boolean;
  /** some parts are lower bounds (1600余条): only a sum above the total is certain */
  atLeast: boolean;
}

/** words of a comparison with another period ("同比增加12条"): never a part or a total */
export const COMPARISON = /(同比|环比|较上年|比上年|较去年|比去年|较\d{4}年|比\d{4}年|增加|减少|增长|下降|上升|提高|降低|增幅|降幅)/;
const MARKER = /^\s*(其中|具体包括|主要包括|主要有|分别为|分别是|具体为|具体是|具体如下|包括|包含|涉及|含|从[^，。；：]{1,12}?(?:来)?看|按[^，。；：]{1,10}?(?:分|划分|统计))\s*(?:为|是|有)?\s*/;
/** a part label that is a state of the items (lapsed, repealed, revised, answered…), not a kind */
const STATE = /^(?:已|未|被|予以)?(?:失效|废止|有效|继续有效|修订|修改|撤销|到期|停止执行|宣布失效|办结|答复|延期|超期|逾期)(?:的|文件|件)?$/;
const EXAMPLES_MARKER = /^(主要包括|主要有)/;
/** the words that state a total after its parts */
const TOTAL_AFTER = /^\s*(共计|合计|总计|累计|总共|一共|共)\s*(?:为|达|有)?\s*$/;

interface Token {
  q: Quantity | null;
  /** the words before the quantity (or the clause text when it has none) */
  text: string;
  clause: number;
  /** the separator after this token's clause, when the token ends its clause */
  sep: string;
  /** the text after the quantity up to the next quantity or the clause end */
  tail: string;
}

function tokensOf(s: Sentence): Token[] {
  const out: Token[] = [];
  s.clauses.forEach((c, ci) => {
    if (c.aside) return;
    if (c.quantities.length === 0) {
      out.push({ q: null, text: c.text, clause: ci, sep: c.sep, tail: '' });
      return;
    }
    c.quantities.forEach((q, qi) => {
      const next = c.quantities[qi + 1];
      const tail = c.text.slice(q.end - c.start, next ? next.at - next.lead.length - c.start : c.text.length);
      out.push({ q, text: q.lead, clause: ci, sep: qi === c.quantities.length - 1 ? c.sep : '', tail });
    });
  });
  return out;
}

export function findClaims(blocks: Block[]): SumClaim[] {
  const claims: SumClaim[] = [];
  for (const b of blocks) {
    if (b.kind === 'table') continue;
    const sentences = sentencesOfBlock(b);
    let previous: Token[] = [];
    for (const s of sentences) {
      const tokens = tokensOf(s);
      for (let k = 0; k < tokens.length; k++) {
        const claim = breakdownAt(tokens, k, previous) ?? totalAfterParts(tokens, k);
        if (!claim) continue;
        const totalQ = claim.totalQ;
        const sentence = b.text.slice(totalQ.at < s.start ? sentenceStartOf(sentences, totalQ.at) : s.start, s.start + s.text.length).trim();
        claims.push({ total: totalQ.value, unit: totalQ.unit, totalText: claim.totalText, parts: claim.parts, sentence, place: placeIn(b, totalQ.at), examples: claim.examples, atLeast: claim.atLeast });
      }
      previous = tokens;
    }
  }
  return claims;
}

function sentenceStartOf(sentences: Sentence[], at: number): number {
  return [...sentences].reverse().find((s) => s.start <= at)?.start ?? 0;
}

interface Found {
  totalQ: Quantity;
  totalText: string;
  parts: ClaimPart[];
  examples: boolean;
  atLeast: boolean;
}

// (an aside blanked out inside the words leaves a run of spaces: dropped)
const totalTextOf = (t: Token) => (t.text.replace(/\s{2,}/g, '') + t.q!.value + t.q!.unit).replace(/^[，,；;：:\s]+/, '');

/** A breakdown marker (or a colon after a total) at token k: the total before it and the parts after. */
function breakdownAt(tokens: Token[], k: number, previous: Token[]): Found | null {
  const t = tokens[k];
  const marker = MARKER.exec(t.text);
  const colonAfterTotal = k > 0 && tokens[k - 1].q && tokens[k - 1].sep.match(/[：:]/) && !marker;
  if (!marker && !colonAfterTotal) return null;
  // the total: the exact quantity right before (a comparison between is skipped), or the one
  // closing the previous sentence when the marker opens this one
  let ti = k - 1;
  while (ti >= 0 && tokens[ti].q && COMPARISON.test(tokens[ti].text)) ti--;
  let totalTok: Token | undefined = ti >= 0 ? tokens[ti] : undefined;
  if (ti < 0 && previous.length) {
    const last = previous[previous.length - 1];
    if (last.q && !COMPARISON.test(last.text) && !last.tail.replace(/[。！？\s]/g, '')) totalTok = last;
  }
  if (!totalTok?.q || totalTok.q.approximate) return null;
  if (totalTok.tail.replace(/[\s的]/g, '').length > 6) return null;
  const unit = totalTok.q.unit;
  const colonList = Boolean(colonAfterTotal) || /[：:]\s*$/.test(t.text) || (t.q === null && /[：:]/.test(t.sep));
  const examples = Boolean(marker && EXAMPLES_MARKER.test(marker[1]));
  const parts = partsFrom(tokens, k, unit, colonList, marker ? marker[0].length : 0, objectOf(totalTok.text + totalTok.tail));
  if (!parts) return null;
  if (parts.list.length === 1) {
    // one part: a defect only when the part alone is more than the whole (其中…)
    if (!marker || marker[1] !== '其中' || parts.list[0].value <= totalTok.q.value) return null;
  }
  // parts that are states of the items counted (「其中失效4件，废止2件」) say how many of them are
  // so, not what they are made of: a subset, unless they exceed the whole
  const states = parts.list.every((p) => STATE.test(p.label.replace(/\s/g, '')));
  return { totalQ: totalTok.q, totalText: totalTextOf(totalTok), parts: parts.list, examples: examples || parts.etc || states, atLeast: parts.atLeast };
}

/** Parts from token k on: quantities of the total's unit, until the list ends. */
function partsFrom(tokens: Token[], k: number, unit: string, colonList: boolean, markerLength: number, object: string | null): { list: ClaimPart[]; etc: boolean; atLeast: boolean } | null {
  const list: ClaimPart[] = [];
  let names: string[] = [];
  let etc = false;
  let atLeast = false;
  for (let i = k; i < tokens.length; i++) {
    const t = tokens[i];
    const text = i === k ? t.text.slice(markerLength) : t.text;
    if (!t.q) {
      const bare = text.replace(/\s/g, '');
      // 「占51.85%」 after a part, or the marker standing alone before a colon
      if (/^占|^比重|%|％$/.test(bare) || bare === '') continue;
      // a name of 「A、B、C各N条」 waiting for its figure
      if (t.sep === '、' && bare.length <= 24) {
        names.push(bare);
        continue;
      }
      break;
    }
    if (COMPARISON.test(text)) break;
    if (t.q.unit !== unit) break;
    // a part names a kind of its total; one that names another thing (行政复议案件 after the
    // applications' results) starts a new statement
    const named = objectOf(text);
    if (named && object && named !== object) break;
    // 「1600余条」「超过600条」 are lower bounds; 「约300条」 is neither above nor below
    if (t.q.approximate && !t.q.atLeast) return null;
    if (t.q.approximate) atLeast = true;
    const each = /^(.*?)各\s*$/.exec(text.trim());
    if (each) {
      const own = each[1].split(/[和及与、]/).filter((x) => x.trim());
      const all = [...names, ...own];
      list.push({ label: all.join('、'), value: t.q.value, times: Math.max(1, all.length) });
    } else {
      // names joined by 、 without 各 are one label (「失效、废止的行政规范性文件163件」)
      list.push({ label: [...names, text.replace(/\s{2,}/g, '').trim()].filter(Boolean).join('、') || t.q.unit, value: t.q.value, times: 1 });
    }
    names = [];
    if (/^\s*等/.test(t.tail)) etc = true;
    // ；ends the list unless a colon opened it or the next clause is a bare part (a label
    // and a figure of the same unit, no verb of its own: 「；政务动态类信息2896条」); a list of
    // bare parts that ends so while figures of its unit follow may go on in them: its end is unseen
    if (/[；;]/.test(t.sep) && !colonList && !bareNext(tokens, i, unit)) {
      // (a figure that counts another thing — 依申请 after what was published — does not go on with it)
      const following = tokens.slice(i + 1).find((x) => x.q?.unit === unit);
      if (list.length > 1 && following && !(objectOf(following.text) && objectOf(following.text) !== object)) etc = true;
      break;
    }
    if (/[：:]/.test(t.sep)) break;
  }
  if (list.length === 0) return null;
  return { list, etc, atLeast };
}

/** verbs that start a statement of their own (a part is a kind named, not an act) */
// (a verb before 的 modifies a noun: 「其他应主动公开的政府信息」 is a kind, not an act)
const VERB = /(发布|公开|收到|受理|办理|开展|举办|召开|组织|通过|完成|制定|印发|出台|回应|答复|办结|解读|更新|推送|报送|上传|编制|录入|审核|处理|结转|转入|新增|收取|已|上年|去年|本年|全年)(?!的)/;

function bareNext(tokens: Token[], i: number, unit: string): boolean {
  // names joined by 、 before the figure belong to the part (「政府文件、工作报告…其他信息共计2004条」)
  let j = i + 1;
  const words: string[] = [];
  while (tokens[j] && !tokens[j].q && tokens[j].sep === '、') words.push(tokens[j++].text);
  const next = tokens[j];
  if (!next?.q || next.q.unit !== unit || next.clause === tokens[i].clause) return false;
  const label = [...words, next.text].join('、');
  return !VERB.test(label) && !COMPARISON.test(label) && label.replace(/\s/g, '').length <= 60;
}

/** 「A120条，B80条，共计200条」: the total after its parts. */
function totalAfterParts(tokens: Token[], k: number): Found | null {
  const t = tokens[k];
  if (!t.q || t.q.approximate || !TOTAL_AFTER.test(t.text)) return null;
  const list: ClaimPart[] = [];
  for (let i = k - 1; i >= 0; i--) {
    const p = tokens[i];
    if (!p.q || p.q.unit !== t.q.unit || p.q.approximate || COMPARISON.test(p.text) || MARKER.test(p.text)) break;
    if (/[；;：:]/.test(p.sep) && i !== k - 1) break;
    list.unshift({ label: p.text.trim(), value: p.q.value, times: 1 });
  }
  if (list.length < 2) return null;
  return { totalQ: t.q, totalText: totalTextOf(t), parts: list, examples: false, atLeast: false };
}

export function claimSum(c: SumClaim): number {
  return c.parts.reduce((s, p) => s + p.value * p.times, 0);
}
