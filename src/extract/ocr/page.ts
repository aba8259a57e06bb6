/**
 * One scanned page read into what the PDF extractor reads from a page with a text layer:
 * positioned text pieces and ruling lines, in page points. The page is straightened, its
 * ruling lines found in the raster and built into tables by the PDF extractor's own table code;
 * each table cell is read on its own (a cell's crop, never a line running across cells), the
 * text outside the tables as a page. Every piece says how sure the engine was: a piece read
 * below the threshold, or a cell with ink in it where nothing could be read, is `unsure`, and
 * what is built on it becomes a reading doubt, never a finding about the report.
 */
import type { Deadline } from '../deadline.js';
import type { RawItem } from '../pdf/load.js';
import type { Segment } from '../pdf/rulings.js';
import { findTables, type PdfCell } from '../pdf/tables.js';
import type { OcrEngine, OcrMode, OcrRequest, OcrScript, OcrWord } from './engine.js';
import { crop, inkCount, otsu, pad, shrink, whiteOut, whitenPaper, type Raster } from './raster.js';
import { rasterRulings } from './rulings.js';
import { straighten } from './straighten.js';
import { labelReading } from './labels.js';
import { CJK_TEXT } from '../../util/cjk.js';

/** Words the engine is less sure of than this (0–100) are unsure. */
export const MIN_CONFIDENCE = 60;

/**
 * The resolution text is handed to the engine at. Tesseract's Chinese model reads print of 10–16
 * points best at about 150 dpi (at 300 a bold heading's 一、 comes out as 人人人): a finer scan is
 * shrunk for reading, its ruling lines and cells found at full resolution (bench/ocr-engines.md).
 */
export const READ_DPI = 150;

export interface OcrItem extends RawItem {
  unsure?: boolean;
}

export interface ScannedPage {
  number: number;
  width: number;
  height: number;
  items: OcrItem[];
  segments: Segment[];
  blank: boolean;
  skew: number;
}

interface CellJob {
  cell: PdfCell;
  /** the crop's top-left corner in the page raster */
  x: number;
  y: number;
  request: OcrRequest;
}

export async function readScannedPage(page: Raster, dpi: number, number: number, engine: OcrEngine, deadline: Deadline, script: OcrScript = 'hans'): Promise<ScannedPage> {
  const s = dpi / 72;
  const { raster, skew, blank } = straighten(page);
  const width = raster.width / s;
  const height = raster.height / s;
  if (blank) return { number, width, height, items: [], segments: [], blank, skew };
  deadline.check();
  const threshold = otsu(raster);
  // a border is often lighter than text (thin, antialiased, JPEG-blurred): looked for at a paler grey
  const segments = rasterRulings(raster, dpi, Math.min(235, threshold + 40));
  const tables = findTables(segments, number);
  deadline.check();

  const cells: CellJob[] = [];
  const rest: Raster = { ...raster, data: raster.data.slice() };
  const px = (xPt: number) => xPt * s;
  const py = (yPt: number) => (height - yPt) * s;
  const inset = Math.max(3, Math.round(dpi * 0.02)); // past the border line and its blur
  for (const t of tables) {
    whiteOut(rest, px(t.left) - inset, py(t.top) - inset, px(t.right) + inset, py(t.bottom) + inset);
    for (const cell of t.cells) {
      const x0 = px(cell.left) + inset;
      const y0 = py(cell.top) + inset;
      const x1 = px(cell.right) - inset;
      const y1 = py(cell.bottom) - inset;
      if (x1 - x0 < 4 || y1 - y0 < 4) continue;
      const c = crop(raster, x0, y0, x1, y1);
      const ink = inkCount(c, threshold);
      // a speck or two of noise is not writing; a lone 「1」 is (about 30 dark pixels at 150 dpi, 120 at 300)
      if (ink < Math.max(4, 2 * (dpi / 100) ** 2)) continue;
      // a shaded cell's grey is paper too
      const clean = whitenPaper(c);
      cells.push({ cell, x: Math.floor(x0), y: Math.floor(y0), request: { raster: pad(clean, Math.round(dpi * 0.05)), mode: linesIn(clean, threshold) > 1 ? 'cell' : 'line' } });
    }
  }
  const f = Math.min(1, READ_DPI / dpi);
  const scaled = (r: OcrRequest): OcrRequest => ({ raster: shrink(r.raster, f), mode: r.mode, script });
  const requests = [...cells.map((c) => c.request), { raster: whitenPaper(rest), mode: 'page' as OcrMode }];
  const back = (words: OcrWord[]) =>
    words.map((w) => ({ ...w, left: w.left / f, top: w.top / f, width: w.width / f, height: w.height / f, ...(w.lineBox ? { lineBox: { top: w.lineBox.top / f, height: w.lineBox.height / f } } : {}) }));
  const read = (await engine.recognize(requests.map(scaled), deadline)).map(back);
  deadline.check();
  const margin = (r: OcrRequest) => (r.mode === 'page' ? 0 : Math.round(dpi * 0.05));

  // figures read a second time by a digits-only reading: the two must agree to be sure
  const numeric = cells.map((c, i) => (looksNumeric(read[i]) ? i : -1)).filter((i) => i >= 0);
  const digits = numeric.length ? (await engine.recognize(numeric.map((i) => scaled({ raster: cells[i].request.raster, mode: 'digits' })), deadline)).map(back) : [];
  const second = new Map(numeric.map((i, k) => [i, digits[k]]));

  const items: OcrItem[] = [];
  const toItem = (text: string, words: OcrWord[], ox: number, oy: number, unsure: boolean): OcrItem => {
    const left = Math.min(...words.map((w) => w.left)) + ox;
    const right = Math.max(...words.map((w) => w.left + w.width)) + ox;
    const top = Math.min(...words.map((w) => w.top)) + oy;
    const bottom = Math.max(...words.map((w) => w.top + w.height)) + oy;
    const size = Math.max(4, (bottom - top) / s);
    return { str: text, transform: [size, 0, 0, size, left / s, height - bottom / s], width: (right - left) / s, height: size, ...(unsure ? { unsure } : {}) };
  };
  cells.forEach((job, i) => {
    const m = margin(job.request);
    const ox = job.x - m;
    const oy = job.y - m;
    const words = read[i].filter((w) => w.text.trim());
    const twice = second.get(i);
    if (twice) {
      const chi = words.map((w) => w.text).join('').replace(/\s/g, '');
      const fig = twice.filter((w) => w.text.trim());
      const figText = fig.map((w) => w.text).join('').replace(/\s/g, '');
      const sure = figText !== '' && asFigures(chi) === figText && fig.every((w) => w.confidence >= MIN_CONFIDENCE);
      const use = fig.length ? fig : words;
      if (use.length) items.push(toItem(figText || chi, use, ox, oy, !sure));
      return;
    }
    if (words.length === 0) {
      // ink in the cell, and nothing the engine could read: a doubt over the cell, never a blank
      const c = job.cell;
      items.push({ str: '?', transform: [10, 0, 0, 10, (c.left + c.right) / 2 - 5, (c.top + c.bottom) / 2 - 4], width: 10, height: 10, unsure: true });
      return;
    }
    const lines = byLine(words);
    const text = lines.map(lineText).join('');
    const { label, ambiguous } = labelReading(text);
    if (label) {
      // one label in the format's spelling, over the cell's first line
      items.push(toItem(label, lines[0], ox, oy, false));
      return;
    }
    for (const l of lines) items.push(toItem(lineText(l), l, ox, oy, ambiguous || l.some((w) => w.confidence < MIN_CONFIDENCE)));
  });
  // the text around the tables: one piece per word, so the layout code joins and spaces them as it does a PDF's
  for (const w of read[read.length - 1]) {
    if (!w.text.trim()) continue;
    items.push({ ...toItem(w.text.trim(), [w], 0, 0, w.confidence < MIN_CONFIDENCE) });
  }
  lineUp(items, read[read.length - 1], s, height);
  return { number, width, height, items, segments, blank, skew };
}

/** Text lines in a crop: runs of rows with ink, split by rows without. */
function linesIn(r: Raster, threshold: number): number {
  let lines = 0;
  let inLine = false;
  const minInk = 2;
  for (let y = 0; y < r.height; y++) {
    let n = 0;
    for (let x = 0; x < r.width && n < minInk; x++) if (r.data[y * r.width + x] < threshold) n++;
    const ink = n >= minInk;
    if (ink && !inLine) lines++;
    inLine = ink;
  }
  return lines;
}

/**
 * What the Chinese model reads a lone figure as (a 1 in a narrow cell comes out 工 or 丨): a
 * cell read as these alone is a figure read a second time by the digits-only model, and the
 * two readings agree when the look-alikes stand for its digits.
 */
const LOOK_ALIKE: Record<string, string> = { 工: '1', 丨: '1', 一: '1', l: '1', I: '1', '|': '1', '!': '1', ']': '1', '[': '1', 了: '1', O: '0', o: '0', D: '0', 口: '0', S: '5', s: '5', Z: '2', z: '2', B: '8', g: '9', q: '9', '。': '.', '，': ',' };

const asFigures = (text: string) => [...text].map((c) => LOOK_ALIKE[c] ?? c).join('');

/** A reading made of figures only, or of what figures are misread as. */
function looksNumeric(words: OcrWord[]): boolean {
  const text = words.map((w) => w.text).join('').replace(/\s/g, '');
  return text !== '' && text.length <= 16 && /^[\d.,+\-]+$/.test(asFigures(text));
}

function byLine(words: OcrWord[]): OcrWord[][] {
  const lines = new Map<number, OcrWord[]>();
  for (const w of words) {
    const l = lines.get(w.line);
    if (l) l.push(w);
    else lines.set(w.line, [w]);
  }
  return [...lines.values()].map((l) => l.sort((a, b) => a.left - b.left)).sort((a, b) => a[0].top - b[0].top);
}

/** A line's words joined: nothing between Chinese, a space between Latin words. */
function lineText(words: OcrWord[]): string {
  let out = '';
  for (const w of words) {
    const t = w.text.trim();
    if (out && !(CJK_TEXT.test(out.slice(-1)) || CJK_TEXT.test(t[0] ?? ''))) out += ' ';
    out += t;
  }
  return out;
}

/**
 * The words of one engine line share one baseline (the line's lowest box edge), so the layout
 * code sees one line, as it would in a PDF; short marks (一, 、) otherwise sit on a line of their own.
 */
function lineUp(items: OcrItem[], words: OcrWord[], s: number, height: number): void {
  const pageItems = items.slice(items.length - words.filter((w) => w.text.trim()).length);
  const real = words.filter((w) => w.text.trim());
  const bottoms = new Map<number, number>();
  const tops = new Map<number, number>();
  for (const w of real) {
    const [top, bottom] = w.lineBox ? [w.lineBox.top, w.lineBox.top + w.lineBox.height] : [w.top, w.top + w.height];
    bottoms.set(w.line, Math.max(bottoms.get(w.line) ?? 0, bottom));
    tops.set(w.line, Math.min(tops.get(w.line) ?? Infinity, top));
  }
  real.forEach((w, k) => {
    const it = pageItems[k];
    const size = Math.max(4, (bottoms.get(w.line)! - tops.get(w.line)!) / s);
    it.transform = [size, 0, 0, size, it.transform[4], height - bottoms.get(w.line)! / s];
    it.height = size;
  });
}
