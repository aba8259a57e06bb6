#!/usr/bin/env node
/**
 * What proving quick fixes costs: every editable fixture (text, Markdown, HTML) linted with
 * fixes off (what `check` with stylish output and `audit` do) and on (JSON, SARIF, the language
 * server), with a plugin rule that finds nothing and counts the lints it runs in. Prints the
 * extra lints per report (target: 0 without fixes, at most 1 with) and the time both ways.
 *
 *   node bench/fixcheck.mjs [--json file]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { lintBytes } = await import(path.join(REPO, 'dist/src/engine/lint.js'));
const { defineRule } = await import(path.join(REPO, 'dist/src/engine/rule.js'));
const argv = process.argv.slice(2);
const jsonFile = argv.includes('--json') ? argv[argv.indexOf('--json') + 1] : null;

const files = ['fixtures/2021', 'fixtures/seeds', 'fixtures/html', 'fixtures/markdown', 'fixtures/realworld']
  .flatMap((d) => {
    try {
      return readdirSync(path.join(REPO, d), { recursive: true }).map((f) => path.join(d, String(f)));
    } catch {
      return [];
    }
  })
  .filter((f) => /\.(txt|html?|md)$/.test(f))
  .sort();

let lints = 0;
const counter = defineRule({ id: 'bench/count', type: 'problem', kind: 'defect', severity: 'info', templates: ['2019', '2021'], description: { zh: '计数', en: 'count' }, messages: {} }, () => {
  lints++;
});
const run = async (fixes) => {
  const extra = [];
  let ms = 0;
  let offered = 0;
  for (const f of files) {
    const bytes = readFileSync(path.join(REPO, f));
    lints = 0;
    const t0 = performance.now();
    const r = await lintBytes(bytes, { filePath: f, plugins: [counter], fixes });
    ms += performance.now() - t0;
    extra.push(lints - 1);
    offered += r.messages.filter((m) => m.fix).length;
  }
  return { reports: files.length, maxExtraLints: Math.max(...extra), meanExtraLints: extra.reduce((a, b) => a + b, 0) / extra.length, reportsWithProof: extra.filter((x) => x > 0).length, fixesOffered: offered, ms };
};
await run(false); // warm-up: module loading and the first JIT tiers
const off = await run(false);
const on = await run(true);
const out = { off, on, timeRatio: on.ms / off.ms };
process.stdout.write(
  [
    `fix check over ${files.length} editable fixtures (text, Markdown, HTML)`,
    `  fixes not asked: extra lints per report max ${off.maxExtraLints} (target 0), ${off.ms.toFixed(0)} ms`,
    `  fixes asked:     extra lints per report max ${on.maxExtraLints}, mean ${on.meanExtraLints.toFixed(2)} (target ≤ 1); ${on.reportsWithProof} reports proved ${on.fixesOffered} fixes; ${on.ms.toFixed(0)} ms (${out.timeRatio.toFixed(2)} × without)`,
    '',
  ].join('\n'),
);
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(out, null, 2) + '\n');
