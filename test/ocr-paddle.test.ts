/**
 * The PaddleOCR engine (src/node/ocr-paddle.ts) on real crops of a scanned page
 * (fixtures/scans/002_605866c201a9c82d.300/page-3.png, made by fixtures/render/make-scans.sh),
 * shrunk to the 150 dpi the page reader hands the engine: a one-line label, a figure read as
 * a line and as digits, a wrapped cell as two lines, a strip of page text as two lines with
 * boxes where their ink is, and a blank crop read as nothing.
 */
import { describe, it, expect, beforeAll } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { paddleEngine } from '../src/node/ocr-paddle.js';
import { NO_DEADLINE } from '../src/extract/deadline.js';
import type { OcrMode, OcrWord } from '../src/extract/ocr/engine.js';
import { crop, fromPgm, pad, shrink, type Raster } from '../src/extract/ocr/raster.js';

const root = path.resolve(import.meta.dirname, '..');
const page3 = path.join(root, 'fixtures/scans/002_605866c201a9c82d.300/page-3.png');
const engine = paddleEngine();
let page: Raster;

beforeAll(() => {
  if (!existsSync(page3)) execFileSync('bash', [path.join(root, 'fixtures/render/make-scans.sh')], { stdio: 'ignore' });
  page = fromPgm(new Uint8Array(execFileSync('/usr/bin/convert', [page3, '-colorspace', 'Gray', '-depth', '8', 'pgm:-'], { maxBuffer: 64 << 20 })))!;
}, 600_000);

/** A box of the 300 dpi page (x, y, width, height), as the page reader hands it over: shrunk to 150 dpi, a white margin added. */
const cut = (x: number, y: number, w: number, h: number): Raster => pad(shrink(crop(page, x, y, x + w, y + h), 0.5), 8);
const text = (words: OcrWord[]) => words.map((w) => w.text).join('').replace(/\s/g, '');
const read = async (...rs: Array<[Raster, OcrMode]>) => engine.recognize(rs.map(([raster, mode]) => ({ raster, mode })), NO_DEADLINE);

describe('PaddleOCR PP-OCRv4 on scanned crops', () => {
  it('reads a one-line label, a figure (as a line and as digits) and a wrapped cell, and nothing in a blank cell', async () => {
    const [label, figure, digits, wrapped, blank] = await read(
      [cut(240, 935, 990, 90), 'line'],
      [cut(935, 125, 440, 100), 'line'],
      [cut(935, 125, 440, 100), 'digits'],
      [cut(515, 1280, 710, 200), 'cell'],
      [cut(1400, 935, 160, 90), 'line'],
    );
    expect(text(label)).toBe('一、本年新收政府信息公开申请数量');
    expect(text(figure)).toBe('14');
    expect(text(digits)).toBe('14');
    expect(digits.every((w) => w.confidence >= 60 && w.confidence <= 100)).toBe(true);
    const lines = [...new Set(wrapped.map((w) => w.line))];
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => text(wrapped.filter((w) => w.line === l)))).toEqual(['(二)部分公开(区分处理的,只计这一', '情形,不计其他情形)']);
    expect(blank).toEqual([]);
  });

  it('finds the lines of page text, each word boxed where its ink is', async () => {
    // the heading 三、收到和处理… and the sentence under it, 150 dpi
    const strip = cut(220, 250, 2020, 190);
    const [words] = await read([strip, 'page']);
    const lines = [...new Set(words.map((w) => w.line))];
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((l) => words.filter((w) => w.line === l));
    expect(text(first)).toBe('三、收到和处理政府信息公开申请情况');
    expect(text(second).replace(/,/g, '，')).toMatch(/^2020年度，我区收到和处理政府信息公开申请0件。?$/);
    // boxes inside the strip, the second line below the first, words left to right
    for (const w of words) {
      expect(w.left).toBeGreaterThanOrEqual(0);
      expect(w.left + w.width).toBeLessThanOrEqual(strip.width);
      expect(w.top + w.height).toBeLessThanOrEqual(strip.height);
      expect(w.width).toBeGreaterThan(0);
    }
    expect(second[0].top).toBeGreaterThan(first[0].top + first[0].height / 2);
    // the text starts at the strip's margin (8 px) plus the page's left margin in the crop
    expect(first[0].left).toBeLessThan(40);
  });
});
