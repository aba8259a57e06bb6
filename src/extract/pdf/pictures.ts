/**
 * The picture a scanned PDF page is: the largest image the page paints, with where it stands
 * and so its resolution. pdf.js has already decoded it (JPEG, JBIG2, CCITT, Flate) while making
 * the operator list; we take its pixels from the page's objects, so a scan is read at the
 * resolution it was scanned at, with no rendering and no canvas.
 */
import { OPS, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Deadline } from '../deadline.js';
import { IDENTITY, multiply, type Matrix, type OperatorList } from './rulings.js';
import { fromPdfImage, quarterTurn, type Raster } from '../ocr/raster.js';
import { LIMITS } from '../limits.js';
import { ExtractError } from '../errors.js';

export interface PagePicture {
  raster: Raster;
  /** pixels per inch at which it is shown on the page */
  dpi: number;
  /** the share of the page it covers */
  cover: number;
}

interface Painted {
  id: string;
  ctm: Matrix;
  area: number;
}

/** Images painted on the page, largest first (their place from the transform in force). */
function painted(ops: OperatorList): Painted[] {
  const out: Painted[] = [];
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.paintImageXObject && typeof args?.[0] === 'string') {
      out.push({ id: args[0], ctm, area: Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]) });
    }
  }
  return out.sort((a, b) => b.area - a.area);
}

/** The page's picture, or null when it paints none large enough to be the page. */
export async function pagePicture(page: PDFPageProxy, ops: OperatorList, deadline: Deadline): Promise<PagePicture | null> {
  const [x0, y0, x1, y1] = page.view;
  const pageArea = Math.abs((x1 - x0) * (y1 - y0));
  const top = painted(ops)[0];
  if (!top || top.area < pageArea * 0.3) return null;
  const objs = top.id.startsWith('g_') ? page.commonObjs : page.objs;
  const img = await deadline.within(new Promise<unknown>((resolve) => objs.get(top.id, resolve)));
  const data = img as { width: number; height: number; kind?: number; data?: Uint8ClampedArray };
  if (!data?.width || !data?.height) return null;
  if (data.width * data.height > LIMITS.imagePixels)
    throw new ExtractError('image-too-large', { size: (data.width * data.height).toLocaleString('en-US'), limit: LIMITS.imagePixels.toLocaleString('en-US') });
  let raster = fromPdfImage(data);
  if (!raster) return null;
  const [a, b, c, d] = top.ctm;
  // the image's unit square is drawn by the matrix: upright, or turned a quarter, or flipped
  if (Math.abs(b) < 1e-6 && Math.abs(c) < 1e-6) {
    if (a < 0) raster = flip(raster, 'x');
    if (d < 0) raster = flip(raster, 'y');
  } else if (Math.abs(a) < 1e-6 && Math.abs(d) < 1e-6) {
    // a page drawn turned: (b > 0) the image's x runs up the page
    raster = quarterTurn(raster, b > 0 ? 3 : 1);
    if (c > 0 === b > 0) raster = flip(raster, 'y');
  } else return null; // turned by some other angle: the page is rendered instead
  const shownWidth = Math.hypot(a, b);
  const dpi = (raster.width / Math.max(1, Math.abs(b) > Math.abs(a) ? Math.hypot(c, d) : shownWidth)) * 72;
  return { raster, dpi, cover: top.area / pageArea };
}

function flip(r: Raster, axis: 'x' | 'y'): Raster {
  const out = new Uint8Array(r.data.length);
  for (let y = 0; y < r.height; y++)
    for (let x = 0; x < r.width; x++) {
      const [sx, sy] = axis === 'x' ? [r.width - 1 - x, y] : [x, r.height - 1 - y];
      out[y * r.width + x] = r.data[sy * r.width + sx];
    }
  return { width: r.width, height: r.height, data: out };
}
