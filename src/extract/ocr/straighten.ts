/**
 * A scanned page straightened before it is read: its skew (a sheet fed a little askew) found
 * from the text lines and ruling lines themselves — the angle at which the rows of ink line up
 * best, i.e. the horizontal projection is sharpest — and turned back. A page with (almost) no
 * ink is blank and skipped.
 */
import { otsu, rotate, type Raster } from './raster.js';

/** Skews within this many degrees are looked for (a scanner's feed; more is a page on its side). */
const MAX_SKEW = 5;
/** Below this the page is read as it is (a tenth of a pixel per hundred: nothing to gain). */
const MIN_SKEW = 0.05;
/** Ink on less than this share of the page: a blank page (a scanner's empty back side). */
const BLANK_SHARE = 0.0005;

export interface Straightened {
  raster: Raster;
  /** the turn applied, degrees counter-clockwise */
  skew: number;
  blank: boolean;
}

export function straighten(page: Raster): Straightened {
  const points = inkPoints(page);
  if (points.count < page.width * page.height * BLANK_SHARE / (points.step * points.step)) return { raster: page, skew: 0, blank: true };
  const skew = skewOf(points);
  if (Math.abs(skew) < MIN_SKEW) return { raster: page, skew: 0, blank: false };
  return { raster: rotate(page, skew), skew, blank: false };
}

interface Points {
  xs: Float64Array;
  ys: Float64Array;
  count: number;
  /** the sampling step, pixels */
  step: number;
  height: number;
}

/** Dark pixels of a reduced copy (about 1000 pixels across): enough to measure, quick to turn. */
function inkPoints(r: Raster): Points {
  const step = Math.max(1, Math.round(r.width / 1000));
  const threshold = otsu(r);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < r.height; y += step)
    for (let x = 0; x < r.width; x += step) {
      if (r.data[y * r.width + x] < threshold) {
        xs.push(x / step);
        ys.push(y / step);
      }
    }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys), count: xs.length, step, height: Math.ceil(r.height / step) };
}

/** The turn (degrees, counter-clockwise) that lines the ink's rows up best. */
function skewOf(p: Points): number {
  let best = 0;
  let bestScore = -1;
  const tryAngle = (deg: number) => {
    const s = sharpness(p, deg);
    if (s > bestScore) {
      bestScore = s;
      best = deg;
    }
  };
  for (let a = -MAX_SKEW; a <= MAX_SKEW + 1e-9; a += 0.25) tryAngle(round(a));
  const coarse = best;
  for (let a = coarse - 0.25; a <= coarse + 0.25 + 1e-9; a += 0.02) tryAngle(round(a));
  return best;
}

const round = (a: number) => Math.round(a * 1000) / 1000;

/** How sharp the rows' projection is once turned by `deg`: the sum of squared row counts. */
function sharpness(p: Points, deg: number): number {
  const t = (deg * Math.PI) / 180;
  const sin = Math.sin(t);
  const cos = Math.cos(t);
  const pad = Math.ceil(p.height * 0.2) + 10;
  const bins = new Float64Array(p.height + 2 * pad);
  for (let i = 0; i < p.count; i++) {
    const y = Math.round(-sin * p.xs[i] + cos * p.ys[i]) + pad;
    if (y >= 0 && y < bins.length) bins[y]++;
  }
  let s = 0;
  for (let i = 0; i < bins.length; i++) s += bins[i] * bins[i];
  return s;
}

/**
 * A page lying on its side: its ink lines up in columns far better than in rows (text lines
 * and the rows of a table run across the page, whichever way up it is).
 */
export function onItsSide(page: Raster): boolean {
  const p = inkPoints(page);
  if (p.count < 1000) return false;
  const rows = sharpness(p, 0);
  const turned: Points = { xs: p.ys, ys: p.xs, count: p.count, step: p.step, height: Math.ceil(page.width / p.step) };
  return sharpness(turned, 0) > rows * 1.5;
}
