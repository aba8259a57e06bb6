#!/usr/bin/env node
/**
 * `npm run bench`: every speed target of the project measured on this machine, side by side,
 * and printed as one table (figure, format, measured, target, met/missed). Nothing here asserts:
 * a missed target is a figure to read, with its profile (bench/profile.mjs) in bench/RESULTS.md.
 *
 *   node bench/run.mjs [--quick] [--root /tmp/reportlint-bench/run] [--json file] [--only a,b]
 *
 * Parts (each a script of its own, run one after another in child processes):
 *   startup   bench/startup.mjs: `check` of one text report and the language server's
 *             `initialize` against bare `node -e 0` (target ≤ 4 ×)
 *   fixcheck  bench/fixcheck.mjs: extra lints per report for quick fixes (0 unasked, ≤ 1 asked)
 *   formats   bench/audit.mjs floor, pipeline, audit1, audit2 for text, HTML, DOCX and PDF:
 *             lint ÷ extraction library (PDF, DOCX ≤ 1.2 ×; HTML ≤ 2 × rehype-parse), text
 *             reports/s on one core (≥ 500), audit with 2 workers ÷ 1 (≥ 1.7 ×)
 *   rss       bench/audit.mjs audit2 on 10,000 text reports: peak RSS against the 1,000 of
 *             `formats` (flat: within 15 %)
 *   cache     bench/audit.mjs cache on 10,000 text reports: the cached re-run (< 10 s)
 * `--quick` uses smaller sets (a look in a few minutes, not a record).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const argv = process.argv.slice(2);
const flag = (k) => argv.includes(k);
const value = (k, d) => (argv.includes(k) ? argv[argv.indexOf(k) + 1] : d);
const quick = flag('--quick');
const root = path.resolve(value('--root', '/tmp/reportlint-bench/run'));
const only = value('--only', 'startup,fixcheck,formats,rss,cache').split(',');
const sizes = quick ? { n: 200, docx: 60, pdf: 30, big: 2000 } : { n: 1000, docx: 300, pdf: 150, big: 10000 };
if (root.startsWith(REPO + path.sep)) throw new Error('--root must be outside the repository');
if (!existsSync(path.join(REPO, 'dist/src/engine/lint.js'))) throw new Error('dist/ is missing: run `npx tsc -p tsconfig.build.json` first');
mkdirSync(root, { recursive: true });

const log = (s) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
function part(name, script, args) {
  const json = path.join(root, `${name}.json`);
  log(`${name}: node bench/${script} ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [path.join(HERE, script), ...args, '--json', json], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    log(`${name}: failed (exit ${r.status}); its figures are missing from the table`);
    return null;
  }
  return JSON.parse(readFileSync(json, 'utf8'));
}

const got = {};
if (only.includes('startup')) got.startup = part('startup', 'startup.mjs', quick ? ['--runs', '7'] : []);
if (only.includes('fixcheck')) got.fixcheck = part('fixcheck', 'fixcheck.mjs', []);
if (only.includes('formats'))
  got.formats = part('formats', 'audit.mjs', ['--formats', 'text,html,docx,pdf', '--n', String(sizes.n), '--n-docx', String(sizes.docx), '--n-pdf', String(sizes.pdf), '--phases', 'floor,pipeline,audit1,audit2', '--repeat', '2', '--root', path.join(root, 'formats')]);
if (only.includes('rss')) got.rss = part('rss', 'audit.mjs', ['--formats', 'text', '--n', String(sizes.big), '--phases', 'audit2', '--root', path.join(root, 'big')]);
if (only.includes('cache')) got.cache = part('cache', 'audit.mjs', ['--formats', 'text', '--n', String(sizes.big), '--cache-n', String(sizes.big), '--phases', 'cache', '--root', path.join(root, 'big')]);

// ───────────────────────────── the table ─────────────────────────────
const rows = [];
const add = (figure, format, measured, target, met) => rows.push({ figure, format, measured, target, met: met === null ? '–' : met ? 'met' : 'missed' });
const f = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d));

for (const s of got.startup ?? []) add(`start-up: ${s.name}`, '–', `${f(s.medianMs, 0)} ms = ${f(s.ratio, 2)} × node -e 0`, s.target ? `≤ ${s.target} ×` : '(reference)', s.target ? s.met : null);
if (got.fixcheck) {
  const { off, on } = got.fixcheck;
  add('fix check, fixes not asked: extra lints per report', 'text/md/html', `max ${off.maxExtraLints}`, '0', off.maxExtraLints === 0);
  add('fix check, fixes asked: extra lints per report', 'text/md/html', `max ${on.maxExtraLints}, mean ${f(on.meanExtraLints, 2)}`, '≤ 1', on.maxExtraLints <= 1);
}
const TARGET = { pdf: 1.2, docx: 1.2, html: 2 };
for (const [format, r] of Object.entries(got.formats?.formats ?? {})) {
  const per = (x) => (x ? x.ms / x.n : null);
  const rate = r.pipeline ? r.pipeline.n / (r.pipeline.ms / 1000) : null;
  if (format === 'text') add('lint, one core: reports per second', format, f(rate), '≥ 500', rate !== null && rate >= 500);
  else {
    const ratio = r.floor && r.pipeline ? per(r.pipeline) / per(r.floor) : null;
    add(`lint ÷ ${{ html: 'rehype-parse', docx: 'mammoth', pdf: 'pdf.js' }[format]} (time per report)`, format, `${f(ratio, 2)} × (${f(per(r.pipeline), 1)} ms ÷ ${f(per(r.floor), 1)} ms)`, `≤ ${TARGET[format]} ×`, ratio !== null && ratio <= TARGET[format]);
  }
  if (r.audit1 && r.audit2) {
    const s = r.audit1.wallMs / r.audit2.wallMs;
    add('audit: 2 workers ÷ 1 worker (speed)', format, `${f(s, 2)} × (${f(r.audit1.n / (r.audit1.wallMs / 1000))} → ${f(r.audit2.n / (r.audit2.wallMs / 1000))} /s)`, '≥ 1.7 ×', s >= 1.7);
  }
}
const small = got.formats?.formats?.text?.audit2;
const big = got.rss?.formats?.text?.audit2;
if (small && big) {
  const grow = big.maxRssKB / small.maxRssKB;
  add(`audit peak RSS, ${big.n} ÷ ${small.n} reports (2 workers)`, 'text', `${f(grow, 2)} × (${f(small.maxRssKB / 1024, 0)} → ${f(big.maxRssKB / 1024, 0)} MB)`, '≤ 1.15 × (flat)', grow <= 1.15);
}
if (got.cache?.cache) {
  const c = got.cache.cache;
  const med = c.medianWarmMs ?? c.warm.map((w) => w.wallMs).sort((a, b) => a - b)[Math.floor(c.warm.length / 2)];
  add(`cached re-run of ${c.n} unchanged reports`, 'text', `${f(med / 1000, 2)} s (cold ${f(c.cold.wallMs / 1000, 1)} s)`, '< 10 s', med < 10000);
}

const header = ['figure', 'format', 'measured', 'target', 'met?'];
const cells = [header, ...rows.map((r) => [r.figure, r.format, r.measured, r.target, r.met])];
const widths = header.map((_, i) => Math.max(...cells.map((c) => String(c[i]).length)));
const line = (c) => `| ${c.map((x, i) => String(x).padEnd(widths[i])).join(' | ')} |`;
const m = got.formats?.machine ?? { nproc: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version };
const out = [
  `${m.nproc} × ${m.cpu}, Node ${m.node}${m.commit ? `, commit ${m.commit}` : ''}${quick ? ' (--quick sets)' : ''}; load at start ${os.loadavg()[0].toFixed(2)}`,
  '',
  line(header),
  `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
  ...cells.slice(1).map(line),
  '',
  `${rows.filter((r) => r.met === 'met').length} met, ${rows.filter((r) => r.met === 'missed').length} missed`,
];
process.stdout.write(out.join('\n') + '\n');
const jsonFile = value('--json', path.join(root, 'bench.json'));
writeFileSync(jsonFile, JSON.stringify({ machine: m, quick, rows, parts: got }, null, 2) + '\n');
log(`figures as JSON: ${jsonFile}`);
