#!/usr/bin/env node
/**
 * Bundles the CLI (dist/src/cli/index.js, from tsc) into dist/bundle/cli/ for bin/reportlint.js.
 * Why: started from the hundreds of small ESM files of unified/remark/micromark and the rest, Node
 * spends most of a short `reportlint check` resolving and loading modules; one file loads in a
 * fraction of that (issue #15). What is loaded only on demand stays so: esbuild's code splitting
 * turns each dynamic import (the DOCX, PDF, HTML and Markdown readers, the xlsx writer, audit,
 * the language server) into a chunk of its own, loaded when it is asked for.
 *
 * Left outside the bundle, resolved from node_modules at run time as before:
 * - pdfjs-dist: already one large file; its worker thread imports
 *   `pdfjs-dist/legacy/build/pdf.worker.mjs` by specifier and its cmaps/standard_fonts are read by
 *   path (src/node/pdf-threads.ts, src/extract/pdf/load.ts), so the package must stay whole;
 * - piscina: starts its threads from its own worker.js, found next to its own files;
 * - mammoth, exceljs: large CommonJS trees loaded only for a DOCX or a workbook, not worth the risk;
 * - ajv and iconv-lite, which a plain ES import would load at every start though few runs use
 *   them: the bundle's code gets a stand-in (LAZY below) that requires the package on first use.
 *
 * The output folder is as deep under the package as dist/src/cli/ is, because the code finds the
 * package (package.json's version, the rule docs) at `../../../` from its own file; the audit
 * worker is an entry of its own beside the chunks, where `new URL('./audit-worker.js', …)` looks.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist/bundle/cli');
rmSync(outdir, { recursive: true, force: true }); // no chunk of an earlier build is left to be loaded

/**
 * Stand-ins for packages most runs never use, so their code is not loaded at start-up: the real
 * package is required (from node_modules, by the banner's `require`) the first time it is used.
 * Each covers exactly what src/ uses of it.
 */
const LAZY = {
  // only for a config that sets rule options: src/engine/config.ts makes its Ajv on the first
  ajv: "export function Ajv(options) { return new (require('ajv').Ajv)(options); }",
  // only for a text file that is not UTF-8 (src/extract/detect.ts: encodingExists, decode)
  'iconv-lite': "export default new Proxy({}, { get: (_, key) => require('iconv-lite')[key] });",
};
const lazy = {
  name: 'lazy',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LAZY).join('|')})$`);
    // the stand-in's own require is of the real package, left external
    b.onResolve({ filter }, (args) => (args.namespace === 'lazy' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({ contents: LAZY[args.path], loader: 'js', resolveDir: root }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: { index: 'dist/src/cli/index.js', 'audit-worker': 'dist/src/cli/audit-worker.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['pdfjs-dist', 'piscina', 'mammoth', 'exceljs'],
  alias: {
    // the full build carries both directions' dictionaries (1.2 MB); normalize only converts
    // traditional -> simplified, which the t2cn build has whole, with the same API
    'opencc-js': 'opencc-js/t2cn',
  },
  // CommonJS packages in the bundle (commander, ajv, yaml, iconv-lite, vscode-languageserver…)
  // require Node's built-ins; an ES module has no `require` of its own
  banner: { js: "import { createRequire as __reportlintRequire } from 'node:module'; const require = __reportlintRequire(import.meta.url);" },
  plugins: [lazy],
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
