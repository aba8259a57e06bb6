#!/usr/bin/env node
/**
 * Start-up of the CLI and of the language server against bare `node -e 0`, measured side by side
 * in one run: the cases are interleaved (one of each per round, in a rotating order), so a busy
 * moment of the machine falls on all of them alike, and the median of each is compared with the
 * median of `node -e 0`. Target (issue #15): at most 4x.
 *
 *   node bench/startup.mjs [--runs 15] [--json out.json] [--bin path/to/reportlint.js …]
 *                          [--file fixtures/2021/….txt]
 *
 * --bin may be given more than once (say, a snapshot of an older commit and this one): each
 * build's cases are timed in the same rounds, named with the build's path.
 *
 * The LSP case is the time from spawning `reportlint lsp --stdio` to its answer to `initialize`.
 * Prints a table to stdout; with --json also writes [{name, medianMs, ratio, target, met}]
 * (ratio and target are relative to `node -e 0`; its own row has ratio 1 and no target).
 * Measures and prints only: nothing here fails on a slow machine.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const a = { runs: 15, bins: [], file: path.join(REPO, 'fixtures/2021/break-review-litigation-totals.txt') };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const k = argv[i];
  const v = () => argv[++i];
  if (k === '--runs') a.runs = Number(v());
  else if (k === '--json') a.json = path.resolve(v());
  else if (k === '--bin') a.bins.push(path.resolve(v()));
  else if (k === '--file') a.file = path.resolve(v());
  else throw new Error(`unknown argument ${k}`);
}
if (a.bins.length === 0) a.bins.push(path.join(REPO, 'bin', 'reportlint.js'));
const TARGET = 4;
const node = process.execPath;

/** ms from spawn to the child's exit; stdout is read (and dropped) as a terminal reader would */
function timeExit(args) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(node, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stdout.resume();
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      // check exits 1 when the report has errors; 2 means it did not run
      if (code !== 0 && code !== 1) reject(new Error(`${args.join(' ')} exited ${code}:\n${err}`));
      else resolve(ms);
    });
  });
}

/** ms from spawning the server to the response to `initialize` (then the server is killed) */
function timeInitialize(bin) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(node, [bin, 'lsp', '--stdio'], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    let out = '';
    let err = '';
    let ms;
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      if (ms === undefined && /"id"\s*:\s*1\b/.test(out) && /"capabilities"/.test(out)) {
        ms = Number(process.hrtime.bigint() - t0) / 1e6;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', () => (ms === undefined ? reject(new Error(`no initialize response:\n${out}\n${err}`)) : resolve(ms)));
  });
}

const rel = path.relative(REPO, a.file);
const shown = (bin) => (bin.startsWith(REPO + path.sep) ? path.relative(REPO, bin) : bin);
const cases = [{ name: 'node -e 0', run: () => timeExit(['-e', '0']) }];
for (const bin of a.bins) {
  const tag = a.bins.length > 1 ? ` [${shown(bin)}]` : '';
  cases.push(
    { name: `check ${rel}${tag}`, run: () => timeExit([bin, 'check', a.file]) },
    { name: `check --format json ${rel}${tag}`, run: () => timeExit([bin, 'check', '--format', 'json', a.file]) },
    { name: `--version${tag}`, run: () => timeExit([bin, '--version']) },
    { name: `lsp: spawn -> initialize response${tag}`, run: () => timeInitialize(bin) },
  );
}

for (const c of cases) await c.run(); // warm-up: the file system cache, not counted
const times = cases.map(() => []);
for (let r = 0; r < a.runs; r++) {
  for (let j = 0; j < cases.length; j++) {
    const i = (j + r) % cases.length; // rotate, so no case always follows the same one
    times[i].push(await cases[i].run());
  }
  process.stderr.write(`\rround ${r + 1}/${a.runs}`);
}
process.stderr.write('\n');

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const base = median(times[0]);
const rows = cases.map((c, i) => {
  const m = median(times[i]);
  return i === 0 ? { name: c.name, medianMs: +m.toFixed(1), ratio: 1, target: null, met: null } : { name: c.name, medianMs: +m.toFixed(1), ratio: +(m / base).toFixed(2), target: TARGET, met: m / base <= TARGET };
});

const w = Math.max(...rows.map((r) => r.name.length));
const lines = [`${'case'.padEnd(w)}  median ms  x node -e 0  target  `, `${'-'.repeat(w)}  ---------  -----------  ------  ------`];
for (const r of rows) lines.push(`${r.name.padEnd(w)}  ${r.medianMs.toFixed(1).padStart(9)}  ${r.ratio.toFixed(2).padStart(11)}  ${(r.target ? `${r.target}x` : '').padStart(6)}  ${r.met === null ? '' : r.met ? 'met' : 'missed'}`);
process.stdout.write(`${lines.join('\n')}\n(${a.runs} runs each, interleaved; node ${process.version}, ${a.bins.map(shown).join(', ')})\n`);
if (a.json) writeFileSync(a.json, JSON.stringify(rows, null, 2) + '\n');
