#!/usr/bin/env node
/**
 * Builds the private check page (issue #16) into dist/web/: index.html, app.js, report.css,
 * page.css — a static folder that opens from disk or from any web server and loads nothing else.
 *
 * app.js is the page; it carries the lint worker's code as a string, and the lint worker carries
 * pdf.js's worker code and pdf.js's CMaps and standard fonts. Both workers start from blob: URLs
 * made from those strings: a page opened from disk (file://) may not start a worker from a file,
 * and the page's CSP (connect-src 'none') lets nothing be fetched — not even its own files.
 *
 * The worker bundles the CLI's core unchanged (src/engine, src/extract, src/model, rules/, the
 * HTML and XLSX reporters). What differs in a browser is chosen here, not in the core:
 * - mammoth's and exceljs's own browser builds (their package.json "browser" fields);
 * - Node's Buffer, used by iconv-lite and src/extract/detect.ts: the npm `buffer` package;
 * - opencc-js's t2cn build, as in the CLI bundle (normalize only converts to simplified).
 */
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// --out <dir>: elsewhere than dist/web (the browser tests build the page from the sources they test)
const outAt = process.argv.indexOf('--out');
const outdir = outAt > 0 ? path.resolve(process.argv[outAt + 1]) : path.join(root, 'dist/web');
const pdfjs = path.join(root, 'node_modules/pdfjs-dist');
const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const common = { absWorkingDir: root, bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome109', minify: true, legalComments: 'none', logLevel: 'warning' };
const text = (result) => result.outputFiles[0].text;

/** A module made here: `reportlint-web:<name>` exports the given names as JSON values. */
const virtual = (modules) => ({
  name: 'virtual',
  setup(b) {
    b.onResolve({ filter: /^reportlint-web:/ }, (args) => ({ path: args.path, namespace: 'virtual' }));
    b.onLoad({ filter: /.*/, namespace: 'virtual' }, (args) => {
      const values = modules[args.path.slice('reportlint-web:'.length)];
      return { contents: Object.entries(values).map(([k, v]) => `export const ${k} = ${JSON.stringify(v)};`).join('\n'), loader: 'js' };
    });
  },
});

const base64Files = (dir, keep = () => true) =>
  Object.fromEntries(readdirSync(dir).filter(keep).map((f) => [f.replace(/\.bcmap$/, ''), readFileSync(path.join(dir, f)).toString('base64')]));

// 1. pdf.js's worker side, as a classic script (it sets itself up on the worker's own port)
const pdfWorker = text(await build({ ...common, entryPoints: [path.join(pdfjs, 'legacy/build/pdf.worker.min.mjs')] }));

// 2. the lint worker: the core, with pdf.js's worker and data inside
const lintWorker = text(
  await build({
    ...common,
    entryPoints: ['src/web/worker.ts'],
    alias: { 'opencc-js': 'opencc-js/t2cn' },
    inject: ['scripts/web-buffer.js'],
    // src/extract/pdf/load.ts finds pdf.js's data through import.meta only when no assets are given;
    // the page always gives its own (src/web/pdf-host.ts)
    logOverride: { 'empty-import-meta': 'silent' },
    define: { REPORTLINT_VERSION: JSON.stringify(version), 'process.env.NODE_ENV': '"production"' },
    plugins: [
      virtual({
        'pdf-data': {
          PDF_WORKER_SOURCE: pdfWorker,
          CMAPS: base64Files(path.join(pdfjs, 'cmaps'), (f) => f.endsWith('.bcmap')),
          STANDARD_FONTS: base64Files(path.join(pdfjs, 'standard_fonts'), (f) => !f.startsWith('LICENSE')),
        },
      }),
    ],
  }),
);

// 3. the page, carrying the lint worker
const app = text(await build({ ...common, entryPoints: ['src/web/main.ts'], plugins: [virtual({ 'lint-worker': { LINT_WORKER_SOURCE: lintWorker } })] }));
writeFileSync(path.join(outdir, 'app.js'), app);

// the HTML report's own style sheet, as the reporter has it
const reporter = text(await build({ ...common, format: 'esm', minify: false, entryPoints: ['src/report/html.ts'] }));
const { REPORT_CSS } = await import(`data:text/javascript;base64,${Buffer.from(reporter).toString('base64')}`);
writeFileSync(path.join(outdir, 'report.css'), REPORT_CSS.trim() + '\n');
copyFileSync(path.join(root, 'src/web/page.css'), path.join(outdir, 'page.css'));
// the page's policy, from the module `reportlint serve` sends it from too
const csp = text(await build({ ...common, format: 'esm', minify: false, entryPoints: ['src/web/csp.ts'] }));
const { PAGE_CSP } = await import(`data:text/javascript;base64,${Buffer.from(csp).toString('base64')}`);
writeFileSync(path.join(outdir, 'index.html'), readFileSync(path.join(root, 'src/web/index.html'), 'utf8').replace('@PAGE_CSP@', PAGE_CSP));
const mb = (n) => (n / 1e6).toFixed(1);
console.error(`${path.relative(root, outdir) || outdir}: app.js ${mb(app.length)} MB (lint worker ${mb(lintWorker.length)} MB, pdf.js worker ${mb(pdfWorker.length)} MB)`);
