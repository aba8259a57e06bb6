/**
 * The template tables resolved into grids. Whatever the source — an HTML/DOCX table with
 * spans, or a table flattened into text one cell per line, as ` |`-terminated cells, or as
 * tab-separated rows — it becomes a stream of cell tokens, and the reader anchors on the
 * template's row labels and column headers to rebuild the rows. Values are placed in
 * columns only when the placement is certain; otherwise the row is kept `unplaced`
 * (its values and blank count are known, their columns are not). Nothing is guessed.
 */
import type { Block } from './blocks.js';
import { placeIn, placeOfCell } from './blocks.js';
import type { Section } from './sections.js';
import type { TableDef, RowDef, ColumnDef } from '../format/template.js';
import { parseCell, type CellValue } from './numbers.js';
import { labelKey } from '../util/cjk.js';
import { gluedPieces, resolveGlued, type GluedRow } from './glued.js';
import type { Place, TemplateVersion } from '../types.js';
import { pushTo } from '../util/group.js';

export type TableStyle = 'grid' | 'lines' | 'pipe' | 'tab' | 'glued';

export interface Token {
  text: string;
  empty: boolean;
  /** index of the source row or line the token came from */
  line: number;
  place?: Place;
  /** a run of figures glued together with no separator (a glued table) */
  glued?: boolean;
  /** a scan's cell that OCR read below its confidence threshold */
  unsure?: boolean;
}

export interface Cell {
  row: RowDef;
  column: ColumnDef;
  value: CellValue;
  text?: string;
  place?: Place;
}

export interface RowReading {
  def: RowDef;
  label: string;
  labelMatch: LabelMatch;
  place?: Place;
  cells: Cell[];
  /** the non-empty value tokens, in order */
  values: Token[];
  placement: 'placed' | 'unplaced' | 'overflow';
  /** how many of the row's cells are certainly blank */
  blanks: number;
}

export interface ReadingDoubt {
  reason: 'overflow' | 'no-rows' | 'stray-token' | 'glued' | 'cut-off' | 'ocr-unsure';
  place?: Place;
  /** the row it is about, when there is one */
  row?: RowDef;
  /** overflow: values found and columns; stray-token: the text */
  found?: number;
  text?: string;
}

/** A row the format does not have (a local addition such as 其他主动公开文件): its label and where it stands */
export interface ExtraRow {
  label: string;
  place?: Place;
  /** the template row read just before it, if any */
  after?: RowDef;
}

export interface TemplateTable {
  def: TableDef;
  /** the format whose rows the table was read with (set by the model) */
  version?: TemplateVersion;
  style: TableStyle;
  place?: Place;
  rows: RowReading[];
  missingRows: RowDef[];
  extraRows: ExtraRow[];
  /** the header and banner words read (column labels as written) */
  headerTexts: string[];
  doubts: ReadingDoubt[];
}

/** The tokens of one section's table, or null when the section holds none. */
export function tableTokens(blocks: Block[], section: Section, def: TableDef): { tokens: Token[]; style: TableStyle } | null {
  const tokens: Token[] = [];
  let style: TableStyle | null = null;
  let started = false;
  let line = 0;
  for (const span of section.content) {
    const b = blocks[span.block];
    if (b.kind === 'table' && b.rows) {
      style = 'grid';
      started = true;
      for (const [ri, row] of b.rows.entries()) {
        // a converter's generic header row (列1 | 列2 | … over each one-row table) labels nothing
        if (ri === 0 && row.some((c) => c.text.trim()) && row.every((c) => GENERIC_HEADER.test(c.text))) continue;
        line++;
        for (const cell of row) tokens.push({ text: cell.text, empty: cell.text.trim() === '', line, place: placeOfCell(cell), ...(cell.unsure ? { unsure: true } : {}) });
      }
      continue;
    }
    const text = b.text.slice(span.start, span.end);
    for (const { line: l, offset } of splitLines(text, span.start)) {
      // a crawler's text with the table's cells glued together: its labels and figure runs
      // (only a line with no separator at all: tabs or bars mean the cells are delimited)
      const glued = style !== 'grid' && !/[\t|]/.test(l) ? gluedPieces(l, def, style === 'glued') : null;
      if (glued) {
        // the table starts at its first label: prose the page ran into it before (「2024年，共收到…3条。」) is not in it
        const from = started ? 0 : glued.findIndex((p) => p.kind === 'label');
        started = true;
        style = 'glued';
        for (const piece of glued.slice(from)) {
          line++;
          tokens.push({ text: piece.text, empty: false, line, place: placeIn(b, offset + piece.at), glued: piece.kind === 'value' });
        }
        continue;
      }
      // a Markdown pipe table's delimiter row (|---|:---:|) separates header from body: no cells
      if (DELIMITER_ROW.test(l)) continue;
      const lineStyle: TableStyle = l.includes('\t') ? 'tab' : /\|\s*$|^\s*\|/.test(l) ? 'pipe' : 'lines';
      const cells = lineCells(l, lineStyle, offset);
      const first = cells.find((c) => c.text.trim() !== '');
      if (!started) {
        if (!first || !def.anchor.test(first.text.trim())) continue;
        started = true;
      } else if (style === 'grid') {
        // after a real table, a paragraph belongs to it only as a label (a banner between split tables)
        if (!first || !matchLabel(def, first.text)) continue;
      } else if (isProse(l) && tokens.length > 0) {
        break;
      }
      if (style !== 'grid' && style !== 'glued') style = style === null || style === 'lines' ? lineStyle : style;
      line++;
      for (const c of cells) tokens.push({ text: c.text.trim(), empty: c.text.trim() === '', line, place: placeIn(b, c.offset) });
    }
  }
  return started && style ? { tokens, style } : null;
}

function splitLines(text: string, base: number): Array<{ line: string; offset: number }> {
  const out: Array<{ line: string; offset: number }> = [];
  let off = 0;
  for (const l of text.split('\n')) {
    if (l.trim()) out.push({ line: l, offset: base + off });
    off += l.length + 1;
  }
  return out;
}

function lineCells(line: string, style: TableStyle, base: number): Array<{ text: string; offset: number }> {
  if (style === 'lines') return [{ text: line, offset: base + (line.length - line.trimStart().length) }];
  const sep = style === 'tab' ? '\t' : '|';
  const parts = line.split(sep);
  // a ` |`-terminated line: what follows the last bar is not a cell
  if (style === 'pipe' && parts[parts.length - 1].trim() === '') parts.pop();
  const out: Array<{ text: string; offset: number }> = [];
  let off = 0;
  // a Markdown row (| a | b |): what stands before the first bar is not a cell either
  if (style === 'pipe' && parts.length > 1 && parts[0].trim() === '' && /^\s*\|/.test(line)) off += parts.shift()!.length + 1;
  for (const p of parts) {
    out.push({ text: p, offset: base + off + (p.length - p.trimStart().length) });
    off += p.length + 1;
  }
  return out;
}

const GENERIC_HEADER = /^\s*(?:列\s*\d+|第\s*\d+\s*列|column\s*\d+|col\s*\d+|\d+)?\s*$/i;
const DELIMITER_ROW = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function isProse(line: string): boolean {
  const t = line.replace(/[|\t]/g, '').trim();
  return t.length > 40 && /[。；]/.test(t);
}

/** How a row's label was recognised: as written in the template, with words added after it, cut short by the layout, or mistyped */
export type LabelMatch = 'exact' | 'longer' | 'cut' | 'similar' | 'former';

type Match = { kind: 'row'; row: RowDef; rest: string; how: LabelMatch } | { kind: 'group'; label: string; rest: string } | { kind: 'header' } | { kind: 'banner' };

/**
 * Comparison keys of a table's labels, computed once per table definition, with an index from
 * key to row: a cell is looked up by its key and its prefixes, not compared with every label.
 */
interface LabelKeys {
  rows: Array<{ row: RowDef; key: string }>;
  groups: Array<{ label: string; key: string }>;
  headers: string[];
  headerSet: Set<string>;
  /** a row's key → the first row with that key */
  rowByKey: Map<string, RowDef>;
  /** a proper prefix (4 or more characters) of a row's key → the first row whose key it begins */
  rowByPrefix: Map<string, { row: RowDef; key: string }>;
  /** what a cell's text was found to be, by text (grid cells apart): the same labels and figures recur */
  seen: [Map<string, Match | null>, Map<string, Match | null>];
}
const keyCache = new WeakMap<TableDef, LabelKeys>();
function labelKeys(def: TableDef): LabelKeys {
  let k = keyCache.get(def);
  if (!k) {
    const rows = def.rows.flatMap((row) => row.match.map((m) => ({ row, key: labelKey(m) })));
    const rowByKey = new Map<string, RowDef>();
    const rowByPrefix = new Map<string, { row: RowDef; key: string }>();
    for (const r of rows) {
      if (!rowByKey.has(r.key)) rowByKey.set(r.key, r.row);
      for (let n = 4; n < r.key.length; n++) if (!rowByPrefix.has(r.key.slice(0, n))) rowByPrefix.set(r.key.slice(0, n), r);
    }
    const headers = def.headers.map(labelKey);
    k = {
      rows,
      groups: def.groups.map((label) => ({ label, key: labelKey(label) })),
      headers,
      headerSet: new Set(headers),
      rowByKey,
      rowByPrefix,
      seen: [new Map(), new Map()],
    };
    keyCache.set(def, k);
  }
  return k;
}

const CUT_KEY = /^[一二三四五六七八九十]、|^\([一二三四五六七八九十]+\)|^\d+\./;

/**
 * The template row a label names, scored as before the index: the whole key (1000), else a key
 * that begins a longer row label, cut short by the layout (its length − ½), else the longest
 * row label the key begins with (its length); among equals, the first row of the format.
 */
function bestRow(keys: LabelKeys, key: string): { m: Match; score: number } | null {
  const exact = keys.rowByKey.get(key);
  if (exact) return { m: { kind: 'row', row: exact, rest: '', how: 'exact' }, score: 1000 };
  if (key.length >= 4 && CUT_KEY.test(key)) {
    const longer = keys.rowByPrefix.get(key);
    if (longer) return { m: { kind: 'row', row: longer.row, rest: longer.key.slice(key.length), how: 'cut' }, score: key.length - 0.5 };
  }
  for (let n = key.length - 1; n >= 4; n--) {
    const row = keys.rowByKey.get(key.slice(0, n));
    if (row) return { m: { kind: 'row', row, rest: '', how: 'longer' }, score: n };
  }
  return null;
}

function matchLabel(def: TableDef, text: string, grid = false): Match | null {
  const keys = labelKeys(def);
  if (text.length > 200) return readLabel(def, keys, text, grid);
  const seen = keys.seen[grid ? 1 : 0];
  let m = seen.get(text);
  if (m === undefined) {
    if (seen.size > 20_000) seen.clear();
    seen.set(text, (m = readLabel(def, keys, text, grid)));
  }
  return m;
}

function readLabel(def: TableDef, keys: LabelKeys, text: string, grid: boolean): Match | null {
  const key = labelKey(text);
  if (!key) return null;
  if (def.banner?.test(text.replace(/\s/g, ''))) return { kind: 'banner' };
  let best = bestRow(keys, key);
  const consider = (mk: string, make: (rest: string, how: LabelMatch) => Match) => {
    let score = 0;
    let rest = '';
    let how: LabelMatch = 'exact';
    if (key === mk) score = 1000;
    else if (mk.length >= 4 && key.startsWith(mk)) {
      score = mk.length;
      how = 'longer';
    } else if (key.length >= 4 && mk.startsWith(key) && CUT_KEY.test(key)) {
      score = key.length - 0.5;
      rest = mk.slice(key.length);
      how = 'cut';
    }
    if (score > 0 && (!best || score > best.score)) best = { m: make(rest, how), score };
  };
  // A numbered row label with a word mistyped (2.其他法律行政止公开) is still its row when the
  // rest is close; table-shape reports the wording (the label read is kept on the row).
  if (!best && NUMBERED_KEY.test(key) && key.length >= 4) {
    const n = NUMBERED_KEY.exec(key)![0];
    for (const { row, key: mk } of keys.rows) {
      const score = mk.startsWith(n) ? dice(key, mk) : 0;
      if (score >= 0.6 && (!best || score > best.score)) best = { m: { kind: 'row', row, rest: '', how: 'similar' }, score };
    }
  }
  for (const { label, key: mk } of keys.groups) {
    consider(mk, (rest) => ({ kind: 'group', label, rest }));
    // A grid cell is whole: a numbered group label cut short (pdf.js reads only 「三、本」 of a
    // label set in a vertical font) is still that group.
    if (grid && !best && key.length >= 2 && mk.startsWith(key) && /^\s*[一二三四五六七八九十]+、/.test(text)) best = { m: { kind: 'group', label, rest: '' }, score: key.length };
  }
  const found = best as { m: Match; score: number } | null;
  if (found) return found.m;
  if (keys.headerSet.has(key) || key.startsWith('(本列数据的勾稽关系') || /^\(?单位/.test(key) || keys.headers.some((h) => h.length >= 4 && key.startsWith(h))) return { kind: 'header' };
  return null;
}

const NUMBERED_KEY = /^(\d+|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+)(?=[\u4e00-\u9fff])/;

/** Dice coefficient of two strings' character bigrams. */
function dice(a: string, b: string): number {
  const grams = (s: string) => Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2));
  const ga = grams(a);
  const gb = grams(b);
  const pool = [...gb];
  let common = 0;
  for (const g of ga) {
    const i = pool.indexOf(g);
    if (i >= 0) {
      common++;
      pool.splice(i, 1);
    }
  }
  return ga.length + gb.length === 0 ? 0 : (2 * common) / (ga.length + gb.length);
}

/** Read one template table out of its tokens. */
export function readTable(def: TableDef, tokens: Token[], style: TableStyle): TemplateTable {
  interface Pending {
    def: RowDef;
    label: string;
    how: LabelMatch;
    place?: Place;
    slots: Token[];
  }
  const pending: Pending[] = [];
  const doubts: ReadingDoubt[] = [];
  const extraRows: ExtraRow[] = [];
  const headerTexts: string[] = [];
  let skipLine = -1; // the values of a row the format does not have belong to no template row
  let lineStart = -1;
  let current: Pending | null = null;
  let residue = ''; // the unseen rest of a label split across cells (（四）无法提 | 供)
  let dataLineStarted = -1;

  const finish = () => {
    // an optional older-layout row with nothing in it was a group label here (（六）其他处理 over its sub-rows)
    if (current && !(current.def.optional && current.slots.every((t) => t.empty))) pending.push(current);
    current = null;
  };

  // Table 4: the data row starts at the first line holding something that is not a header.
  const headerOnlyLines = new Set<number>();
  if (def.unlabelledRow) {
    const byLine = new Map<number, Token[]>();
    for (const t of tokens) pushTo(byLine, t.line, t);
    for (const [line, ts] of byLine) if (ts.every((t) => t.empty || matchLabel(def, t.text)?.kind === 'header')) headerOnlyLines.add(line);
  }

  for (const t of tokens) {
    if (residue && !t.empty && labelKey(t.text) === residue) {
      residue = '';
      continue;
    }
    if (def.unlabelledRow) {
      if (dataLineStarted < 0) {
        // a glued table 4's row is its run of figures: words before it (prose the page ran in) are not cells
        if (style === 'glued' && !t.glued) continue;
        if (headerOnlyLines.has(t.line)) {
          if (!t.empty) headerTexts.push(t.text);
          continue;
        }
        dataLineStarted = t.line;
        current = { def: def.rows[0], label: '', how: 'exact', place: t.place, slots: [] };
      }
      current!.slots.push(t);
      continue;
    }
    // a note a converter put in a cell or line of its own after a figure (「（其中修订16件）」)
    // belongs to that figure: it is neither a row nor a value
    if (!t.empty && current && current.slots.some((x) => !x.empty) && CELL_NOTE.test(t.text.trim())) continue;
    const firstOnLine = !t.empty && lineStart !== t.line;
    if (!t.empty) lineStart = t.line;
    if (t.line === skipLine) continue;
    const m = t.empty ? null : matchLabel(def, t.text, style === 'grid');
    if (!m && firstOnLine && style !== 'lines' && isRowLabel(t.text)) {
      // a labelled row of the table that the format does not have
      const after = current?.def ?? pending.at(-1)?.def;
      finish();
      extraRows.push({ label: t.text, place: t.place, after });
      skipLine = t.line;
      continue;
    }
    if (m?.kind === 'row') {
      finish();
      current = { def: m.row, label: t.text, how: m.how, place: t.place, slots: [] };
      if (m.rest) residue = m.rest;
    } else if (m?.kind === 'group') {
      finish();
      if (m.rest) residue = m.rest;
    } else if (m) {
      finish();
      headerTexts.push(t.text);
    } else if (current) {
      current.slots.push(t);
    } else if (!t.empty) {
      doubts.push({ reason: 'stray-token', place: t.place, text: t.text });
      headerTexts.push(t.text);
    }
  }
  finish();

  const regular = style === 'grid' || pending.every((p) => trimTrailing(p.slots, p.def.columns.length).length === p.def.columns.length);
  const former = (p: Pending) => p.def.former?.some((f) => labelKey(f) === labelKey(p.label)) ?? false;
  const glued = style === 'glued' ? splitGluedRows(def, pending) : null;
  const rows = pending.map((p) => ({
    ...(glued?.has(p) ? gluedRow(p.def, p.label, p.place, p.slots, glued.get(p)!) : placeRow(p.def, p.label, p.place, p.slots, style, regular)),
    labelMatch: former(p) ? ('former' as const) : p.how,
  }));
  for (const r of rows) if (glued && r.placement === 'unplaced' && r.values.some((v) => v.glued)) doubts.push({ reason: 'glued', place: r.place, row: r.def, text: r.values.map((v) => v.text).join(' ') });
  // a label cut short with nothing at all after it (the text ends inside 「3.补正后申请内容」) is
  // where the table stops: the row is not read, not read as blank
  pending.forEach((p, i) => {
    const shorter = p.how === 'cut' || (p.how === 'similar' && p.def.match.some((m) => labelKey(m).startsWith(labelKey(p.label))));
    if (!shorter || p.slots.length > 0 || i !== pending.length - 1) return;
    rows[i] = { ...rows[i], cells: rows[i].cells.map((c) => ({ ...c, value: { kind: 'unplaced' } })), placement: 'unplaced', blanks: 0 };
    doubts.push({ reason: 'cut-off', place: p.place, row: p.def, text: p.label });
  });
  for (const r of rows)
    if (r.placement === 'overflow')
      doubts.push({ reason: 'overflow', place: r.place, row: r.def, found: r.values.length });
  // a scanned row with a cell OCR was unsure of: none of its values is read (a doubt, never a defect)
  rows.forEach((r, i) => {
    const unsure = pending[i].slots.filter((t) => t.unsure);
    if (unsure.length === 0 || r.placement === 'overflow') return;
    rows[i] = { ...r, cells: r.cells.map((c) => ({ ...c, value: { kind: 'unplaced' } })), placement: 'overflow', blanks: 0 };
    doubts.push({ reason: 'ocr-unsure', place: unsure[0].place, row: r.def, text: unsure.map((t) => t.text).join(' ') });
  });
  if (rows.length === 0) doubts.push({ reason: 'no-rows', place: tokens[0]?.place });
  const seen = new Set(rows.map((r) => r.def.key));
  return {
    def,
    style,
    place: tokens[0]?.place,
    rows,
    missingRows: def.rows.filter((r) => !seen.has(r.key) && !r.optional),
    extraRows,
    headerTexts,
    doubts,
  };
}

const CELL_NOTE = /^[（(](?:其中|含|包括|另有|注)[^（）()]*[)）]$/;

/** Words that label a row (not a number, not a stray word such as 无 in a value cell). */
function isRowLabel(text: string): boolean {
  const han = text.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
  return han >= 4 && !/^\s*[+\-−－]?\d/.test(text);
}

function trimTrailing(slots: Token[], n: number): Token[] {
  const s = slots.slice();
  while (s.length > n && s[s.length - 1].empty) s.pop();
  return s;
}

function placeRow(def: RowDef, label: string, place: Place | undefined, slots: Token[], style: TableStyle, regular: boolean): Omit<RowReading, 'labelMatch'> {
  const n = def.columns.length;
  const s = style === 'lines' ? slots : trimTrailing(slots, n);
  const values = s.filter((t) => !t.empty);
  const cellsFrom = (toks: Array<Token | null>): Cell[] =>
    def.columns.map((column, i) => {
      const t = toks[i];
      return { row: def, column, value: parseCell(t?.text ?? '', def.kind[i]), text: t?.text, place: t?.place ?? place };
    });
  const unplaced = (): Cell[] => def.columns.map((column) => ({ row: def, column, value: { kind: 'unplaced' }, place }));

  if (values.length > n) return { def, label, place, cells: unplaced(), values, placement: 'overflow', blanks: 0 };
  if (style !== 'lines' && s.length === n && regular) {
    const cells = cellsFrom(s);
    return { def, label, place, cells, values, placement: 'placed', blanks: cells.filter((c) => c.value.kind === 'blank').length };
  }
  if (values.length === n) return { def, label, place, cells: cellsFrom(values), values, placement: 'placed', blanks: 0 };
  if (values.length === 0) return { def, label, place, cells: cellsFrom([]), values, placement: 'placed', blanks: n };
  return { def, label, place, cells: unplaced(), values, placement: 'unplaced', blanks: n - values.length };
}

/** The glued rows of a table split where the format's sums make it certain (glued.ts). */
function splitGluedRows<P extends { def: RowDef; slots: Token[] }>(def: TableDef, pending: P[]): Map<P, string[] | null> {
  const runs = pending.filter((p) => p.slots.length === 1 && p.slots[0].glued).map((p) => ({ p, row: { def: p.def, run: p.slots[0].text } as GluedRow }));
  const solved = resolveGlued(def, runs.map((r) => r.row));
  return new Map(runs.map(({ p, row }) => [p, solved.get(row) ?? null]));
}

function gluedRow(def: RowDef, label: string, place: Place | undefined, slots: Token[], cells: string[] | null): Omit<RowReading, 'labelMatch'> {
  const run = slots[0];
  if (!cells) return { def, label, place, cells: def.columns.map((column) => ({ row: def, column, value: { kind: 'unplaced' }, place: run.place ?? place })), values: slots, placement: 'unplaced', blanks: 0 };
  return {
    def,
    label,
    place,
    cells: def.columns.map((column, i) => ({ row: def, column, value: parseCell(cells[i], def.kind[i]), text: cells[i], place: run.place ?? place })),
    values: slots,
    placement: 'placed',
    blanks: 0,
  };
}

/** A cell of a read table by row and column key (the first row read with that key). */
export function cellAt(table: TemplateTable, rowKey: string, columnKey: string): Cell | undefined {
  // the arithmetic rules ask for every cell of a table, several times: an index per table, built once
  let index = cellIndex.get(table);
  if (!index) {
    index = new Map();
    for (const r of table.rows) {
      let row = index.get(r.def.key);
      if (!row) index.set(r.def.key, (row = new Map()));
      for (const c of r.cells) if (!row.has(c.column.key)) row.set(c.column.key, c);
    }
    cellIndex.set(table, index);
  }
  return index.get(rowKey)?.get(columnKey);
}
const cellIndex = new WeakMap<TemplateTable, Map<string, Map<string, Cell>>>();
