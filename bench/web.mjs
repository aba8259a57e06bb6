#!/usr/bin/env node
/**
 * The check page in Chromium (issue #16), side by side with the CLI's core in Node on the same
 * file: how long the page takes to load until it can check (its workers started), and how long
 * it takes to check a 5-page PDF (seed 002's LibreOffice rendering, and the real 5-page report),
 * the first time (pdf.js's worker starting) and again. Also saves a screenshot of the page with
 * seed 002's findings (bench/screenshots/), to be looked at.
 *   node bench/web.mjs [--runs N]      (after npm run build; uses dist/web)
 */
import { chromium } from 'playwright-core';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const web = path.join(root, 'dist/web/index.html');
const PDFS = ['fixtures/pdf/002_605866c201a9c82d.lo.pdf', 'fixtures/realworld/huaian-hongze-district-gov-2024.pdf'].map((f) => path.join(root, f));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const { lint } = await import(pathToFileURL(path.join(root, 'dist/src/index.js')).href);

async function fresh() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const t0 = performance.now();
  await page.goto(pathToFileURL(web).href);
  await page.waitForFunction(() => document.body.dataset.state === 'ready');
  return { context, page, loadMs: performance.now() - t0 };
}

async function check(page, file) {
  const t0 = performance.now();
  await page.setInputFiles('#pick', file);
  await page.waitForFunction(() => document.body.dataset.state === 'done' && !document.querySelector('.entry:empty'));
  return performance.now() - t0;
}

const load = [];
const rows = PDFS.map((f) => ({ file: f, cold: [], warm: [], node: [] }));
for (let r = 0; r < runs; r++) {
  const { context, page, loadMs } = await fresh();
  load.push(loadMs);
  for (const row of rows) {
    row.cold.push(await check(page, row.file));
    await page.click('#clear');
    row.warm.push(await check(page, row.file));
    await page.click('#clear');
    // the same core in Node, interleaved with the browser runs (pdf.js's thread kept, as the page keeps its worker)
    const t0 = performance.now();
    await lint(row.file, { view: true });
    row.node.push(performance.now() - t0);
  }
  await context.close();
}

// the screenshot: seed 002 as HTML (its tables drawn as grids), findings lit
const shot = await fresh();
await check(shot.page, path.join(root, 'fixtures/html/002_605866c201a9c82d.html'));
const out = path.join(root, 'bench/screenshots');
mkdirSync(out, { recursive: true });
await shot.page.screenshot({ path: path.join(out, 'seed-002.png'), fullPage: false });
await shot.page.locator('.doc-table .mark').first().scrollIntoViewIfNeeded();
await shot.page.screenshot({ path: path.join(out, 'seed-002-table.png') });
await shot.context.close();
await browser.close();

const mb = (statSync(path.join(root, 'dist/web/app.js')).size / 1e6).toFixed(1);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, load ${os.loadavg()[0].toFixed(2)}; Chromium ${browser.version()}; app.js ${mb} MB; median of ${runs}`);
console.log(`page load, navigation → ready to check (workers started): ${median(load).toFixed(0)} ms`);
console.log('file | pages | Chromium first check | Chromium again | Node lint() | Chromium again ÷ Node');
for (const row of rows) {
  console.log(`${path.relative(root, row.file)} | 5 | ${median(row.cold).toFixed(0)} ms | ${median(row.warm).toFixed(0)} ms | ${median(row.node).toFixed(0)} ms | ${(median(row.warm) / median(row.node)).toFixed(2)}×`);
}
process.exit(0);
