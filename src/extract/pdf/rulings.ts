/**
 * The ruling lines of a PDF page, from pdf.js's operator list: stroked segments and thin
 * filled rectangles (how Word/WPS/LibreOffice/Chromium draw table borders), in page space
 * (origin bottom-left, points). Cell borders are the only trace of merged cells in a PDF.
 */
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A horizontal (y fixed, from x1 to x2) or vertical (x fixed, from y1 to y2) line. */
export interface Segment {
  dir: 'h' | 'v';
  /** the fixed coordinate */
  at: number;
  from: number;
  to: number;
}

export type Matrix = [number, number, number, number, number, number];
export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** The transform `n` applied within `m` (the PDF `cm` operator). */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

// pdf.js 5 path opcodes inside constructPath's data array
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const CLOSE = 3;

const STROKES = new Set<number>([OPS.stroke, OPS.closeStroke]);
const FILLS = new Set<number>([OPS.fill, OPS.eoFill]);
const BOTH = new Set<number>([OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

/** A filled rectangle thinner than this (points) is a drawn line, not a shaded area. */
const THIN = 2.5;

export interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}

export function rulings(ops: OperatorList): Segment[] {
  const out: Segment[] = [];
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      const data = (args[1] as ArrayLike<number>[] | null)?.[0];
      if (!data) continue;
      const polys = polygons(data, ctm);
      if (STROKES.has(paint) || BOTH.has(paint)) for (const p of polys) out.push(...edges(p));
      if (FILLS.has(paint) || BOTH.has(paint)) for (const p of polys) out.push(...thinRect(p));
    }
  }
  return out;
}

/** Split path data into polygons (curves are kept as their end points: borders are straight). */
function polygons(data: ArrayLike<number>, ctm: Matrix): Array<Array<[number, number]>> {
  const polys: Array<Array<[number, number]>> = [];
  let cur: Array<[number, number]> = [];
  for (let i = 0; i < data.length; ) {
    const op = data[i++];
    if (op === MOVE) {
      if (cur.length > 1) polys.push(cur);
      cur = [apply(ctm, data[i], data[i + 1])];
      i += 2;
    } else if (op === LINE) {
      cur.push(apply(ctm, data[i], data[i + 1]));
      i += 2;
    } else if (op === CURVE) {
      cur.push(apply(ctm, data[i + 4], data[i + 5]));
      i += 6;
    } else if (op === CLOSE) {
      if (cur.length > 1) cur.push(cur[0]);
    } else break; // an opcode this reader does not know: stop rather than misread
  }
  if (cur.length > 1) polys.push(cur);
  return polys;
}

/** Axis-aligned edges of a stroked polygon. */
function edges(poly: Array<[number, number]>): Segment[] {
  const out: Segment[] = [];
  for (let k = 1; k < poly.length; k++) {
    const [x1, y1] = poly[k - 1];
    const [x2, y2] = poly[k];
    if (Math.abs(y1 - y2) < 0.5 && Math.abs(x1 - x2) > 0.5) out.push({ dir: 'h', at: (y1 + y2) / 2, from: Math.min(x1, x2), to: Math.max(x1, x2) });
    else if (Math.abs(x1 - x2) < 0.5 && Math.abs(y1 - y2) > 0.5) out.push({ dir: 'v', at: (x1 + x2) / 2, from: Math.min(y1, y2), to: Math.max(y1, y2) });
  }
  return out;
}

/** A filled rectangle that is really a line. */
function thinRect(poly: Array<[number, number]>): Segment[] {
  if (poly.length < 4) return [];
  const xs = poly.map((p) => p[0]);
  const ys = poly.map((p) => p[1]);
  const [x1, x2, y1, y2] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const w = x2 - x1;
  const h = y2 - y1;
  if (h <= THIN && w > h) return [{ dir: 'h', at: (y1 + y2) / 2, from: x1, to: x2 }];
  if (w <= THIN && h > w) return [{ dir: 'v', at: (x1 + x2) / 2, from: y1, to: y2 }];
  return [];
}
