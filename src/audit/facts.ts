/**
 * The facts about one report that the checks across reports need (carry-over, in-force
 * continuity, outliers, copied content), taken from its model. Pure and free of Node: it runs
 * inside the core, in a browser too.
 */
import type { ReportModel } from '../model/index.js';
import type { TemplateTable } from '../model/tables.js';
import { cellAt } from '../model/tables.js';
import { templateTables } from '../format/template.js';
import { labelKey } from '../util/cjk.js';
import type { ColumnValues, ReportFacts } from './types.js';

/** Table 3's applicant columns, in the template's order. */
export const APPLICANT_COLUMNS = ['natural', 'business', 'research', 'publicWelfare', 'legalService', 'other', 'total'] as const;

/** Length of a MinHash signature. */
export const MINHASH_SIZE = 128;
/** Characters per shingle. */
export const SHINGLE = 5;
/** Below this many characters of cleaned prose no signature is taken (too little to call copied). */
export const MIN_PROSE = 200;

export function factsOf(model: ReportModel): ReportFacts {
  const t2 = model.tables.active;
  const t3 = model.tables.application;
  const t4 = model.tables.review;
  const t2is2021 = t2 !== null && (t2.version ?? model.template) === '2021';

  const inForce = t2 && t2is2021
    ? {
        rules: { issued: num(t2, 'rules', 'issued'), repealed: num(t2, 'rules', 'repealed'), inForce: num(t2, 'rules', 'inForce') },
        normativeDocs: { issued: num(t2, 'normativeDocs', 'issued'), repealed: num(t2, 'normativeDocs', 'repealed'), inForce: num(t2, 'normativeDocs', 'inForce') },
      }
    : null;

  const directSuit = t4 ? num(t4, 'all', 'directSuit.total') : null;
  const afterReview = t4 ? num(t4, 'all', 'suitAfterReview.total') : null;
  const counts: Record<string, number | null> = {
    received: t3 ? num(t3, 'received', 'total') : null,
    carriedOver: t3 ? num(t3, 'carriedOver', 'total') : null,
    resultTotal: t3 ? num(t3, 'resultTotal', 'total') : null,
    carriedForward: t3 ? num(t3, 'carriedForward', 'total') : null,
    review: t4 ? num(t4, 'all', 'review.total') : null,
    litigation: directSuit !== null && afterReview !== null ? directSuit + afterReview : null,
    // 处理决定数量: the 2019 试行 table has the column too (处理决定数量), with the same meaning
    licensing: t2 ? num(t2, 'licensing', 'decisions') : null,
    penalties: t2 ? num(t2, 'penalties', 'decisions') : null,
    enforcement: t2 ? num(t2, 'enforcement', 'decisions') : null,
    normativeDocsIssued: t2 && t2is2021 ? num(t2, 'normativeDocs', 'issued') : null,
  };

  const prose = proseOf(model);
  return {
    body: model.issuer?.name || null,
    year: model.reportingYear,
    template: model.template,
    carriedOver: t3 ? columns(t3, 'carriedOver') : null,
    carriedForward: t3 ? columns(t3, 'carriedForward') : null,
    inForce,
    counts,
    minhash: prose.length >= MIN_PROSE ? minhash(prose) : null,
    proseLength: prose.length,
  };
}

function num(table: TemplateTable, row: string, column: string): number | null {
  const v = cellAt(table, row, column)?.value;
  return v && v.kind === 'number' ? v.value : null;
}

/** A Table 3 row per column; null when the row was not read at all. */
function columns(t3: TemplateTable, row: string): ColumnValues | null {
  if (!t3.rows.some((r) => r.def.key === row)) return null;
  const out: ColumnValues = {};
  for (const c of APPLICANT_COLUMNS) out[c] = num(t3, row, c);
  return out;
}

// ───────────────────────────── prose ─────────────────────────────

/** Every label, header and banner word of the template tables, as comparison keys. */
let tableWords: Set<string> | null = null;
function tableWordKeys(): Set<string> {
  if (!tableWords) {
    tableWords = new Set();
    for (const v of ['2019', '2021'] as const)
      for (const def of templateTables(v)) {
        for (const r of def.rows) for (const m of [...r.match, ...r.path, ...(r.former ?? [])]) tableWords.add(labelKey(m));
        for (const g of def.groups) tableWords.add(labelKey(g));
        for (const h of def.headers) tableWords.add(labelKey(h));
        for (const r of def.rows) for (const c of r.columns) tableWords.add(labelKey(c.label));
      }
  }
  return tableWords;
}
const BANNER = /^第二十条第\(?[一二三四五六七八九十]+\)?项$/;

/**
 * The report's prose, cleaned for comparison: the text of its non-table blocks, without the
 * lines of a table pasted as text (tab- or bar-separated rows, and lines that are only a table
 * label, header or number), then with every character that is not a letter removed —
 * whitespace, punctuation and digits. Digits go so that changing the figures and the year
 * does not hide a copied text; punctuation and spacing go so that re-typesetting does not.
 */
export function proseOf(model: ReportModel): string {
  const words = tableWordKeys();
  const parts: string[] = [];
  for (const b of model.blocks) {
    if (b.kind === 'table') continue;
    for (const line of b.text.split('\n')) {
      if (line.includes('\t') || line.includes('|')) continue;
      const key = labelKey(line);
      if (!key || words.has(key) || BANNER.test(key)) continue;
      parts.push(line);
    }
  }
  return clean(parts.join(''));
}

/** Letters only (Han and other scripts): no whitespace, punctuation, digits or symbols. */
export function clean(text: string): string {
  return text.replace(/[^\p{L}]+/gu, '');
}

// ───────────────────────────── MinHash ─────────────────────────────

/** The seeded hash family: 128 odd multipliers and 128 xor masks, from splitmix32 on a constant. */
const MULTIPLIERS = new Uint32Array(MINHASH_SIZE);
const MASKS = new Uint32Array(MINHASH_SIZE);
{
  let s = 0x9e3779b9;
  const next = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  for (let i = 0; i < MINHASH_SIZE; i++) {
    MULTIPLIERS[i] = (next() | 1) >>> 0;
    MASKS[i] = next();
  }
}

/**
 * The MinHash signature of a text's character shingles, deterministic (no Math.random): each
 * shingle is hashed once (32-bit FNV-1a over its UTF-16 code units, then murmur3's finaliser so
 * every bit counts); hash function i of the family is x ↦ (x xor mask_i) · multiplier_i mod 2³²,
 * a permutation of 32-bit values (an xor, then a multiplication by an odd number), and the
 * signature keeps the smallest value under each. Two signatures agree at a position with
 * probability close to the Jaccard similarity of the two shingle sets. About 4 ms for 20,000
 * characters: the shingles are hashed once, deduplicated, and each function is one multiply.
 */
export function minhash(text: string, k = SHINGLE): number[] {
  const n = Math.max(0, text.length - k + 1);
  const hashes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + k; j++) h = Math.imul(h ^ text.charCodeAt(j), 0x01000193);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    hashes[i] = h ^ (h >>> 16);
  }
  hashes.sort();
  let unique = 0;
  for (let i = 0; i < n; i++) if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[unique++] = hashes[i];
  const signature: number[] = [];
  // four functions per pass over the shingles (MINHASH_SIZE is a multiple of 4)
  for (let f = 0; f < MINHASH_SIZE; f += 4) {
    const m0 = MASKS[f], m1 = MASKS[f + 1], m2 = MASKS[f + 2], m3 = MASKS[f + 3];
    const a0 = MULTIPLIERS[f], a1 = MULTIPLIERS[f + 1], a2 = MULTIPLIERS[f + 2], a3 = MULTIPLIERS[f + 3];
    let min0 = 0xffffffff, min1 = 0xffffffff, min2 = 0xffffffff, min3 = 0xffffffff;
    for (let j = 0; j < unique; j++) {
      const h = hashes[j];
      const x0 = Math.imul(h ^ m0, a0) >>> 0;
      const x1 = Math.imul(h ^ m1, a1) >>> 0;
      const x2 = Math.imul(h ^ m2, a2) >>> 0;
      const x3 = Math.imul(h ^ m3, a3) >>> 0;
      if (x0 < min0) min0 = x0;
      if (x1 < min1) min1 = x1;
      if (x2 < min2) min2 = x2;
      if (x3 < min3) min3 = x3;
    }
    signature.push(min0, min1, min2, min3);
  }
  return signature;
}

/** Estimated Jaccard similarity of two signatures: the share of positions where they agree. */
export function similarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}
