// Scanned copies of the seed and realworld PDFs (fixtures/render/make-scans.sh) read by OCR:
// per file and variant, the share of table cells read exactly, whether the findings are the
// original's, the reading doubts, and seconds per page. `node bench/ocr.mjs [variant ...] [--only name] [--misreads]`
// (variants: 300 150 rot jpg dir; default all) [--engine paddle|tesseract] (default paddle). Needs `npm run build`.
import { readFile, readdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import os from 'node:os';
const root = path.resolve(import.meta.dirname, '..');
const { lintBytes } = await import(path.join(root, 'dist/src/engine/lint.js'));
const { extract } = await import(path.join(root, 'dist/src/extract/index.js'));
const { tesseractEngine } = await import(path.join(root, 'dist/src/node/ocr-tesseract.js'));
const { paddleEngine } = await import(path.join(root, 'dist/src/node/ocr-paddle.js'));
const { tableCells, scoreCells, findingCounts, findingsDiff } = await import(path.join(root, 'dist/scripts/ocr-measure.js'));
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const showMisreads = args.includes('--misreads');
const engineName = args.includes('--engine') ? args[args.indexOf('--engine') + 1] : 'paddle';
if (!['paddle', 'tesseract'].includes(engineName)) throw new Error(`--engine paddle|tesseract, not ${engineName}`);
const variants = args.filter((a) => ['300', '150', 'rot', 'jpg', 'dir'].includes(a));
if (variants.length === 0) variants.push('300', '150', 'rot', 'jpg', 'dir');
execFileSync('bash', [path.join(root, 'fixtures/render/make-scans.sh')], { stdio: 'inherit' });
const scans = path.join(root, 'fixtures/scans');
const sources = [
  ...(await readdir(path.join(root, 'fixtures/pdf'))).filter((f) => /^00[0-4]_.*\.lo\.pdf$/.test(f)).map((f) => path.join(root, 'fixtures/pdf', f)),
  ...(await readdir(path.join(root, 'fixtures/realworld'))).filter((f) => f.endsWith('.pdf')).map((f) => path.join(root, 'fixtures/realworld', f)),
].filter((f) => !only || f.includes(only));
const engine = engineName === 'paddle' ? paddleEngine() : tesseractEngine();
console.log(`engine: ${engine.name}; ${os.cpus().length} cores; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(['file', 'variant', 'cells', 'exact', 'share', 'findings', 'doubts', 's/page'].join('\t'));
const total = {};
for (const src of sources) {
  const name = path.basename(src, '.pdf').replace(/\.lo$/, '');
  const bytes = new Uint8Array(await readFile(src));
  const original = await extract(bytes, src);
  const origCells = tableCells(original.tree);
  const origFindings = findingCounts(await lintBytes(bytes, { filePath: src })).defects;
  for (const v of variants) {
    const file = v === 'dir' ? path.join(scans, `${name}.300`) : path.join(scans, `${name}.${v}.pdf`);
    let first, more;
    if (v === 'dir') {
      const pages = (await readdir(file)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      const all = await Promise.all(pages.map((p) => readFile(path.join(file, p)).then((b) => new Uint8Array(b))));
      [first, ...more] = all;
    } else first = new Uint8Array(await readFile(file));
    const t0 = performance.now();
    let tree = null;
    const ocr = { engine, mode: 'auto' };
    const result = await lintBytes(first, { filePath: v === 'dir' ? 'page-1.png' : file, ocr, morePages: more, timeLimit: 900_000, onModel: () => {} });
    const seconds = (performance.now() - t0) / 1000;
    if (result.fatal) {
      console.log([name, v, '-', '-', '-', result.messages[0].message, '-', seconds.toFixed(1)].join('\t'));
      continue;
    }
    tree = (await extract(first, v === 'dir' ? 'page-1.png' : file, { ocr, morePages: more })).tree;
    const score = scoreCells(origCells, tableCells(tree));
    const got = findingCounts(result);
    const diff = findingsDiff(origFindings, got.defects);
    const pages = result.ocr?.pages.length ?? 1;
    const t = (total[v] ??= { cells: 0, exact: 0, same: 0, files: 0 });
    t.cells += score.cells;
    t.exact += score.exact;
    t.files++;
    if (diff.length === 0) t.same++;
    console.log([name, v, score.cells, score.exact, ((100 * score.exact) / score.cells).toFixed(1) + '%', diff.length ? diff.join(', ') : 'same', got.doubts, (seconds / pages).toFixed(2)].join('\t'));
    if (showMisreads) for (const [a, b] of score.misreads) console.log(`    ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
  }
}
for (const [v, t] of Object.entries(total)) console.log(`total ${v}: ${t.exact}/${t.cells} cells exact (${((100 * t.exact) / t.cells).toFixed(2)}%), findings the original's in ${t.same}/${t.files} files`);
