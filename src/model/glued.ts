/**
 * Tables whose cells a crawler glued together with no separator at all
 * (「规章000行政规范性文件693665第二十条第（五）项…」). The template's own labels are found in
 * the run in order, and the digits between two labels are a row's values written end to end.
 * They are split only with certainty: every split the digits allow (no number but 0 itself
 * starts with 0; a space the page kept is a cell boundary) is tried against the sums the format
 * fixes — the 总计 column of table 3, its （七）总计 row and its balance, the totals of table 4 —
 * and a row is placed only when every split that satisfies all of them gives it the same cells.
 * Anything else is a reading doubt, never a guess; a table whose sums do not hold is never
 * split into a reading that makes them hold.
 */
import type { TableDef, RowDef } from '../format/template.js';
import { labelKey } from '../util/cjk.js';

export interface GluedPiece {
  kind: 'label' | 'value' | 'text';
  text: string;
  /** offset in the line */
  at: number;
}

interface LabelPattern {
  re: RegExp;
  length: number;
  /** the characters a match can start with (null: any) */
  first: string[] | null;
}
interface Patterns {
  all: LabelPattern[];
  /** by the character at the place tried: only the patterns that can start there, in the order of `all` */
  at: Map<string, LabelPattern[]>;
}
const patternCache = new WeakMap<TableDef, Patterns>();

/** The characters a label's pattern can start with; null when its first character is optional. */
function firstChars(label: string): string[] | null {
  const ch = [...label].find((c) => !/\s/.test(c));
  if (ch === undefined || /[、.．“”"「」，,：:；;]/.test(ch)) return null;
  if (/[（(]/.test(ch)) return ['（', '('];
  if (/[）)]/.test(ch)) return ['）', ')'];
  return [ch];
}

/** A label as a pattern that tolerates the punctuation and spacing a page varies. */
function labelPattern(label: string): RegExp {
  let src = '';
  for (const ch of label) {
    if (/[（(]/.test(ch)) src += '[（(]';
    else if (/[）)]/.test(ch)) src += '[）)]';
    else if (/[、.．]/.test(ch)) src += '[、.．]?';
    else if (/[“”"「」]/.test(ch)) src += '[“”"「」]?';
    else if (/[，,：:；;]/.test(ch)) src += '[，,：:；;]?';
    else if (/\s/.test(ch)) continue;
    else src += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    src += '\\s*';
  }
  return new RegExp(src, 'y');
}

function patterns(def: TableDef): Patterns {
  let p = patternCache.get(def);
  if (!p) {
    const labels = new Set<string>([...def.rows.flatMap((r) => [...r.match, ...r.path]), ...def.groups, ...def.headers]);
    const all: LabelPattern[] = [...labels].filter((l) => labelKey(l).length >= 2).map((l) => ({ re: labelPattern(l), length: labelKey(l).length, first: firstChars(l) }));
    // the 2021 and 2019 banners of table 2
    all.push({ re: /第二十条第[（(][一二三四五六七八九十]+[)）]项\s*/y, length: 8, first: ['第'] });
    all.sort((a, b) => b.length - a.length);
    p = { all, at: new Map() };
    patternCache.set(def, p);
  }
  return p;
}

/** The patterns that can match at a character (a line is tried at every character: most start no label). */
function patternsAt(p: Patterns, ch: string): LabelPattern[] {
  let list = p.at.get(ch);
  if (!list) p.at.set(ch, (list = p.all.filter((x) => x.first === null || x.first.includes(ch))));
  return list;
}

/**
 * The pieces of a glued line: the template labels found in it, the runs of figures between
 * them, and any other words. Null when the line is not a glued table (fewer than three labels).
 */
export function gluedPieces(line: string, def: TableDef, continuing = false): GluedPiece[] | null {
  // a glued table is a few thousand characters; a longer line is not read as one (bounded work)
  if (line.length > 20000 || (!continuing && line.length < 20)) return null;
  const pats = patterns(def);
  const out: GluedPiece[] = [];
  let i = 0;
  let textStart = -1;
  const flushText = (end: number) => {
    if (textStart < 0) return;
    const raw = line.slice(textStart, end);
    // figures (with the spaces the page kept between some of them) or words
    // a sign starts a figure (「2648-18538」: 本年增/减 of the 2019 table 2), a money unit ends a run
    const re = /[+\-−－]?[\d.]+(?:(?:[ \u00a0]+|(?=[+\-−－]\d))[+\-−－]?[\d.]+)*(?:万元|亿元|元)?/g;
    let last = 0;
    let m: RegExpExecArray | null;
    // words that are only a numeral or punctuation (a label's numeral typed twice: 「0000000三三、本年度…」) say nothing
    const words = (t: string) => t.replace(/[一二三四五六七八九十、.．，,：:\s（）()]/g, '') !== '';
    while ((m = re.exec(raw))) {
      if (/^[+\-−－]$/.test(m[0])) continue;
      if (words(raw.slice(last, m.index))) out.push({ kind: 'text', text: raw.slice(last, m.index).trim(), at: textStart + last });
      out.push({ kind: 'value', text: m[0], at: textStart + m.index });
      last = m.index + m[0].length;
    }
    if (words(raw.slice(last))) out.push({ kind: 'text', text: raw.slice(last).trim(), at: textStart + last });
    textStart = -1;
  };
  while (i < line.length) {
    let best = 0;
    for (const p of patternsAt(pats, line[i])) {
      p.re.lastIndex = i;
      const m = p.re.exec(line);
      if (m && m[0].trim().length > best) best = m[0].length;
    }
    // a numbered label may follow figures directly (「00000002.其他法律…」): only a whole label counts
    if (best > 0) {
      flushText(i);
      out.push({ kind: 'label', text: line.slice(i, i + best).trim(), at: i });
      i += best;
      continue;
    }
    if (textStart < 0) textStart = i;
    i++;
  }
  flushText(line.length);
  // a table is labels and figures; prose the page ran in before or after it, or a sentence that
  // names a few labels among its words (「被申请行政复议2件，其中结果维持1件，尚未审结1件；…」), is not.
  // The line is cut at its long runs of words, and only the stretches that are a table are kept.
  const kept: GluedPiece[] = [];
  let stretch: GluedPiece[] = [];
  const close = () => {
    const size = (k: GluedPiece['kind']) => stretch.filter((p) => p.kind === k).reduce((n, p) => n + p.text.length, 0);
    const n = stretch.filter((p) => p.kind === 'label').length;
    const dense = size('text') <= 0.25 * (size('label') + size('value'));
    if (dense && (continuing ? n >= 1 : n >= 3)) kept.push(...stretch);
    stretch = [];
  };
  for (const p of out) {
    if (p.kind === 'text' && (p.text.length > 12 || /[，。；！？,;!?]/.test(p.text))) close();
    else stretch.push(p);
  }
  close();
  if (kept.length === 0) return null;
  if (continuing) return kept;
  return kept.some((p) => p.kind === 'value') || kept.every((p) => p.kind === 'label') ? kept : null;
}

/** no cell of the template holds a figure longer than this (an amount with its decimals included) */
const MAX_DIGITS = 16;

/** Every way a run of figures can be the n cells of a row: no number but 0 starts with 0, a kept space is a boundary. */
export function splits(run: string, n: number, limit = 20000): string[][] | null {
  const chunks = run.trim().replace(/(?:万元|亿元|元)$/, '').split(/[ \u00a0]+/);
  const out: string[][] = [];
  const cut = (chunkIndex: number, pos: number, acc: string[]): boolean => {
    if (out.length > limit) return false;
    const chunk = chunks[chunkIndex];
    if (chunk === undefined) {
      if (acc.length === n) out.push(acc);
      return true;
    }
    if (pos === chunk.length) return cut(chunkIndex + 1, 0, acc);
    if (acc.length === n) return true;
    const remaining = chunks.slice(chunkIndex + 1).join('').length + (chunk.length - pos);
    if (remaining < n - acc.length || remaining > (n - acc.length) * MAX_DIGITS) return true;
    // a sign belongs to the figure after it: it starts a piece, never stands inside one
    const sign = /[+\-−－]/.test(chunk[pos]) ? 1 : 0;
    const maxLen = chunk[pos + sign] === '0' ? sign + 1 : Math.min(MAX_DIGITS + sign, chunk.length - pos);
    for (let len = sign + 1; len <= maxLen; len++) {
      const piece = chunk.slice(pos, pos + len);
      if (/\.$/.test(piece) || /\..*\./.test(piece) || /.[+\-−－]/.test(piece)) continue;
      if (!cut(chunkIndex, pos + len, [...acc, piece])) return false;
    }
    return true;
  };
  // a chunk (between kept spaces) holds whole cells: cells never span a space
  return cut(0, 0, []) ? out : null;
}

export interface GluedRow {
  def: RowDef;
  run: string;
}

/** What the format says must hold between a table's cells, as checks on a full assignment. */
type Assignment = Map<string, number[]>;

function rowSumHolds(def: TableDef, row: RowDef, v: number[]): boolean {
  if (def.id === 'application') return v[6] === v.slice(0, 6).reduce((a, b) => a + b, 0);
  if (def.id === 'review') return [0, 5, 10].every((g) => v[g + 4] === v[g] + v[g + 1] + v[g + 2] + v[g + 3]);
  return true;
}

function tableHolds(def: TableDef, a: Assignment): boolean {
  if (def.id !== 'application') return true;
  const total = a.get('resultTotal');
  const subRowsOf6 = [...a.keys()].some((k) => k.startsWith('otherHandling.'));
  const leaves = [...a.entries()].filter(([k]) => !['received', 'carriedOver', 'resultTotal', 'carriedForward'].includes(k) && !(k === 'otherHandling' && subRowsOf6));
  for (let c = 0; c < 7; c++) {
    if (total && leaves.length && total[c] !== leaves.reduce((s, [, v]) => s + v[c], 0)) return false;
    const r = a.get('received');
    const o = a.get('carriedOver');
    const f = a.get('carriedForward');
    if (r && o && total && f && r[c] + o[c] !== total[c] + f[c]) return false;
  }
  return true;
}

/**
 * The cells of each glued row that every reading satisfying the format's sums agrees on:
 * a row maps to its cells, or to null when its figures cannot be split with certainty.
 */
export function resolveGlued(def: TableDef, rows: GluedRow[], maxSolutions = 64, maxSteps = 200000): Map<GluedRow, string[] | null> {
  const result = new Map<GluedRow, string[] | null>();
  const options = rows.map((r) => {
    const n = r.def.columns.length;
    const all = splits(r.run, n)?.filter((s) => !r.def.kind.some((k, i) => (k !== 'amount' && s[i].includes('.')) || (k !== 'signed' && /^[+\-−－]/.test(s[i]))));
    if (!all) return null;
    // digits that allow one split only (seven digits for seven cells) are read as written: the
    // sums then say whether the table holds, they never choose its reading
    if (all.length === 1) return all;
    return all.filter((s) => rowSumHolds(def, r.def, s.map(Number)));
  });
  // rows whose figures cannot be split at all, or in no way that holds, are doubts
  const open = rows.map((_, i) => i).filter((i) => options[i] && options[i]!.length > 0);
  for (const [i, r] of rows.entries()) if (!options[i] || options[i]!.length === 0) result.set(r, null);
  const solutions: string[][][] = [];
  let steps = 0;
  let exhausted = true;
  const chosen: string[][] = [];
  const search = (k: number): void => {
    if (solutions.length >= maxSolutions || ++steps > maxSteps) {
      exhausted = false;
      return;
    }
    if (k === open.length) {
      const a: Assignment = new Map(open.map((ri, j) => [rows[ri].def.key, chosen[j].map(Number)]));
      if (tableHolds(def, a)) solutions.push(chosen.slice());
      return;
    }
    for (const s of options[open[k]]!) {
      chosen[k] = s;
      search(k + 1);
      if (!exhausted) return;
    }
  };
  // every row must have been split for the table's sums to mean anything
  if (open.length === rows.length) search(0);
  else exhausted = false;
  open.forEach((ri, j) => {
    const r = rows[ri];
    if (!exhausted || solutions.length === 0) {
      // without the table's sums to go by, a row is certain only when its own leaves one split
      result.set(r, options[ri]!.length === 1 ? options[ri]![0] : null);
      return;
    }
    const first = solutions[0][j];
    result.set(r, solutions.every((s) => s[j].every((x, c) => x === first[c])) ? first : null);
  });
  return result;
}
