/**
 * Checks across reports (design.md "Audit-only rules"), over the facts of an audit's records:
 *
 * - carry-over: for one body, 二、上年结转 of year N equals 四、结转下年度继续办理 of N−1, column by column;
 * - in-force-continuity: 现行有效件数 of N = that of N−1 + 本年制发件数 − 本年废止件数 (2021 Table 2);
 * - copied-content: near-identical prose between different bodies, or one body's consecutive years,
 *   found by LSH banding over MinHash signatures (no comparison of every pair);
 * - outlier: a count far from the body's previous year, or zero where the bodies of that year
 *   report many.
 *
 * Bodies are matched by a normalised name (NFKC — full and half width unified — and no spaces).
 * Pure: no I/O, no clock, no randomness.
 */
import type { AuditRecord, ColumnValues, CrossFinding, ReportFacts } from './types.js';
import type { CompactFacts } from './summary.js';
import { APPLICANT_COLUMNS, MINHASH_SIZE, similarity } from './facts.js';

type Lang = 'zh' | 'en';
/** A record, or the summary of one (its signature as a Uint32Array) */
export type CrossRecord = Pick<AuditRecord, 'id' | 'body' | 'year'> & { facts: ReportFacts | CompactFacts | null };

export interface CrossOptions {
  lang: Lang;
  /** copied-content: the estimated Jaccard similarity from which two reports are called copied (default 0.9) */
  copyThreshold?: number;
  /** outlier: how many times larger or smaller than the previous year a count must be (default 5) */
  outlierFactor?: number;
}

/** outlier: the larger of the two yearly figures must be at least this, so that 1 → 5 is not flagged */
export const OUTLIER_FLOOR = 20;
/** outlier (zero among peers): the median 一、本年新收 of the year's bodies from which a zero stands out */
export const PEER_MEDIAN = 20;
/** outlier (zero among peers): how many reports of the year with the figure a median needs */
export const PEER_MIN = 5;

const WARNING = 1 as const;
const INFO = 0 as const;

/** A body's name as a matching key: full and half width unified, no spaces. */
export function bodyKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const k = name.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, '');
  return k || null;
}

interface Entry {
  id: string;
  body: string | null;
  key: string | null;
  year: number | null;
  facts: ReportFacts | CompactFacts;
}

export function crossCheck(records: CrossRecord[], options: CrossOptions): CrossFinding[] {
  const lang = options.lang;
  const entries: Entry[] = [];
  for (const r of [...records].sort((a, b) => cmp(a.id, b.id))) {
    if (!r.facts) continue;
    const body = r.body ?? r.facts.body;
    entries.push({ id: r.id, body, key: bodyKey(body), year: r.year ?? r.facts.year, facts: r.facts });
  }

  // one report per body and year: the first by id (a report listed twice, as a page and as a PDF, counts once)
  const byBodyYear = new Map<string, Entry>();
  for (const e of entries) if (e.key && e.year !== null && !byBodyYear.has(`${e.year}\u0000${e.key}`)) byBodyYear.set(`${e.year}\u0000${e.key}`, e);
  const yearPairs: Array<[Entry, Entry]> = [];
  for (const cur of byBodyYear.values()) {
    const prev = byBodyYear.get(`${cur.year! - 1}\u0000${cur.key}`);
    if (prev) yearPairs.push([cur, prev]);
  }

  const out: CrossFinding[] = [];
  for (const [cur, prev] of yearPairs) {
    const c = carryOver(cur, prev, lang);
    if (c) out.push(c);
  }
  for (const [cur, prev] of yearPairs) out.push(...inForceContinuity(cur, prev, lang));
  for (const f of copiedContent(entries, options.copyThreshold ?? 0.9, lang)) out.push(f);
  for (const [cur, prev] of yearPairs) out.push(...yearOutliers(cur, prev, options.outlierFactor ?? 5, lang));
  out.push(...peerZeros([...byBodyYear.values()], lang));
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const name = (e: Entry, lang: Lang) => e.body ?? (lang === 'zh' ? `（未署名：${e.id}）` : `(unnamed: ${e.id})`);

// ───────────────────────────── carry-over ─────────────────────────────

const COLUMN_LABEL: Record<Lang, Record<string, string>> = {
  zh: { natural: '自然人', business: '商业企业', research: '科研机构', publicWelfare: '社会公益组织', legalService: '法律服务机构', other: '其他', total: '总计' },
  en: { natural: 'natural persons', business: 'businesses', research: 'research institutions', publicWelfare: 'public-welfare organisations', legalService: 'legal service providers', other: 'other', total: 'total' },
};

function carryOver(cur: Entry, prev: Entry, lang: Lang): CrossFinding | null {
  const now: ColumnValues | null = cur.facts.carriedOver;
  const before: ColumnValues | null = prev.facts.carriedForward;
  if (!now || !before) return null;
  const diff = APPLICANT_COLUMNS.filter((c) => typeof now[c] === 'number' && typeof before[c] === 'number' && now[c] !== before[c]);
  if (diff.length === 0) return null;
  const label = COLUMN_LABEL[lang];
  const list = (v: ColumnValues) => diff.map((c) => `${label[c]} ${v[c]}`).join(lang === 'zh' ? '，' : ', ');
  const body = name(cur, lang);
  const message =
    lang === 'zh'
      ? `${body} ${cur.year}年表3「二、上年结转政府信息公开申请数量」与 ${prev.year}年报告「四、结转下年度继续办理」逐列应相等，但${diff
          .map((c) => `${label[c]}列 ${cur.year}年为 ${now[c]}、${prev.year}年为 ${before[c]}`)
          .join('；')}`
      : `${body}: table 3 row "carried over from last year" of ${cur.year} should equal row "carried forward to next year" of the ${prev.year} report column by column, but ${diff
          .map((c) => `the ${label[c]} column is ${now[c]} in ${cur.year} and ${before[c]} in ${prev.year}`)
          .join('; ')}`;
  return { ruleId: 'carry-over', severity: WARNING, ids: [cur.id, prev.id], body: cur.body, year: cur.year, message, expected: list(before), actual: list(now) };
}

// ───────────────────────────── in-force-continuity ─────────────────────────────

function inForceContinuity(cur: Entry, prev: Entry, lang: Lang): CrossFinding[] {
  const now = cur.facts.inForce;
  const before = prev.facts.inForce;
  if (!now || !before) return [];
  const out: CrossFinding[] = [];
  for (const row of ['rules', 'normativeDocs'] as const) {
    const { issued, repealed, inForce } = now[row];
    const last = before[row].inForce;
    if (issued === null || repealed === null || inForce === null || last === null) continue;
    const expected = last + issued - repealed;
    if (expected === inForce) continue;
    const rowName = lang === 'zh' ? (row === 'rules' ? '规章' : '行政规范性文件') : row === 'rules' ? 'rules (规章)' : 'normative documents (行政规范性文件)';
    const body = name(cur, lang);
    const message =
      lang === 'zh'
        ? `${body} ${cur.year}年表2${rowName}「现行有效件数」为 ${inForce}，而 ${prev.year}年的 ${last} 件加本年制发 ${issued} 件、减本年废止 ${repealed} 件应为 ${expected}（相差 ${signed(inForce - expected)}）；机构改革、职能调整或文件到期失效也会使这一关系合理地不成立，请核实并在报告中说明`
        : `${body}: table 2 ${rowName} in force is ${inForce} in ${cur.year}, but the ${last} in force in ${prev.year} plus ${issued} issued minus ${repealed} repealed gives ${expected} (off by ${signed(inForce - expected)}); a restructuring or documents expiring can legitimately break this, so check it and explain it in the report`;
    out.push({ ruleId: 'in-force-continuity', severity: WARNING, ids: [cur.id, prev.id], body: cur.body, year: cur.year, message, expected: String(expected), actual: String(inForce) });
  }
  return out;
}

const signed = (n: number) => (n > 0 ? `+${n}` : `−${-n}`);

// ───────────────────────────── copied-content ─────────────────────────────

/**
 * The LSH banding for a threshold: the signature is cut into `bands` bands of `rows` values, and
 * two reports are candidates when one band is equal. The fewest bands are chosen such that
 * bands > the most positions two signatures at the threshold may differ in: a pair whose
 * estimate reaches the threshold then differs in fewer positions than there are bands, so one band
 * is wholly equal and the pair is always a candidate — the banding finds exactly what comparing
 * every pair would, and with as few candidates as it can (0.9 gives 16 bands × 8 rows).
 */
export function banding(threshold: number): { bands: number; rows: number } {
  const mismatches = Math.floor(MINHASH_SIZE * (1 - Math.min(1, Math.max(0, threshold))) + 1e-9);
  let bands = 1;
  while (bands <= mismatches && bands < MINHASH_SIZE) bands *= 2;
  return { bands, rows: MINHASH_SIZE / bands };
}

function copiedContent(entries: Entry[], threshold: number, lang: Lang): CrossFinding[] {
  const withSig = entries.filter((e) => e.facts.minhash && e.facts.minhash.length === MINHASH_SIZE);
  const { bands, rows } = banding(threshold);
  const pairs: Array<[number, number, number]> = [];
  const n = withSig.length;
  // every band's key of every signature: a pair is compared in the first band it shares, and
  // skipped in later ones (no set of the pairs seen, which grew with the square of a bucket)
  const keys = new Int32Array(n * bands);
  for (let i = 0; i < n; i++) {
    const sig = withSig[i].facts.minhash!;
    for (let b = 0; b < bands; b++) {
      // a band's values hashed to one number: a collision only adds a candidate, which is then compared
      let key = b;
      for (let r = b * rows; r < (b + 1) * rows; r++) {
        key = Math.imul(key ^ sig[r], 0x9e3779b1);
        key ^= key >>> 15;
      }
      keys[i * bands + b] = key;
    }
  }
  // one group per body and year; a report of no known body is a group of its own
  const groupIds = new Map<string, number>();
  const group = withSig.map((e, i) => (e.key === null ? -1 - i : (groupIds.get(`${e.year}\u0000${e.key}`) ?? groupIds.set(`${e.year}\u0000${e.key}`, groupIds.size).get(`${e.year}\u0000${e.key}`)!)));
  const sharedBefore = (i: number, j: number, b: number) => {
    for (let c = 0; c < b; c++) if (keys[i * bands + c] === keys[j * bands + c]) return true;
    return false;
  };
  for (let b = 0; b < bands; b++) {
    const buckets = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const key = keys[i * bands + b];
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    }
    for (const bucket of buckets.values()) {
      if (bucket.length < 2) continue;
      // by body and year: two reports of one body and year are never compared, and a bucket of
      // thousands of them (one template filled in by many offices of one name) costs nothing
      const groups = new Map<number, number[]>();
      for (const i of bucket) {
        const g = groups.get(group[i]);
        if (g) g.push(i);
        else groups.set(group[i], [i]);
      }
      const lists = [...groups.values()];
      for (let x = 0; x < lists.length; x++)
        for (let y = x + 1; y < lists.length; y++)
          for (const p of lists[x])
            for (const q of lists[y]) {
              const i = Math.min(p, q);
              const j = Math.max(p, q);
              if (!comparable(withSig[i], withSig[j]) || sharedBefore(i, j, b)) continue;
              const s = similarity(withSig[i].facts.minhash!, withSig[j].facts.minhash!);
              if (s >= threshold) pairs.push([i, j, s]);
            }
    }
  }
  pairs.sort((p, q) => q[2] - p[2] || p[0] - q[0] || p[1] - q[1]);
  return pairs.map(([i, j, s]) => {
    // the later report first
    const [a, b] = later(withSig[i], withSig[j]) ? [withSig[i], withSig[j]] : [withSig[j], withSig[i]];
    const sim = Math.round(s * 100) / 100;
    const pct = Math.round(s * 100);
    const sameBody = a.key !== null && a.key === b.key;
    const which = (e: Entry) => (lang === 'zh' ? `${name(e, lang)} ${e.year ?? '?'}年报告（${e.id}）` : `the ${e.year ?? '?'} report of ${name(e, lang)} (${e.id})`);
    const message =
      lang === 'zh'
        ? `${which(a)}与${which(b)}的文字约 ${pct}% 相同（不计数字、标点和表格）${sameBody ? '：同一机关连续两年的报告内容雷同' : '：不同机关的报告内容雷同'}，请核实是否照搬`
        : `${upper(which(a))} and ${which(b)} have about ${pct}% of their prose in common (figures, punctuation and tables left out)${sameBody ? ': one body’s reports of consecutive years' : ': reports of different bodies'}; check whether one was copied`;
    return { ruleId: 'copied-content' as const, severity: WARNING, ids: [a.id, b.id], body: a.body, year: a.year, message, similarity: sim };
  });
}

const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Two reports are compared when they are of different bodies, or of one body in consecutive years. */
function comparable(a: Entry, b: Entry): boolean {
  if (a.key === null || b.key === null || a.key !== b.key) return true;
  return a.year !== null && b.year !== null && Math.abs(a.year - b.year) === 1;
}

function later(a: Entry, b: Entry): boolean {
  if (a.year !== b.year) return (a.year ?? -Infinity) > (b.year ?? -Infinity);
  return cmp(a.id, b.id) <= 0;
}

// ───────────────────────────── outlier ─────────────────────────────

const COUNT_LABEL: Record<Lang, Record<string, string>> = {
  zh: {
    received: '表3「一、本年新收政府信息公开申请数量」',
    carriedOver: '表3「二、上年结转」',
    resultTotal: '表3「（七）总计」',
    carriedForward: '表3「四、结转下年度继续办理」',
    review: '表4 行政复议总计',
    litigation: '表4 行政诉讼总计',
    licensing: '表2 行政许可处理决定数量',
    penalties: '表2 行政处罚处理决定数量',
    enforcement: '表2 行政强制处理决定数量',
    normativeDocsIssued: '表2 行政规范性文件本年制发件数',
  },
  en: {
    received: 'table 3 applications received',
    carriedOver: 'table 3 applications carried over',
    resultTotal: 'table 3 total handled',
    carriedForward: 'table 3 applications carried forward',
    review: 'table 4 administrative reviews',
    litigation: 'table 4 lawsuits',
    licensing: 'table 2 licensing decisions',
    penalties: 'table 2 penalty decisions',
    enforcement: 'table 2 enforcement decisions',
    normativeDocsIssued: 'table 2 normative documents issued',
  },
};

/**
 * A count at least `factor` times larger or smaller than the body's previous year. The larger of
 * the two must be at least OUTLIER_FLOOR (20), so small numbers (1 → 5, 3 → 0) are not flagged;
 * a count going from 0 to 20 or more, or from 20 or more to 0, is.
 */
function yearOutliers(cur: Entry, prev: Entry, factor: number, lang: Lang): CrossFinding[] {
  const out: CrossFinding[] = [];
  for (const k of new Set([...Object.keys(COUNT_LABEL.zh), ...Object.keys(cur.facts.counts)])) {
    const now = cur.facts.counts[k];
    const before = prev.facts.counts[k];
    if (typeof now !== 'number' || typeof before !== 'number') continue;
    const big = Math.max(now, before);
    const small = Math.min(now, before);
    if (big < OUTLIER_FLOOR || big < factor * small) continue;
    const label = COUNT_LABEL[lang][k] ?? k;
    const ratio = small === 0 ? null : Math.round((big / small) * 10) / 10;
    const body = name(cur, lang);
    const how =
      lang === 'zh'
        ? ratio === null
          ? now > before ? `而 ${prev.year}年为 0` : `而 ${prev.year}年为 ${before}`
          : now > before ? `是 ${prev.year}年（${before}）的 ${ratio} 倍` : `只有 ${prev.year}年（${before}）的 1/${ratio}`
        : ratio === null
          ? `against ${before} in ${prev.year}`
          : now > before ? `${ratio} times the ${before} of ${prev.year}` : `1/${ratio} of the ${before} of ${prev.year}`;
    const message =
      lang === 'zh'
        ? `${body} ${cur.year}年${label}为 ${now}，${how}；同一机关相邻两年相差 ${factor} 倍以上，请核实数字是否填错`
        : `${body}: ${label} is ${now} in ${cur.year}, ${how}; a change of ${factor}× or more from one year to the next, so check the figure`;
    out.push({ ruleId: 'outlier', severity: INFO, ids: [cur.id, prev.id], body: cur.body, year: cur.year, message, expected: String(before), actual: String(now) });
  }
  return out;
}

/** 一、本年新收 of 0 where the median of the year's reports (at least PEER_MIN of them) is PEER_MEDIAN or more. */
function peerZeros(entries: Entry[], lang: Lang): CrossFinding[] {
  const byYear = new Map<number, Entry[]>();
  for (const e of entries) {
    if (e.year === null || typeof e.facts.counts.received !== 'number') continue;
    const list = byYear.get(e.year);
    if (list) list.push(e);
    else byYear.set(e.year, [e]);
  }
  const out: CrossFinding[] = [];
  for (const [year, list] of [...byYear].sort((a, b) => a[0] - b[0])) {
    if (list.length < PEER_MIN) continue;
    const values = list.map((e) => e.facts.counts.received as number).sort((a, b) => a - b);
    const mid = values.length >> 1;
    const median = values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    if (median < PEER_MEDIAN) continue;
    for (const e of list) {
      if (e.facts.counts.received !== 0) continue;
      const message =
        lang === 'zh'
          ? `${name(e, lang)} ${year}年表3「一、本年新收政府信息公开申请数量」为 0，而同年 ${list.length} 份报告的中位数为 ${median}；请核实是否漏填`
          : `${name(e, lang)}: table 3 applications received is 0 in ${year}, while the median of the year's ${list.length} reports is ${median}; check whether it was left out`;
      out.push({ ruleId: 'outlier', severity: INFO, ids: [e.id], body: e.body, year, message, expected: `≥ ${PEER_MEDIAN}`, actual: '0' });
    }
  }
  return out;
}

// ───────────────────────────── coverage ─────────────────────────────

export type CoverageRecord = CrossRecord & { result?: { fatal: boolean } | null };

/**
 * Which expected bodies have no report for the year (`missing`), and which have one that could
 * not be read (`unreadable`: fatal, or no facts taken) and none that could. A record counts for
 * the year by its own year, else by the year its facts give; an unreadable record with no year
 * at all (a manifest row without one) counts for any year, since it is that body's report that
 * failed. `year` null: any year. Names are given as the manifest wrote them, in its order.
 */
export function coverage(expected: string[], records: CoverageRecord[], year: number | null): { missing: string[]; unreadable: string[] } {
  const readable = new Set<string>();
  const failed = new Set<string>();
  for (const r of records) {
    const key = bodyKey(r.body ?? r.facts?.body ?? null);
    if (!key) continue;
    const ok = r.facts !== null && r.facts !== undefined && !r.result?.fatal;
    const y = r.year ?? r.facts?.year ?? null;
    if (year !== null && y !== year && !(y === null && !ok)) continue;
    (ok ? readable : failed).add(key);
  }
  const missing: string[] = [];
  const unreadable: string[] = [];
  const done = new Set<string>();
  for (const body of expected) {
    const key = bodyKey(body);
    if (!key || done.has(key)) continue;
    done.add(key);
    if (readable.has(key)) continue;
    (failed.has(key) ? unreadable : missing).push(body);
  }
  return { missing, unreadable };
}
