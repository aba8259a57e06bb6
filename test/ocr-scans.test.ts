/**
 * (ocr-scans) Scanned reports read by OCR: image-only copies of the seed and realworld PDFs
 * (fixtures/render/make-scans.sh: pages rendered at 300 and 150 dpi, turned 1.5°, JPEG-compressed,
 * a folder of PNG pages) give the original PDF's findings — rule ids and counts, computed here
 * from the original, not written down — and their table cells are read as the original's. A PDF
 * with a text layer costs the engine nothing; what OCR read unsure becomes a reading doubt; the
 * findings say they were read from a scan.
 */
import { describe, it, expect, beforeAll, jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { lintBytes } from '../src/engine/lint.js';
import { extract } from '../src/extract/index.js';
import type { OcrEngine } from '../src/extract/ocr/engine.js';
import { tableCells, scoreCells, findingCounts } from '../scripts/ocr-measure.js';
import { fixture } from './helpers/fixtures.js';
import { engine, makeScans, opts, original, scans } from './helpers/ocr.js';

jest.setTimeout(600_000);

const SOURCES = [
  ['000_82d6f7fdece5d549', 'pdf/000_82d6f7fdece5d549.lo.pdf'],
  ['001_9c5af0f5dc6921f6', 'pdf/001_9c5af0f5dc6921f6.lo.pdf'],
  ['002_605866c201a9c82d', 'pdf/002_605866c201a9c82d.lo.pdf'],
  ['003_079ed3c1b799cbd0', 'pdf/003_079ed3c1b799cbd0.lo.pdf'],
  ['004_e501d39fb7faf04c', 'pdf/004_e501d39fb7faf04c.lo.pdf'],
  ['huaian-hongze-district-gov-2024', 'realworld/huaian-hongze-district-gov-2024.pdf'],
  ['huaian-municipal-gov-2024', 'realworld/huaian-municipal-gov-2024.pdf'],
] as const;

beforeAll(makeScans, 600_000);

/** Share of the original's table cells a scan must read exactly (the target, at 300 dpi). */
const CELLS_EXACT = 0.99;

/** The engine's readings kept by raster, so a test that lints a scan and then looks at its tree reads it once. */
function remembering(inner: OcrEngine): OcrEngine {
  const seen = new Map<string, Promise<Awaited<ReturnType<OcrEngine['recognize']>>[number]>>();
  const key = (r: Parameters<OcrEngine['recognize']>[0][number]) => `${r.mode}:${r.script ?? ''}:${createHash('sha1').update(r.raster.data).digest('hex')}`;
  return {
    ...inner,
    async recognize(requests, deadline) {
      const missing = requests.filter((r) => !seen.has(key(r)));
      if (missing.length) {
        const read = inner.recognize(missing, deadline);
        missing.forEach((r, i) => seen.set(key(r), read.then((all) => all[i])));
      }
      return Promise.all(requests.map((r) => seen.get(key(r))!));
    },
  };
}

async function scanned(file: string, name: string) {
  const e = remembering(engine);
  const bytes = await readFile(file);
  const result = await lintBytes(bytes, opts(name, { ocr: { engine: e, mode: 'auto' } }));
  const doc = await extract(bytes, name, { ocr: { engine: e, mode: 'auto' } });
  return { result, cells: tableCells(doc.tree) };
}

/**
 * Seed 000 is a site's traditional-script page with pinyin after many characters (「復(fù)議」),
 * printed: the engine drops characters beside the bracketed pinyin and the tone marks in it, so
 * two part headings and the pinyin finding are not read as the original. Kept as a known failure:
 * this test starts to fail, and says so, the day that scan is read right.
 */
const KNOWN_MISREAD = new Set(['000_82d6f7fdece5d549']);

describe.each(SOURCES)('%s, scanned at 300 dpi', (name, rel) => {
  (KNOWN_MISREAD.has(name) ? it.failing : it)(`gives the original PDF's findings (rule ids and counts) and reads ≥ ${CELLS_EXACT * 100}% of its table cells exactly`, async () => {
    const o = await original(rel);
    const s = await scanned(path.join(scans, `${name}.300.pdf`), `${name}.300.pdf`);
    expect(s.result.fatal).toBe(false);
    expect(findingCounts(s.result).defects).toEqual(o.defects);
    const score = scoreCells(o.cells, s.cells);
    // every misread listed when the share falls short
    if (score.cells > 0) expect({ share: score.exact / score.cells >= CELLS_EXACT ? 'enough' : score.exact / score.cells, misreads: score.exact / score.cells >= CELLS_EXACT ? [] : score.misreads }).toEqual({ share: 'enough', misreads: [] });
  });
});

describe.each([
  ['002_605866c201a9c82d', 'pdf/002_605866c201a9c82d.lo.pdf'],
  ['huaian-hongze-district-gov-2024', 'realworld/huaian-hongze-district-gov-2024.pdf'],
] as const)('%s, scanned as a scanner would', (name, rel) => {
  for (const [variant, how] of [
    ['150', 'at 150 dpi'],
    ['rot', 'turned 1.5° (fed askew)'],
    ['jpg', 'as JPEG at quality 60'],
  ] as const) {
    // the realworld report turned 1.5°: the tall merged label 三、本年度办理结果 is misread, unsure,
    // and the grouped table-shape finding naming it also names the report's real typo
    // (「2.其他法律行政止公开」): the whole finding becomes a reading doubt, so one defect is missed —
    // a known failure (a missed finding, never a false one), which this test reports the day it is mended
    const known = variant === 'rot' && name === 'huaian-hongze-district-gov-2024';
    (known ? it.failing : it)(`${variant}: ${how}, gives the original PDF's findings`, async () => {
      const o = await original(rel);
      const r = await lintBytes(await readFile(path.join(scans, `${name}.${variant}.pdf`)), opts(`${name}.${variant}.pdf`));
      expect(findingCounts(r).defects).toEqual(o.defects);
    });
  }
});

describe('a real scan, as published', () => {
  it('fixtures/bad/scanned.pdf (two JPEG pages at 110 ppi, an excerpt of a report) is read, not refused', async () => {
    const r = await lintBytes(await readFile(fixture('bad/scanned.pdf')), opts('scanned.pdf'));
    expect(r.fatal).toBe(false);
    expect(r.ocr?.pages).toEqual([1, 2]);
    // the excerpt stops in part three: parts four to six are missing from it
    expect(r.messages.filter((m) => m.ruleId === 'required-sections').map((m) => m.message.slice(0, 6))).toEqual(['缺少第四部分', '缺少第五部分', '缺少第六部分']);
  });
});
