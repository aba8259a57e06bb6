#!/usr/bin/env node
/**
 * Benchmark of `reportlint audit` (not a test: nothing here asserts a time).
 *
 *   node bench/audit.mjs [--n 1000] [--big] [--formats text,html,docx,pdf]
 *                        [--n-pdf 300] [--n-docx 500] [--phases floor,pipeline,audit1,audit2,cache]
 *                        [--root /tmp/reportlint-bench] [--json results.json]
 *
 * For each format it generates N reports from the fixtures (each file's bytes unique), then
 *   floor     the extraction library alone on those files, one process, one after another
 *             (text: read + TextDecoder + split lines; HTML: read + decode + rehype-parse;
 *              DOCX: read + mammoth.convertToHtml; PDF: read + pdf.js getDocument and, per page,
 *              getTextContent + getOperatorList, with the options src/extract/pdf/load.ts uses)
 *   pipeline  lintBytes() from dist/ on the same files, one process, one after another
 *   audit1/2  `reportlint audit <folder> --out <tmp> --concurrency 1`, then `--concurrency 2`:
 *             wall time, reports/s, peak RSS of the process (worker threads live inside it)
 *   cache     N reports of mixed formats: `audit --cache` once (cold), then three re-runs into
 *             fresh out folders with the same cache folder
 * and prints a table. Scratch data lives under --root (default /tmp/reportlint-bench), never in
 * the repository. Build first: `npx tsc -p tsconfig.build.json`.
 *
 * Internally the floor and pipeline loops run in a child process of this script
 * (`--child floor|pipeline --format f --dir d`) so that each starts cold and has its own peak RSS;
 * bench/profile.mjs runs the same child under `node --cpu-prof`.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const BIN = path.join(REPO, 'bin', 'reportlint.js');
const FORMATS = ['text', 'html', 'docx', 'pdf'];
const EXT = { text: '.txt', html: '.html', docx: '.docx', pdf: '.pdf' };

// ───────────────────────────── arguments ─────────────────────────────

function parseArgs(argv) {
  const a = { n: 1000, formats: FORMATS, phases: ['floor', 'pipeline', 'audit1', 'audit2', 'cache'], root: '/tmp/reportlint-bench', nFor: {}, warmup: 3, reruns: 3, repeat: 1 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${k} needs a value`);
      return x;
    };
    if (k === '--n') a.n = Number(v());
    else if (k === '--big') a.big = true;
    else if (k === '--formats') a.formats = v().split(',').map((s) => s.trim()).filter(Boolean);
    else if (k === '--phases') a.phases = v().split(',').map((s) => s.trim()).filter(Boolean);
    else if (k === '--root') a.root = path.resolve(v());
    else if (k === '--json') a.json = path.resolve(v());
    else if (k === '--warmup') a.warmup = Number(v());
    else if (k === '--reruns') a.reruns = Number(v());
    else if (k === '--repeat') a.repeat = Number(v());
    else if (k === '--cache-n') a.cacheN = Number(v());
    else if (/^--n-(text|html|docx|pdf)$/.test(k)) a.nFor[k.slice(4)] = Number(v());
    // child mode (one loop in its own process)
    else if (k === '--child') a.child = v();
    else if (k === '--format') a.format = v();
    else if (k === '--dir') a.dir = path.resolve(v());
    else if (k === '--limit') a.limit = Number(v());
    else if (k === '-h' || k === '--help') a.help = true;
    else throw new Error(`unknown argument ${k}`);
  }
  if (a.big) a.n = 10000;
  for (const f of a.formats) if (!FORMATS.includes(f)) throw new Error(`unknown format ${f} (one of ${FORMATS.join(', ')})`);
  if (!(a.n > 0)) throw new Error('--n must be positive');
  return a;
}

// ───────────────────────────── generation ─────────────────────────────

function fixtures(format) {
  const pick = (dir, re) =>
    readdirSync(path.join(REPO, dir))
      .filter((f) => re.test(f))
      .sort()
      .map((f) => path.join(REPO, dir, f));
  if (format === 'text') return pick('fixtures/2021', /\.txt$/);
  if (format === 'html') return pick('fixtures/2021', /\.html$/);
  if (format === 'docx') return pick('fixtures/docx', /\.docx$/);
  return pick('fixtures/pdf', /\.pdf$/);
}

let fflate;
async function uniqueCopy(format, bytes, tag, zipCache, src) {
  // text, HTML: a comment line at the end (the text reader skips whole-line comments, HTML drops comments)
  if (format === 'text' || format === 'html') return Buffer.concat([bytes, Buffer.from(`\n<!-- bench ${tag} -->\n`)]);
  // PDF: a comment line after %%EOF, which pdf.js tolerates
  if (format === 'pdf') return Buffer.concat([bytes, Buffer.from(`%bench-${tag}\n`)]);
  // DOCX: the same package plus one small entry of its own, zipped again
  fflate ??= await import('fflate');
  let entries = zipCache.get(src);
  if (!entries) zipCache.set(src, (entries = fflate.unzipSync(new Uint8Array(bytes))));
  return Buffer.from(fflate.zipSync({ ...entries, [`bench/${tag}.txt`]: new TextEncoder().encode(`bench ${tag}\n`) }, { level: 6 }));
}

/** N unique reports of one format in <dir>, regenerated only when the set asked for changes. */
async function generate(format, n, dir, prefix = '') {
  const srcs = fixtures(format);
  const stamp = JSON.stringify({ format, n, prefix, srcs: srcs.map((s) => [path.basename(s), statSync(s).size]) });
  const marker = path.join(dir, '.bench-set.json');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === stamp) return { dir, n, reused: true, fixtures: srcs.length };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const raw = srcs.map((s) => readFileSync(s));
  const zipCache = new Map();
  for (let i = 0; i < n; i++) {
    const j = i % srcs.length;
    const tag = `${prefix}${String(i).padStart(5, '0')}`;
    const name = `${tag}-${path.basename(srcs[j], EXT[format])}${EXT[format]}`;
    writeFileSync(path.join(dir, name), await uniqueCopy(format, raw[j], tag, zipCache, srcs[j]));
  }
  writeFileSync(marker, stamp);
  return { dir, n, reused: false, fixtures: srcs.length };
}

/** N reports of mixed formats (round robin), each unique, for the cache test. */
async function generateMixed(n, formats, dir) {
  const srcs = Object.fromEntries(formats.map((f) => [f, fixtures(f)]));
  const stamp = JSON.stringify({ mixed: true, n, formats });
  const marker = path.join(dir, '.bench-set.json');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === stamp) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const zipCache = new Map();
  for (let i = 0; i < n; i++) {
    const f = formats[i % formats.length];
    const k = Math.floor(i / formats.length);
    const src = srcs[f][k % srcs[f].length];
    const tag = `m${String(i).padStart(5, '0')}`;
    writeFileSync(path.join(dir, `${tag}-${path.basename(src, EXT[f])}${EXT[f]}`), await uniqueCopy(f, readFileSync(src), tag, zipCache, src));
  }
  writeFileSync(marker, stamp);
}

const listReports = (dir) =>
  readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort()
    .map((f) => path.join(dir, f));

// ───────────────────────────── child: one loop ─────────────────────────────

async function floorFn(format) {
  if (format === 'text') {
    const dec = new TextDecoder('utf-8');
    return async (bytes) => dec.decode(bytes).split(/\r?\n/).length;
  }
  if (format === 'html') {
    const { unified } = await import('unified');
    const { default: rehypeParse } = await import('rehype-parse');
    const dec = new TextDecoder('utf-8');
    return async (bytes) => unified().use(rehypeParse).parse(dec.decode(bytes)).children.length;
  }
  if (format === 'docx') {
    const { default: mammoth } = await import('mammoth');
    return async (bytes) => (await mammoth.convertToHtml({ buffer: bytes })).value.length;
  }
  // the options of src/extract/pdf/load.ts
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = decodeURIComponent(new URL('./', import.meta.resolve('pdfjs-dist/package.json')).pathname);
  const assets = { cMapUrl: `${root}cmaps/`, standardFontDataUrl: `${root}standard_fonts/` };
  return async (bytes) => {
    const doc = await getDocument({ data: new Uint8Array(bytes), cMapPacked: true, verbosity: 0, isEvalSupported: false, ...assets }).promise;
    let items = 0;
    try {
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const text = await page.getTextContent();
        const ops = await page.getOperatorList();
        items += text.items.length + ops.fnArray.length;
        page.cleanup();
      }
    } finally {
      await doc.destroy();
    }
    return items;
  };
}

async function pipelineFn() {
  const { lintBytes } = await import(path.join(REPO, 'dist/src/engine/lint.js'));
  return async (bytes, file) => {
    // as `check` with stylish output and `audit` lint: no quick fixes asked (bench/fixcheck.mjs measures them)
    const r = await lintBytes(bytes, { filePath: file, fixes: false });
    return r;
  };
}

async function child(a) {
  const files = listReports(a.dir).slice(0, a.limit ?? Infinity);
  const fn = a.child === 'floor' ? await floorFn(a.format) : await pipelineFn();
  // a few reports first, not counted: module loading and the first JIT tiers are not throughput
  for (const f of files.slice(0, a.warmup)) await fn(readFileSync(f), f);
  const cpu0 = process.cpuUsage();
  const main0 = threadTicks(process.pid, process.pid);
  const t0 = performance.now();
  let fatal = 0;
  let sink = 0;
  for (const f of files) {
    const r = await fn(readFileSync(f), f);
    if (typeof r === 'object') {
      if (r.fatal) fatal++;
      sink += r.messages.length;
    } else sink += r;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const mainCpuMs = ((threadTicks(process.pid, process.pid) - main0) / HZ) * 1000;
  process.stdout.write(JSON.stringify({ n: files.length, ms, cpuMs: (cpu.user + cpu.system) / 1000, mainCpuMs, maxRssKB: process.resourceUsage().maxRSS, fatal, sink }) + '\n');
}

// ───────────────────────────── measuring a process ─────────────────────────────

function cpuTicks() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + (f[4] ?? 0);
  const total = f.slice(0, 8).reduce((s, x) => s + x, 0);
  return { busy: total - idle, total };
}
const HZ = 100; // USER_HZ on Linux

/** utime + stime of one thread, in ticks (0 when it is gone) */
function threadTicks(pid, tid) {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}

/** the CPU ticks of each thread of a process so far */
function threadsOf(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`).map((tid) => [Number(tid), threadTicks(pid, tid)]);
  } catch {
    return [];
  }
}

const haveTime = existsSync('/usr/bin/time');

/**
 * Run a command; wall time, our CPU time and peak RSS (GNU time's %M when /usr/bin/time exists,
 * else VmHWM of the process polled from /proc until it exits), and the machine's busy CPU over
 * the same interval (to see other load).
 */
function run(cmd, args, { stdoutFile, stderrFile, cwd = REPO } = {}) {
  return new Promise((resolve, reject) => {
    const timeFile = path.join(os.tmpdir(), `reportlint-bench-time-${process.pid}-${Date.now()}.txt`);
    const argv = haveTime ? ['-f', '%M %U %S', '-o', timeFile, cmd, ...args] : args;
    const c0 = cpuTicks();
    const t0 = performance.now();
    const p = spawn(haveTime ? '/usr/bin/time' : cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    let hwm = 0;
    // the node process (under /usr/bin/time it is time's child) and its threads' CPU, polled:
    // the main thread is the one whose id is the process id; worker threads and V8's helper
    // threads (GC, compilers) are all called "node", so they are told apart by their CPU only
    let nodePid = haveTime ? null : p.pid;
    const threadCpu = new Map();
    const rssSeries = [];
    const poll = setInterval(() => {
      try {
        nodePid ??= Number(readFileSync(`/proc/${p.pid}/task/${p.pid}/children`, 'utf8').trim().split(/\s+/)[0]) || null;
      } catch {}
      if (!nodePid) return;
      for (const [tid, t] of threadsOf(nodePid)) threadCpu.set(tid, Math.max(t, threadCpu.get(tid) ?? 0));
      try {
        const status = readFileSync(`/proc/${nodePid}/status`, 'utf8');
        const hw = /VmHWM:\s+(\d+)/.exec(status);
        if (hw) hwm = Math.max(hwm, Number(hw[1]));
        const rss = /VmRSS:\s+(\d+)/.exec(status);
        if (rss) rssSeries.push([Date.now(), Number(rss[1])]);
      } catch {}
    }, haveTime ? 200 : 50);
    p.on('error', reject);
    p.on('close', (code) => {
      const wallMs = performance.now() - t0;
      const c1 = cpuTicks();
      clearInterval(poll);
      const ms = (t) => (t / HZ) * 1000;
      const others = [...threadCpu].filter(([tid]) => tid !== nodePid).map(([, t]) => ms(t)).sort((x, y) => y - x);
      const threads = nodePid && threadCpu.has(nodePid) ? { mainMs: ms(threadCpu.get(nodePid)), othersMs: others } : null;
      if (stdoutFile) writeFileSync(stdoutFile, out);
      if (stderrFile) writeFileSync(stderrFile, err);
      let maxRssKB = hwm;
      let cpuMs = null;
      if (haveTime && existsSync(timeFile)) {
        const line = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1);
        const [m, u, s] = line.split(/\s+/).map(Number);
        maxRssKB = m;
        cpuMs = (u + s) * 1000;
        rmSync(timeFile, { force: true });
      }
      resolve({ code, wallMs, maxRssKB, cpuMs, threads, rssSeries, machineBusyMs: ((c1.busy - c0.busy) / HZ) * 1000, out, err });
    });
  });
}

/**
 * How much faster two CPU-bound processes get through a fixed amount of work than one: 2.0 on two
 * free cores, less when the cores are hyperthreads of one or others' load takes them. The best
 * `c2÷c1` an audit can reach on the machine at that moment, measured beside it.
 */
async function parallelCeiling() {
  const spin = 'let x = 0; for (let i = 0; i < 4e8; i++) x = (x + i * 7) | 0; process.stdout.write(String(x));';
  const once = () => run(process.execPath, ['-e', spin]);
  const t1 = (await once()).wallMs;
  const t0 = performance.now();
  await Promise.all([once(), once()]);
  const t2 = performance.now() - t0;
  return { oneMs: t1, twoMs: t2, ratio: (2 * t1) / t2 };
}

async function loop(kind, format, dir, a) {
  const r = await run(process.execPath, [fileURLToPath(import.meta.url), '--child', kind, '--format', format, '--dir', dir, '--warmup', String(a.warmup)]);
  if (r.code !== 0) throw new Error(`${kind} ${format} failed (${r.code}):\n${r.err}`);
  const res = JSON.parse(r.out.trim().split('\n').at(-1));
  // CPU by others while the loop ran: the machine's busy time minus this whole child's CPU
  return { ...res, maxRssKB: r.maxRssKB || res.maxRssKB, otherCores: r.cpuMs == null ? null : Math.max(0, r.machineBusyMs - r.cpuMs) / r.wallMs };
}

async function auditRun(inputDir, out, extra, a, label, workers = 2) {
  rmSync(out, { recursive: true, force: true });
  // run from the scratch folder, as a user would from theirs (no .reportlintignore of the repository)
  const r = await run(process.execPath, [BIN, 'audit', inputDir, '--out', out, ...extra], { stderrFile: `${out}.stderr.txt`, cwd: a.root });
  // 0: no errors, 1: reports with errors (the fixtures that break a rule); anything else is a
  // failure of the command: recorded with its message, and the figures it did reach are kept
  const failed = r.code !== 0 && r.code !== 1 ? `exit ${r.code}: ${r.err.split('\n').find((l) => /Error|reportlint:/.test(l))?.trim() ?? r.err.trim().split('\n').at(-1)}` : null;
  if (failed) process.stderr.write(`[bench] audit ${label} FAILED (${failed}); stderr in ${out}.stderr.txt\n`);
  const results = path.join(out, 'results.jsonl');
  const lines = existsSync(results) ? readFileSync(results, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  // the pool's part ends with the last line of results.jsonl; after it come the checks across
  // reports, summary.xlsx and index.html
  const lastWrite = existsSync(results) ? statSync(results).mtimeMs : Infinity;
  const index = path.join(out, 'index.html');
  const tailMs = existsSync(index) ? Math.max(0, statSync(index).mtimeMs - lastWrite) : null;
  // RSS sampled while the pool ran and during the end phase (the polled VmRSS: a peak shorter
  // than the polling interval can be missed; the peak column is the exact VmHWM / GNU time figure)
  const peakOf = (xs) => (xs.length ? Math.max(...xs.map(([, kb]) => kb)) : null);
  return {
    n: lines.length,
    ...(failed ? { failed } : {}),
    poolPhaseRssKB: peakOf(r.rssSeries.filter(([t]) => t <= lastWrite)),
    endPhaseRssKB: peakOf(r.rssSeries.filter(([t]) => t > lastWrite)),
    fatal: lines.filter((l) => l.result.fatal).length,
    cached: lines.filter((l) => l.cached).length,
    wallMs: r.wallMs,
    tailMs,
    cpuMs: r.cpuMs,
    maxRssKB: r.maxRssKB,
    otherCores: r.cpuMs == null ? null : Math.max(0, r.machineBusyMs - r.cpuMs) / r.wallMs,
    // CPU by thread (polled every 200 ms, so the last fraction of a second may be missing):
    // the main thread; the `workers` busiest other threads, taken to be the pool's workers; the rest
    ...(r.threads
      ? {
          mainCpuMs: r.threads.mainMs,
          poolCpuMs: r.threads.othersMs.slice(0, workers).reduce((x, y) => x + y, 0),
          restCpuMs: r.threads.othersMs.slice(workers).reduce((x, y) => x + y, 0),
        }
      : {}),
  };
}

// ───────────────────────────── the run ─────────────────────────────

function machine() {
  const sh = (c, args) => {
    try {
      return execFileSync(c, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  const model = (sh('lscpu', []) ?? '').split('\n').find((l) => l.startsWith('Model name'))?.split(':')[1]?.trim() ?? os.cpus()[0]?.model;
  const osName = /PRETTY_NAME="([^"]+)"/.exec(existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '')?.[1] ?? `${os.type()} ${os.release()}`;
  return {
    nproc: Number(sh('nproc', [])) || os.cpus().length,
    cpu: model,
    memGB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    os: `${osName}, kernel ${os.release()}`,
    // a copy made with `git archive` (bench/README.md) names its commit in .bench-commit
    commit: sh('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD']) ?? (existsSync(path.join(REPO, '.bench-commit')) ? readFileSync(path.join(REPO, '.bench-commit'), 'utf8').trim() : null),
    dirty: (sh('git', ['-C', REPO, 'status', '--porcelain', '--', 'src', 'rules']) ?? '') !== '',
    load: os.loadavg().map((x) => +x.toFixed(2)),
  };
}

/** the middle element by a key (the lower middle for an even count) */
const median = (xs, key) => [...xs].sort((x, y) => key(x) - key(y))[Math.floor((xs.length - 1) / 2)];
const fmt = (x, d = 1) => (x == null || Number.isNaN(x) ? '–' : x.toFixed(d));
const mb = (kb) => (kb ? (kb / 1024).toFixed(0) : '–');

function table(rows) {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r, k) => (k === 1 ? w.map((x) => '-'.repeat(x)).join('-|-') + '\n' : '') + r.map((c, i) => String(c).padEnd(w[i])).join(' | ')).join('\n');
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  if (a.help) {
    process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0] + '*/\n');
    return;
  }
  if (a.child) return child(a);
  if (!existsSync(path.join(REPO, 'dist/src/engine/lint.js'))) throw new Error('dist/ is missing: run `npx tsc -p tsconfig.build.json` first');
  if (a.root.startsWith(REPO + path.sep)) throw new Error('--root must be outside the repository');
  mkdirSync(a.root, { recursive: true });

  const m = machine();
  const log = (s) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
  log(`${m.nproc} × ${m.cpu}, ${m.memGB} GB, Node ${m.node}, ${m.os}; commit ${m.commit}${m.dirty ? ' (src/rules modified)' : ''}; load ${m.load.join(' ')}`);
  if (m.load[0] > 0.5) log(`warning: the machine is not idle (load ${m.load[0]}): figures will be slower and noisier`);

  const results = { machine: m, args: { n: a.n, nFor: a.nFor, formats: a.formats, phases: a.phases, repeat: a.repeat }, formats: {}, cache: null, started: new Date().toISOString() };
  const t0 = performance.now();
  if (a.phases.some((p) => p === 'audit1' || p === 'audit2')) {
    results.ceiling = await parallelCeiling();
    log(`two processes vs one on a fixed loop: ${fmt(results.ceiling.ratio, 2)}× (the most c2÷c1 can be now)`);
  }
  for (const format of a.formats) {
    const n = a.nFor[format] ?? a.n;
    const dir = path.join(a.root, format);
    const g = await generate(format, n, dir);
    log(`${format}: ${n} reports from ${g.fixtures} fixtures in ${dir}${g.reused ? ' (already there)' : ''}`);
    const r = (results.formats[format] = { n });
    // floor and pipeline alternate --repeat times (the machine's speed drifts); the median counts
    for (let k = 0; k < a.repeat; k++) {
      for (const kind of ['floor', 'pipeline']) {
        if (!a.phases.includes(kind)) continue;
        const x = await loop(kind, format, dir, a);
        (r[`${kind}Runs`] ??= []).push(x);
        log(`${format}: ${kind === 'floor' ? 'extraction floor' : 'pipeline'} ${fmt(x.ms / 1000)} s (${fmt(x.n / (x.ms / 1000))}/s)${kind === 'pipeline' ? `, ${x.fatal} unreadable` : ''}, others' cores ${fmt(x.otherCores, 2)}`);
      }
    }
    for (const kind of ['floor', 'pipeline']) if (r[`${kind}Runs`]) r[kind] = median(r[`${kind}Runs`], (x) => x.ms);
    if (r.floorRuns && r.pipelineRuns) r.ratios = r.pipelineRuns.map((x, k) => x.ms / r.floorRuns[k].ms);
    for (const c of [1, 2]) {
      if (!a.phases.includes(`audit${c}`)) continue;
      const out = path.join(a.root, `out-${format}-c${c}`);
      r[`audit${c}`] = await auditRun(dir, out, ['--concurrency', String(c)], a, `${format} c${c}`, c);
      const x = r[`audit${c}`];
      log(`${format}: audit --concurrency ${c}: ${fmt(x.wallMs / 1000)} s, ${fmt(x.n / (x.wallMs / 1000))}/s, peak RSS ${mb(x.maxRssKB)} MB, ${x.fatal} unreadable${x.failed ? `; FAILED: ${x.failed}` : ''}`);
    }
  }

  if (a.phases.includes('cache')) {
    const n = a.cacheN ?? Math.min(a.n, 1000);
    const dir = path.join(a.root, 'mixed');
    await generateMixed(n, a.formats, dir);
    const cacheDir = path.join(a.root, 'cache');
    rmSync(cacheDir, { recursive: true, force: true });
    log(`cache: ${n} reports (${a.formats.join(', ')} in turn) in ${dir}`);
    const cold = await auditRun(dir, path.join(a.root, 'out-cache-cold'), ['--cache', cacheDir], a, 'cache cold', os.cpus().length);
    log(`cache: cold run ${fmt(cold.wallMs / 1000)} s (${cold.cached} hits)`);
    const warm = [];
    for (let k = 0; k < a.reruns; k++) {
      warm.push(await auditRun(dir, path.join(a.root, `out-cache-warm${k}`), ['--cache', cacheDir], a, 'cache warm', os.cpus().length));
      log(`cache: re-run ${k + 1} ${fmt(warm.at(-1).wallMs / 1000, 2)} s (${warm.at(-1).cached}/${warm.at(-1).n} hits)`);
    }
    results.cache = { n, cold, warm };
  }
  results.totalMs = performance.now() - t0;

  // ─── the table ───
  const rows = [['format', 'N', 'floor /s', 'lint /s', 'lint÷floor', 'audit c1 /s', 'audit c2 /s', 'c2÷c1', 'RSS c1 MB', 'RSS c2 MB', 'unreadable']];
  for (const [format, r] of Object.entries(results.formats)) {
    const rate = (x, ms) => (x ? x.n / (x[ms] / 1000) : null);
    rows.push([
      format,
      r.n,
      fmt(rate(r.floor, 'ms')),
      fmt(rate(r.pipeline, 'ms')),
      r.floor && r.pipeline ? fmt(r.pipeline.ms / r.pipeline.n / (r.floor.ms / r.floor.n), 2) + (r.ratios?.length > 1 ? ` (${fmt(Math.min(...r.ratios), 2)}–${fmt(Math.max(...r.ratios), 2)})` : '') : '–',
      fmt(rate(r.audit1, 'wallMs')),
      fmt(rate(r.audit2, 'wallMs')),
      r.audit1 && r.audit2 ? fmt(r.audit1.wallMs / r.audit2.wallMs, 2) : '–',
      mb(r.audit1?.maxRssKB),
      mb(r.audit2?.maxRssKB),
      [r.pipeline?.fatal, r.audit1?.fatal, r.audit2?.fatal].filter((x) => x != null).join('/') || '–',
    ]);
  }
  let text = `\n${m.nproc} × ${m.cpu}, ${m.memGB} GB, Node ${m.node}, ${m.os}\n` + (results.ceiling ? `two CPU-bound processes vs one: ${fmt(results.ceiling.ratio, 2)}× (the ceiling of c2÷c1 during this run)\n` : '') + '\n' + table(rows) + '\n';
  const s_ = (x) => fmt(x == null ? null : x / 1000, 2);
  const detail = [['format', 'run', 'wall s', 'CPU s', 'main thr s', 'pool thr s', 'other thr s', 'peak RSS MB', 'RSS pool/end MB', 'end phase s', 'others\' cores']];
  for (const [format, r] of Object.entries(results.formats)) {
    for (const k of ['floor', 'pipeline']) for (const [i, x] of (r[`${k}Runs`] ?? []).entries()) detail.push([format, r[`${k}Runs`].length > 1 ? `${k} #${i + 1}` : k, s_(x.ms), s_(x.cpuMs), s_(x.mainCpuMs), '–', s_(x.cpuMs - x.mainCpuMs), mb(x.maxRssKB), '–', '–', fmt(x.otherCores, 2)]);
    for (const k of ['audit1', 'audit2']) if (r[k]) detail.push([format, k.replace('audit', 'audit c'), s_(r[k].wallMs), s_(r[k].cpuMs), s_(r[k].mainCpuMs), s_(r[k].poolCpuMs), s_(r[k].restCpuMs), mb(r[k].maxRssKB), `${mb(r[k].poolPhaseRssKB)}/${mb(r[k].endPhaseRssKB)}`, s_(r[k].tailMs), fmt(r[k].otherCores, 2)]);
  }
  if (results.cache) {
    const c = results.cache;
    const row = (label, x) => ['mixed', label, s_(x.wallMs), s_(x.cpuMs), s_(x.mainCpuMs), s_(x.poolCpuMs), s_(x.restCpuMs), mb(x.maxRssKB), `${mb(x.poolPhaseRssKB)}/${mb(x.endPhaseRssKB)}`, s_(x.tailMs), fmt(x.otherCores, 2)];
    detail.push(row(`cache cold (${c.cold.cached}/${c.n} hits)`, c.cold));
    c.warm.forEach((w, k) => detail.push(row(`cache re-run ${k + 1} (${w.cached}/${w.n} hits)`, w)));
  }
  text += '\n' + table(detail) + '\n';
  const failures = [...Object.entries(results.formats).flatMap(([f, r]) => ['audit1', 'audit2'].filter((k) => r[k]?.failed).map((k) => `${f} ${k}: ${r[k].failed}`)), ...(results.cache ? [results.cache.cold, ...results.cache.warm].filter((x) => x.failed).map((x) => `cache: ${x.failed}`) : [])];
  if (failures.length) text += `\nFAILED runs (figures above are up to the failure):\n${failures.map((f) => `  ${f}`).join('\n')}\n`;
  if (results.cache) {
    const med = results.cache.warm.map((w) => w.wallMs).sort((x, y) => x - y)[Math.floor(results.cache.warm.length / 2)];
    results.cache.medianWarmMs = med;
    text += `\ncached re-run of ${results.cache.n} unchanged reports: median ${fmt(med / 1000, 2)} s\n`;
  }
  text += `\ntotal ${fmt(results.totalMs / 60000)} min; scratch data in ${a.root}\n`;
  process.stdout.write(text);
  const jsonFile = a.json ?? path.join(a.root, `results-${results.started.replace(/[:.]/g, '-')}.json`);
  writeFileSync(jsonFile, JSON.stringify(results, null, 2) + '\n');
  log(`figures as JSON: ${jsonFile}`);
}

main().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exitCode = 1;
});
