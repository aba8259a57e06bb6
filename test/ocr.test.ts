/**
 * Scanned reports read by OCR: image-only copies of the seed and realworld PDFs
 * (fixtures/render/make-scans.sh: pages rendered at 300 and 150 dpi, turned 1.5°, JPEG-compressed,
 * a folder of PNG pages) give the original PDF's findings — rule ids and counts, computed here
 * from the original, not written down — and their table cells are read as the original's. A PDF
 * with a text layer costs the engine nothing; what OCR read unsure becomes a reading doubt; the
 * findings say they were read from a scan.
 */
import { describe, it, expect, beforeAll, jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { lintBytes } from '../src/engine/lint.js';
import type { OcrEngine } from '../src/extract/ocr/engine.js';
import { findingCounts } from '../scripts/ocr-measure.js';
import { fixture, root } from './helpers/fixtures.js';
import { engine, makeScans, opts, original, scans } from './helpers/ocr.js';

jest.setTimeout(600_000);

beforeAll(makeScans, 600_000);

/** An engine that counts what it is asked, to show a text PDF costs it nothing. */
function counting(inner: OcrEngine) {
  const asked = { recognize: 0, render: 0 };
  const e: OcrEngine = {
    ...inner,
    recognize: (r, d) => ((asked.recognize += r.length), inner.recognize(r, d)),
    render: (...a) => (asked.render++, inner.render!(...a)),
  };
  return { e, asked };
}

describe('what OCR costs and when it runs', () => {
  it('a PDF with a text layer is not read by OCR: the engine is never asked, the result has no ocr field', async () => {
    const { e, asked } = counting(engine);
    const r = await lintBytes(await readFile(fixture('pdf/002_605866c201a9c82d.lo.pdf')), opts('002.pdf', { ocr: { engine: e, mode: 'auto' } }));
    expect(asked).toEqual({ recognize: 0, render: 0 });
    expect(r.ocr).toBeUndefined();
    expect(r.messages.every((m) => !m.message.includes('识别自扫描件'))).toBe(true);
  });

  it('an image-only PDF with OCR turned off (or no engine) is one fatal message saying it is a scan', async () => {
    const bytes = await readFile(path.join(scans, '002_605866c201a9c82d.300.pdf'));
    const off = await lintBytes(bytes, opts('scan.pdf', { ocr: { engine, mode: 'off' } }));
    expect(off.fatal).toBe(true);
    expect(off.messages).toHaveLength(1);
    expect(off.messages[0].message).toMatch(/扫描件或图片.*--ocr off/);
    const none = await lintBytes(bytes, { filePath: 'scan.pdf', lang: 'en' });
    expect(none.messages[0].message).toMatch(/no text layer .* needs OCR/);
  });

  it('a mixed PDF: only its page without text is read by OCR, and only findings on that page say so', async () => {
    const [orig, mixed] = await Promise.all([
      lintBytes(await readFile(fixture('pdf/002_605866c201a9c82d.lo.pdf')), { filePath: 'orig.pdf' }),
      lintBytes(await readFile(path.join(scans, '002_605866c201a9c82d.mixed.pdf')), opts('mixed.pdf')),
    ]);
    expect(mixed.ocr?.pages).toEqual([3]);
    expect(findingCounts(mixed).defects).toEqual(findingCounts(orig).defects);
    // a finding says 识别自扫描件; a doubt made of an unsure reading names the scan itself
    for (const m of mixed.messages) expect({ page: m.page, scanned: m.ocr === true && /扫描件/.test(m.message) }).toEqual({ page: m.page, scanned: m.page === 3 });
  });

  it('--ocr force reads every page of a text PDF by OCR, and finds what the text layer gives', async () => {
    const bytes = await readFile(fixture('pdf/002_605866c201a9c82d.lo.pdf'));
    const forced = await lintBytes(bytes, opts('forced.pdf', { ocr: { engine, mode: 'force' } }));
    expect(forced.ocr?.pages).toEqual([1, 2, 3, 4, 5]);
    expect(findingCounts(forced).defects).toEqual((await original('pdf/002_605866c201a9c82d.lo.pdf')).defects);
  });
});

describe('pages as they come from a scanner', () => {
  const name = '002_605866c201a9c82d';
  let defects: Record<string, number>;
  beforeAll(async () => {
    defects = (await original(`pdf/${name}.lo.pdf`)).defects;
  });

  it('a blank page (a scanner\'s empty back side) is skipped: the same findings, the page numbers of the scan', async () => {
    const r = await lintBytes(await readFile(path.join(scans, `${name}.blank.pdf`)), opts('blank.pdf'));
    expect(findingCounts(r).defects).toEqual(defects);
    // the table of page 3 stands on the scan's page 4
    expect(r.messages.find((m) => m.ruleId === 'blank-cells')?.page).toBe(4);
  });

  it('a page lying on its side is turned upright before it is read', async () => {
    const r = await lintBytes(await readFile(path.join(scans, `${name}.turned.pdf`)), opts('turned.pdf'));
    expect(findingCounts(r).defects).toEqual(defects);
  });

  it('a folder of PNG pages is one report, read in page order, with the PDF scan\'s findings', async () => {
    const dir = path.join(scans, `${name}.300`);
    const files = (await readdir(dir)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const [first, ...more] = await Promise.all(files.map((f) => readFile(path.join(dir, f))));
    const r = await lintBytes(first, opts('page-1.png', { morePages: more }));
    expect(r.format).toBe('image');
    expect(r.ocr?.pages).toEqual([1, 2, 3, 4, 5]);
    expect(findingCounts(r).defects).toEqual(defects);
  });

  it('one PNG page read alone is a one-page report; with OCR off it is one fatal message', async () => {
    const png = await readFile(path.join(scans, `${name}.300`, 'page-3.png'));
    const r = await lintBytes(png, opts('page-3.png'));
    expect(r.fatal).toBe(false);
    expect(r.ocr?.pages).toEqual([1]);
    const off = await lintBytes(png, opts('page-3.png', { ocr: undefined, lang: 'en' }));
    expect(off.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringMatching(/an image.*needs OCR/) })]);
  });
});

describe('findings on a scan', () => {
  const file = path.join(scans, '002_605866c201a9c82d.300.pdf');

  it('say they were read from a scan, in both languages', async () => {
    const bytes = await readFile(file);
    const [zh, en] = await Promise.all([lintBytes(bytes, opts('scan.pdf')), lintBytes(bytes, opts('scan.pdf', { lang: 'en' }))]);
    expect(zh.messages.length).toBeGreaterThan(0);
    for (const m of zh.messages) expect(m.message.endsWith('（识别自扫描件）') || m.ruleId === 'unreadable').toBe(true);
    for (const m of en.messages.filter((x) => x.kind === 'defect')) expect(m.message).toMatch(/ \(read from a scan\)$/);
    expect(zh.messages.every((m) => m.ocr)).toBe(true);
  });

  it('a finding resting on a figure OCR was unsure of becomes a reading doubt naming the figure and what the rule would have said', async () => {
    // the engine is made unsure of the prose total 262: narrative-sum's finding rests on it
    const unsureOf262: OcrEngine = {
      ...engine,
      recognize: async (r, d) => (await engine.recognize(r, d)).map((words) => words.map((w) => (w.text.includes('262') ? { ...w, confidence: 20 } : w))),
    };
    const r = await lintBytes(await readFile(file), opts('scan.pdf', { ocr: { engine: unsureOf262, mode: 'auto' } }));
    expect(r.messages.filter((m) => m.ruleId === 'narrative-sum')).toEqual([]);
    const doubt = r.messages.find((m) => m.unsureOf === 'narrative-sum');
    expect(doubt).toMatchObject({ ruleId: 'unreadable', kind: 'doubt', page: 2 });
    expect(doubt!.message).toMatch(/^读取存疑：扫描件第 2 页第 \d+ 行「262」识别不确定.*narrative-sum 规则据这一读法本会报告：「我区主动公开信息262条」称共 262条/);
    expect(r.doubtCount).toBeGreaterThanOrEqual(1);
  });
});

describe('an audit of scanned and text reports', () => {
  it('reads the scans by OCR, counts them apart, and loses none', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rl-ocr-audit-'));
    const input = path.join(dir, 'in');
    mkdirSync(input);
    copyFileSync(fixture('pdf/004_e501d39fb7faf04c.lo.pdf'), path.join(input, 'a-text.pdf'));
    copyFileSync(path.join(scans, '002_605866c201a9c82d.300.pdf'), path.join(input, 'b-scan.pdf'));
    // a folder of page images is one report
    cpSync(path.join(scans, '002_605866c201a9c82d.300'), path.join(input, 'c-pages'), { recursive: true });
    const out = path.join(dir, 'out');
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'reportlint.js'), 'audit', input, '--out', out, '--concurrency', '2'], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
    expect(r.stderr).toContain('已检查 3 份报告（其中扫描件经文字识别 2 份；无法读取 0 份）');
    const records = readFileSync(path.join(out, 'results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; result: { ocr?: { pages: number[] }; messages: Array<{ ruleId: string; kind?: string }> } });
    const byName = Object.fromEntries(records.map((x) => [path.basename(x.id), x.result]));
    expect(Object.keys(byName).sort()).toEqual(['a-text.pdf', 'b-scan.pdf', 'c-pages']);
    expect(byName['a-text.pdf'].ocr).toBeUndefined();
    expect(byName['b-scan.pdf'].ocr?.pages).toEqual([1, 2, 3, 4, 5]);
    expect(byName['c-pages'].ocr?.pages).toEqual([1, 2, 3, 4, 5]);
    // the folder and the PDF are the same scan: the same findings
    const ids = (x: { messages: Array<{ ruleId: string; kind?: string }> }) => x.messages.filter((m) => m.kind === 'defect').map((m) => m.ruleId).sort();
    expect(ids(byName['c-pages'])).toEqual(ids(byName['b-scan.pdf']));
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toMatch(/data-total="scanned"><b>2<\/b><span>扫描件（文字识别）/);
    rmSync(dir, { recursive: true, force: true });
  });
});

