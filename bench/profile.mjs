#!/usr/bin/env node
/**
 * Where the time of one loop goes: runs bench/audit.mjs's floor or pipeline loop over the
 * reports bench/audit.mjs generated, under `node --cpu-prof`, and summarises the .cpuprofile:
 * self time by package / source file, the top functions by self time, and the time spent with
 * some stage on the stack (inclusive).
 *
 *   node bench/profile.mjs --format pdf [--kind pipeline|floor] [--limit 200] [--top 25]
 *                          [--root /tmp/reportlint-bench] [--profile file.cpuprofile]
 *
 * `--profile` summarises an existing .cpuprofile instead of running anything.
 * The reports must exist: run `node bench/audit.mjs --formats <f> --n <k> --phases floor` first
 * (or any full run). Sampled figures: a 1 ms sampling interval, so small entries are rough.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');

const a = { kind: 'pipeline', limit: 200, top: 25, root: '/tmp/reportlint-bench' };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const k = argv[i];
  const v = () => argv[++i];
  if (k === '--format') a.format = v();
  else if (k === '--kind') a.kind = v();
  else if (k === '--limit') a.limit = Number(v());
  else if (k === '--top') a.top = Number(v());
  else if (k === '--root') a.root = path.resolve(v());
  else if (k === '--profile') a.profile = path.resolve(v());
  else throw new Error(`unknown argument ${k}`);
}

let file = a.profile;
if (!file) {
  if (!a.format) throw new Error('--format text|html|docx|pdf is required');
  const dir = path.join(a.root, 'prof');
  mkdirSync(dir, { recursive: true });
  const name = `${a.kind}-${a.format}-${Date.now()}.cpuprofile`;
  const r = spawnSync(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', name, path.join(HERE, 'audit.mjs'), '--child', a.kind, '--format', a.format, '--dir', path.join(a.root, a.format), '--limit', String(a.limit)],
    { encoding: 'utf8', cwd: REPO },
  );
  if (r.status !== 0) throw new Error(`profiled run failed:\n${r.stderr}`);
  const res = JSON.parse(r.stdout.trim().split('\n').at(-1));
  process.stdout.write(`${a.kind} ${a.format}: ${res.n} reports in ${(res.ms / 1000).toFixed(2)} s under the profiler (${(res.ms / res.n).toFixed(1)} ms each)\n`);
  file = path.join(dir, name);
}

const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** where a function is: a package's file, or a file of ours (dist/…) */
function where(cf) {
  const u = (cf.url ?? '').replace(/^file:\/\//, '');
  const nm = /\/node_modules\/(.*)$/.exec(u);
  if (nm) return nm[1];
  const d = /\/dist\/(.*)$/.exec(u);
  if (d) return d[1];
  return u || group(cf);
}

/** package or source file a frame belongs to */
function group(cf) {
  const u = cf.url ?? '';
  if (!u) return cf.functionName.startsWith('(') ? cf.functionName : '(native)';
  if (u.startsWith('node:')) return 'node internals';
  const nm = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u);
  if (nm) return nm[1];
  const d = /\/dist\/((?:src|rules)\/.*)\.js$/.exec(u);
  if (d) return d[1];
  if (u.includes('/bench/')) return 'bench';
  return u.replace(/^file:\/\//, '');
}

// stages: a sample counts for a stage when one of its frames is the stage's
const stages = [
  ['pdf.js (pdfjs-dist)', (cf) => /\/pdfjs-dist\//.test(cf.url)],
  ['mammoth (and its XML/zip deps)', (cf) => /\/node_modules\/(mammoth|jszip|@xmldom|xmlbuilder|lop|underscore|bluebird|dingbat-to-unicode|base64-js|pako)\//.test(cf.url)],
  ['rehype-parse / parse5', (cf) => /\/node_modules\/(parse5|hast-util-from-parse5|rehype-parse|hastscript|property-information|vfile-location|entities)\//.test(cf.url)],
  ['opencc-js', (cf) => /\/opencc-js\//.test(cf.url)],
  // synchronous stages only: an async function's frames leave the stack at its first await
  ['htmlToMdast (rehype-parse + hast → mdast)', (cf) => cf.functionName === 'htmlToMdast'],
  ['textToMdast', (cf) => cf.functionName === 'textToMdast'],
  ['src/extract/pdf, ours (lines, tables, layout)', (cf) => /\/dist\/src\/extract\/pdf\/(?!load\.js)/.test(cf.url)],
  ['docx: readPackage (unzip)', (cf) => cf.functionName === 'readPackage'],
  ['docx: numbering labels', (cf) => cf.functionName === 'writeNumberingLabels' || cf.functionName === 'readNumbering'],
  ['docx: zipSync (repack)', (cf) => cf.functionName === 'zipSync'],
  ['docx: buildLocator', (cf) => cf.functionName === 'buildLocator'],
  ['normalizeTree', (cf) => cf.functionName === 'normalizeTree'],
  ['buildModel', (cf) => cf.functionName === 'buildModel'],
  ['rules (dist/rules)', (cf) => /\/dist\/rules\//.test(cf.url)],
  ['buildView', (cf) => cf.functionName === 'buildView'],
  ['findDirectives / decodeText', (cf) => (cf.functionName === 'findDirectives' || cf.functionName === 'decodeText') && /dist\/src/.test(cf.url)],
  ['(garbage collector)', (cf) => cf.functionName === '(garbage collector)'],
];
const mask = new Map();
const maskOf = (id) => {
  if (mask.has(id)) return mask.get(id);
  const n = byId.get(id);
  const p = parent.has(id) ? maskOf(parent.get(id)) : 0n;
  let m = p;
  stages.forEach(([, test], i) => {
    if (test(n.callFrame)) m |= 1n << BigInt(i);
  });
  mask.set(id, m);
  return m;
};
// walk parents iteratively first so the recursion above stays shallow
const order = [];
const stack = [prof.nodes[0].id];
while (stack.length) {
  const id = stack.pop();
  order.push(id);
  for (const c of byId.get(id).children ?? []) stack.push(c);
}
for (const id of order) maskOf(id);

// the nearest function of our own (dist/src, dist/rules) on each node's stack: whom to blame
// for time spent in a library or in Node (a stat() called by the config lookup, say)
const own = new Map();
for (const id of order) {
  const n = byId.get(id);
  const cf = n.callFrame;
  own.set(id, /\/dist\/(src|rules)\//.test(cf.url) ? `${cf.functionName || '(anonymous)'}  (${where(cf)}:${cf.lineNumber + 1})` : parent.has(id) ? own.get(parent.get(id)) : null);
}
const byOwn = new Map();

const self = new Map();
const incl = new Array(stages.length).fill(0);
let total = 0;
let idle = 0;
prof.samples.forEach((id, i) => {
  const dt = (prof.timeDeltas[i] ?? 0) / 1000;
  const n = byId.get(id);
  if (n.callFrame.functionName === '(idle)') {
    idle += dt;
    return;
  }
  total += dt;
  const cf = n.callFrame;
  const key = `${cf.functionName || '(anonymous)'}\t${group(cf)}\t${where(cf)}:${cf.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + dt);
  const o = own.get(id) ?? '(no own function on the stack: module loading, pdf.js worker side, idle callbacks…)';
  byOwn.set(o, (byOwn.get(o) ?? 0) + dt);
  const m = mask.get(id);
  stages.forEach((_, k) => {
    if (m & (1n << BigInt(k))) incl[k] += dt;
  });
});

const pct = (x) => `${((100 * x) / total).toFixed(1)}%`;
const out = [];
out.push(`profile ${file}`);
out.push(`busy ${(total / 1000).toFixed(2)} s sampled (idle ${(idle / 1000).toFixed(2)} s left out)\n`);
out.push('self time by package / file:');
const groups = new Map();
for (const [k, t] of self) {
  const g = k.split('\t')[1];
  groups.set(g, (groups.get(g) ?? 0) + t);
}
for (const [g, t] of [...groups].sort((x, y) => y[1] - x[1]).slice(0, a.top)) out.push(`  ${pct(t).padStart(6)}  ${(t / 1000).toFixed(2).padStart(7)} s  ${g}`);
out.push('\ntop functions by self time:');
for (const [k, t] of [...self].sort((x, y) => y[1] - x[1]).slice(0, a.top)) {
  const [fn, , at] = k.split('\t');
  out.push(`  ${pct(t).padStart(6)}  ${(t / 1000).toFixed(2).padStart(7)} s  ${fn}  (${at})`);
}
out.push('\ntime by the nearest function of ours on the stack (self time of everything it calls outside dist/):');
for (const [k, t] of [...byOwn].sort((x, y) => y[1] - x[1]).slice(0, a.top)) out.push(`  ${pct(t).padStart(6)}  ${(t / 1000).toFixed(2).padStart(7)} s  ${k}`);
out.push('\ntime with the stage on the stack (inclusive; stages overlap):');
stages.forEach(([label], k) => out.push(`  ${pct(incl[k]).padStart(6)}  ${(incl[k] / 1000).toFixed(2).padStart(7)} s  ${label}`));
const text = out.join('\n') + '\n';
process.stdout.write(text);
writeFileSync(file.replace(/\.cpuprofile$/, '.summary.txt'), text);
