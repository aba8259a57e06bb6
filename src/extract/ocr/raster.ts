/**
 * Grey page rasters for OCR: 8 bits a pixel, 0 black, 255 white, rows top to bottom. What pdf.js
 * gives for a scan's embedded image, or what a host decodes from a PNG/JPEG/TIFF, becomes one of
 * these; every step after (straightening, ruling lines, cell crops) works on it.
 */
export interface Raster {
  width: number;
  height: number;
  data: Uint8Array;
}

/** pdf.js's ImageKind: 1 bit a pixel (packed rows), RGB, RGBA. */
const GRAYSCALE_1BPP = 1;
const RGB_24BPP = 2;
const RGBA_32BPP = 3;

/** A pdf.js decoded image as a grey raster (null for a kind we cannot read). */
export function fromPdfImage(img: { width: number; height: number; kind?: number; data?: ArrayLike<number> }): Raster | null {
  const { width, height, kind, data } = img;
  if (!data || !width || !height) return null;
  const out = new Uint8Array(width * height);
  if (kind === GRAYSCALE_1BPP) {
    const stride = (width + 7) >> 3;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) out[y * width + x] = data[y * stride + (x >> 3)] & (128 >> (x & 7)) ? 255 : 0;
    return out.length ? { width, height, data: out } : null;
  }
  const step = kind === RGB_24BPP ? 3 : kind === RGBA_32BPP ? 4 : 0;
  if (!step || data.length < width * height * step) return null;
  for (let i = 0, j = 0; i < out.length; i++, j += step) out[i] = (data[j] * 299 + data[j + 1] * 587 + data[j + 2] * 114) / 1000;
  return { width, height, data: out };
}

/** Otsu's threshold: the grey level that best splits ink from paper. */
export function otsu(r: Raster, clamp = true): number {
  const hist = new Float64Array(256);
  // every 4th pixel is plenty for a page
  const step = r.data.length > 1_000_000 ? 4 : 1;
  for (let i = 0; i < r.data.length; i += step) hist[r.data[i]]++;
  let total = 0;
  let sumAll = 0;
  for (let g = 0; g < 256; g++) {
    total += hist[g];
    sumAll += g * hist[g];
  }
  let best = 128;
  let bestVar = -1;
  let wB = 0;
  let sumB = 0;
  for (let g = 0; g < 256; g++) {
    wB += hist[g];
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += g * hist[g];
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > bestVar) {
      bestVar = between;
      best = g;
    }
  }
  // a clean page is almost all paper: keep the threshold from drifting into the paper's own grain
  return clamp ? Math.min(Math.max(best, 90), 200) : best;
}

/**
 * Paper made white: a shaded cell (a grey banner row) or a yellowed page has its paper's grey
 * stretched to white, every level in proportion, so it reads like print on white — what the
 * engine is trained on — and strokes keep their antialiased edges. White paper is left alone:
 * a hard cut there costs the engine confidence on every word.
 */
export function whitenPaper(r: Raster): Raster {
  const hist = new Uint32Array(256);
  for (let i = 0; i < r.data.length; i++) hist[r.data[i]]++;
  // the paper's level: the grey most pixels have, in the light half
  let paper = 255;
  for (let g = 128, most = -1; g < 256; g++) if (hist[g] > most) [most, paper] = [hist[g], g];
  if (paper >= 235) return r;
  const out = new Uint8Array(r.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(255, (r.data[i] * 255) / paper);
  return { width: r.width, height: r.height, data: out };
}

/** Turn the raster by `degrees` (counter-clockwise positive) about its centre, on white (bilinear). */
export function rotate(r: Raster, degrees: number): Raster {
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const { width: w, height: h, data } = r;
  const out = new Uint8Array(w * h).fill(255);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      // the source pixel this one comes from (inverse rotation; image y points down)
      const sx = cos * dx - sin * dy + cx;
      const sy = sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const top = data[i] + (data[i + 1] - data[i]) * fx;
      const bottom = data[i + w] + (data[i + w + 1] - data[i + w]) * fx;
      out[y * w + x] = top + (bottom - top) * fy;
    }
  }
  return { width: w, height: h, data: out };
}

/** A quarter turn clockwise (a page scanned on its side). */
export function quarterTurn(r: Raster, turns: number): Raster {
  let out = r;
  for (let k = 0; k < ((turns % 4) + 4) % 4; k++) {
    const { width: w, height: h, data } = out;
    const d = new Uint8Array(w * h);
    // clockwise: new (x, y) = (h - 1 - y, x)
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) d[x * h + (h - 1 - y)] = data[y * w + x];
    out = { width: h, height: w, data: d };
  }
  return out;
}

/** The rectangle [x0, x1) × [y0, y1) of the raster, clipped to it. */
export function crop(r: Raster, x0: number, y0: number, x1: number, y1: number): Raster {
  const left = Math.max(0, Math.floor(x0));
  const top = Math.max(0, Math.floor(y0));
  const right = Math.min(r.width, Math.ceil(x1));
  const bottom = Math.min(r.height, Math.ceil(y1));
  const w = Math.max(0, right - left);
  const h = Math.max(0, bottom - top);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) out.set(r.data.subarray((top + y) * r.width + left, (top + y) * r.width + left + w), y * w);
  return { width: w, height: h, data: out };
}

/** The raster with a white margin of `m` pixels all round (OCR engines read text touching the edge badly). */
export function pad(r: Raster, m: number): Raster {
  const w = r.width + 2 * m;
  const out = new Uint8Array(w * (r.height + 2 * m)).fill(255);
  for (let y = 0; y < r.height; y++) out.set(r.data.subarray(y * r.width, (y + 1) * r.width), (y + m) * w + m);
  return { width: w, height: r.height + 2 * m, data: out };
}

/** Paint a rectangle white (a table already read, hidden from the page's text reading). */
export function whiteOut(r: Raster, x0: number, y0: number, x1: number, y1: number): void {
  const left = Math.max(0, Math.floor(x0));
  const right = Math.min(r.width, Math.ceil(x1));
  for (let y = Math.max(0, Math.floor(y0)); y < Math.min(r.height, Math.ceil(y1)); y++) r.data.fill(255, y * r.width + left, y * r.width + right);
}

/** How many pixels darker than `threshold`. */
export function inkCount(r: Raster, threshold: number): number {
  let n = 0;
  for (let i = 0; i < r.data.length; i++) if (r.data[i] < threshold) n++;
  return n;
}

/** A binary PGM (P5) file: what OCR engines and image tools all read. */
export function toPgm(r: Raster): Uint8Array {
  const head = new TextEncoder().encode(`P5\n${r.width} ${r.height}\n255\n`);
  const out = new Uint8Array(head.length + r.data.length);
  out.set(head);
  out.set(r.data, head.length);
  return out;
}

/** A binary PGM (P5) file read back (what a host's decoder hands over). */
export function fromPgm(bytes: Uint8Array): Raster | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 64)));
  const m = /^P5\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s+(\d+)\s/.exec(head);
  if (!m) return null;
  const [width, height, max] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (max !== 255 || bytes.length < m[0].length + width * height) return null;
  return { width, height, data: bytes.slice(m[0].length, m[0].length + width * height) };
}

/**
 * The raster shrunk by `factor` (< 1) with a Lanczos-3 filter, one direction at a time. A plain
 * box average blurs strokes: the engine was measurably less sure of every word read from it.
 */
export function shrink(r: Raster, factor: number): Raster {
  if (factor >= 1) return r;
  const w = Math.max(1, Math.round(r.width * factor));
  const h = Math.max(1, Math.round(r.height * factor));
  const across = resample(r.data, r.width, r.height, w, true);
  return { width: w, height: h, data: resample(across, w, r.height, h, false) };
}

const lanczos = (x: number) => {
  if (x === 0) return 1;
  if (x <= -3 || x >= 3) return 0;
  const p = Math.PI * x;
  return (3 * Math.sin(p) * Math.sin(p / 3)) / (p * p);
};

/** One pass: rows (horizontal) or columns resampled from `from` to `to` samples. */
function resample(src: Uint8Array, width: number, height: number, to: number, horizontal: boolean): Uint8Array {
  const from = horizontal ? width : height;
  const scale = from / to;
  const support = 3 * scale;
  // the taps of each output sample, computed once
  const starts = new Int32Array(to);
  const weights: Float32Array[] = [];
  for (let i = 0; i < to; i++) {
    const centre = (i + 0.5) * scale - 0.5;
    const a = Math.max(0, Math.ceil(centre - support));
    const b = Math.min(from - 1, Math.floor(centre + support));
    const ws = new Float32Array(b - a + 1);
    let sum = 0;
    for (let k = a; k <= b; k++) sum += ws[k - a] = lanczos((k - centre) / scale);
    for (let k = 0; k < ws.length; k++) ws[k] /= sum;
    starts[i] = a;
    weights.push(ws);
  }
  const outW = horizontal ? to : width;
  const outH = horizontal ? height : to;
  const out = new Uint8Array(outW * outH);
  const lines = horizontal ? height : width;
  const stride = horizontal ? 1 : width;
  for (let l = 0; l < lines; l++) {
    const base = horizontal ? l * width : l;
    for (let i = 0; i < to; i++) {
      const ws = weights[i];
      let v = 0;
      for (let k = 0, p = base + starts[i] * stride; k < ws.length; k++, p += stride) v += ws[k] * src[p];
      out[horizontal ? l * to + i : i * width + l] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  return out;
}
