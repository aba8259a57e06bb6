/**
 * The ruling lines of a scanned page, found in the raster: long horizontal and vertical runs of
 * dark pixels, a few pixels thick. They come out as the same segments the PDF extractor takes
 * from a page's drawing operators (page points, origin bottom-left), so one table builder
 * (extract/pdf/tables.ts) turns either into grids with merged cells.
 */
import type { Segment } from '../pdf/rulings.js';
import type { Raster } from './raster.js';

interface Line {
  /** first and last row (or column) of pixels it covers */
  a0: number;
  a1: number;
  from: number;
  to: number;
}

/**
 * `threshold`: grey levels below it are ink. Lines are looked for at a lenient level (a thin
 * border rendered grey by antialiasing, a JPEG's blur) and must be long (a quarter inch, longer
 * than any stroke of a character) and thin (a line, not a filled area).
 */
export function rasterRulings(r: Raster, dpi: number, threshold: number): Segment[] {
  const pt = 72 / dpi;
  const heightPt = r.height * pt;
  const out: Segment[] = [];
  for (const l of linesAlong(r.data, r.width, r.height, dpi, threshold))
    out.push({ dir: 'h', at: heightPt - ((l.a0 + l.a1 + 1) / 2) * pt, from: l.from * pt, to: (l.to + 1) * pt });
  const t = transpose(r);
  for (const l of linesAlong(t.data, t.width, t.height, dpi, threshold))
    out.push({ dir: 'v', at: ((l.a0 + l.a1 + 1) / 2) * pt, from: heightPt - (l.to + 1) * pt, to: heightPt - l.from * pt });
  return out;
}

function transpose(r: Raster): Raster {
  const { width: w, height: h, data } = r;
  const d = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) d[x * h + y] = data[row + x];
  }
  return { width: h, height: w, data: d };
}

/** Horizontal lines of a raster given as rows: runs per row, joined over neighbouring rows. */
function linesAlong(data: Uint8Array, width: number, height: number, dpi: number, threshold: number): Line[] {
  const minLength = Math.round(dpi * 0.25);
  const gap = Math.max(1, Math.round(dpi / 150)); // a dash of JPEG noise or a faint pixel inside a line
  const maxThickness = Math.max(3, Math.round(dpi * 0.035));
  const done: Line[] = [];
  let open: Line[] = [];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const next: Line[] = [];
    let start = -1;
    let last = -1;
    const close = () => {
      if (start >= 0 && last - start + 1 >= minLength) {
        const from = start;
        const to = last;
        // continues a line of the row above if they overlap along most of the shorter one
        const m = open.find((l) => Math.min(l.to, to) - Math.max(l.from, from) >= 0.5 * Math.min(l.to - l.from, to - from));
        if (m) {
          m.a1 = y;
          m.from = Math.min(m.from, from);
          m.to = Math.max(m.to, to);
          if (!next.includes(m)) next.push(m);
        } else next.push({ a0: y, a1: y, from, to });
      }
      start = -1;
    };
    for (let x = 0; x < width; x++) {
      if (data[row + x] < threshold) {
        if (start < 0 || x - last > gap + 1) {
          close();
          start = x;
        }
        last = x;
      }
    }
    close();
    for (const l of open) if (!next.includes(l)) done.push(l);
    open = next;
  }
  done.push(...open);
  return done.filter((l) => l.a1 - l.a0 + 1 <= maxThickness);
}
