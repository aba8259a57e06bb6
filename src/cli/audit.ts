/**
 * `reportlint audit <folders | files | manifest.csv | urls.txt> --out <dir>`: many reports on one
 * machine. Reports run in a pool of worker threads (piscina), each with a time limit and a memory
 * cap; every finished report is appended at once to <out>/results.jsonl, so a run killed at any
 * moment is finished by running the same command again (finished reports are not redone, none is
 * lost or written twice). `--cache` skips reports whose bytes, config and tool version are
 * unchanged. At the end come the checks across reports, summary.xlsx and the index.html dashboard.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';
import { fatalResult } from '../engine/lint.js';
import { rules as builtIn } from '../../rules/index.js';
import { crossCheck, coverage } from '../audit/cross.js';
import { formatDashboard } from '../report/dashboard.js';
import type { AuditRecord, ManifestEntry } from '../audit/types.js';
import type { Lang, TemplateVersion } from '../types.js';
import type { AuditTask } from './audit-worker.js';
import { configResolver, findConfigFile } from './config.js';
import { createFetcher } from './fetch.js';
import { readInputs, type AuditInput } from './audit-inputs.js';
import { Progress } from './progress.js';
import { loadIgnore } from './ignore.js';

export interface AuditOptions {
  out: string;
  concurrency: number;
  /** seconds per report */
  timeout: number;
  /** MB of heap per worker */
  maxMemory: number;
  /** a cache folder, or none */
  cache?: string;
  lang: Lang;
  template?: TemplateVersion;
  rules: Record<string, unknown>;
  config?: string;
  copyThreshold: number;
  /** seconds per download */
  fetchTimeout: number;
  toolVersion: string;
}

export async function audit(inputs: string[], opts: AuditOptions): Promise<{ records: AuditRecord[]; exitCode: number }> {
  const lang = opts.lang;
  await mkdir(opts.out, { recursive: true });
  const read = await readInputs(inputs);
  const { expected } = read;
  // .reportlintignore and the configs' ignorePatterns leave files out, as in `check`
  const ignored = await loadIgnore();
  const configOf = configResolver(opts.config);
  const entries: AuditInput[] = [];
  for (const e of read.entries) if (e.kind === 'url' || !ignored(e.source, (await configOf(e.source)).ignore)) entries.push(e);
  const resultsFile = path.join(opts.out, 'results.jsonl');
  const done = resume(resultsFile);
  const pending = entries.filter((e) => !done.has(e.id));
  const configFor = configResolver(opts.config);
  if (opts.config) await configFor(opts.config);

  // the pool starts on the first report that is not in the cache: a re-run over unchanged
  // reports never pays for starting threads that load the PDF and Word readers
  let pool: Piscina | null = null;
  const getPool = () => {
    if (!pool) {
      pool = new Piscina({
        filename: new URL('./audit-worker.js', import.meta.url).href,
        maxThreads: Math.max(1, opts.concurrency),
        minThreads: Math.min(Math.max(1, opts.concurrency), pending.length || 1),
        idleTimeout: 1000,
        resourceLimits: { maxOldGenerationSizeMb: opts.maxMemory },
      });
      // a worker that dies outside a task (out of memory while starting) must not end the batch:
      // the pool replaces it, and the task it would have run fails on its own and is recorded
      pool.on('error', () => {});
    }
    return pool;
  };
  const out = openSync(resultsFile, 'a');
  const progress = new Progress(entries.length, done.size, lang);
  const fetcher = createFetcher({ timeoutMs: opts.fetchTimeout * 1000 });
  const configHash = new Map<string, string>();
  // one look for a config per folder, not per report (a profile of a cached re-run was 20% stat calls)
  const configDirs = new Map<string, Promise<string | null>>();
  const configFileIn = (dir: string) => {
    let found = configDirs.get(dir);
    if (!found) {
      found = findConfigFile(dir);
      configDirs.set(dir, found);
    }
    return found;
  };

  const write = (r: AuditRecord) => {
    // one write per finished report, a whole line: a kill leaves at most one partial last line
    writeSync(out, JSON.stringify(r) + '\n');
    progress.tick(r.result.fatal || r.result.errorCount > 0, r.result.fatal);
  };

  const runOne = async (e: AuditInput) => {
    const configFile = opts.config ? path.resolve(opts.config) : await configFileIn(e.kind === 'file' ? path.dirname(path.resolve(e.source)) : process.cwd());
    const task: AuditTask = { id: e.id, source: e.source, body: e.body, year: e.year, region: e.region, configFile, rules: opts.rules, lang, template: opts.template, outDir: opts.out, toolVersion: opts.toolVersion, timeLimit: Math.max(500, opts.timeout * 1000 - 1000) };
    let bytes: Uint8Array | undefined;
    if (e.kind === 'url') {
      const got = await fetcher(e.source);
      if (!got.ok) return write(failed(e, got.message[lang], 0, lang));
      bytes = got.bytes;
      task.bytes = bytes;
    } else task.path = e.source;

    // the cache: the bytes, the config that applies and the tool version decide the result
    let key: string | null = null;
    if (opts.cache) {
      bytes ??= await readFile(e.source).catch(() => undefined);
      if (bytes) {
        const cfg = configFile ?? '';
        if (!configHash.has(cfg)) configHash.set(cfg, createHash('sha256').update(JSON.stringify([cfg && readFileSync(cfg, 'utf8'), opts.rules, opts.template, lang, opts.toolVersion])).digest('hex'));
        key = createHash('sha256').update(bytes).update(configHash.get(cfg)!).digest('hex');
        const hit = await readFile(path.join(opts.cache, key.slice(0, 2), `${key}.json`), 'utf8').catch(() => null);
        if (hit) {
          const cached = JSON.parse(hit) as AuditRecord;
          return write({ ...cached, id: e.id, source: e.source, body: e.body ?? cached.result.issuer?.name ?? null, year: e.year ?? cached.result.reportYear, region: e.region, durationMs: 0, cached: true });
        }
      }
    }
    const started = Date.now();
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), opts.timeout * 1000);
    try {
      const r = (await getPool().run(task, { signal: abort.signal, transferList: task.bytes ? [task.bytes.buffer as ArrayBuffer] : undefined })) as AuditRecord;
      write(r);
      if (key && opts.cache) {
        const file = path.join(opts.cache, key.slice(0, 2), `${key}.json`);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, JSON.stringify(r));
      }
    } catch (error) {
      // the pool ended the worker (time limit) or it died (memory cap, crash): this report is
      // fatal, the pool starts a new worker, and the batch goes on
      const reason = abort.signal.aborted
        ? lang === 'zh' ? `检查超时（超过 ${opts.timeout} 秒），已中止` : `timed out (over ${opts.timeout} s), stopped`
        : /memory|ERR_WORKER_OUT_OF_MEMORY/i.test(String((error as Error)?.message) + String((error as { code?: string })?.code))
          ? lang === 'zh' ? `内存超限（超过 ${opts.maxMemory} MB），已中止` : `over the memory cap (${opts.maxMemory} MB), stopped`
          : `${lang === 'zh' ? '检查时出错' : 'failed while checking'}: ${(error as Error)?.message ?? String(error)}`;
      write(failed(e, reason, Date.now() - started, lang));
    } finally {
      clearTimeout(timer);
    }
  };

  // feed the pool a few reports ahead of its threads: enough to keep them busy, without reading
  // ten thousand files at once
  const queue = [...pending];
  const lanes = Array.from({ length: Math.max(1, opts.concurrency) * 2 }, async () => {
    for (let e = queue.shift(); e; e = queue.shift()) await runOne(e);
  });
  await Promise.all(lanes);
  await (pool as Piscina | null)?.destroy();
  closeSync(out);
  progress.finish();

  const records = readRecords(resultsFile);
  const cross = crossCheck(records, { lang, copyThreshold: opts.copyThreshold });
  const years = [...new Set(records.map((r) => r.year).filter((y): y is number => y !== null))].sort();
  const cov = expected.length > 0 ? { year: years.at(-1) ?? null, ...coverage(expected, records, years.at(-1) ?? null) } : undefined;
  const metas = [...builtIn].map((r) => r.meta);
  await writeFile(path.join(opts.out, 'cross-findings.json'), JSON.stringify(cross, null, 2) + '\n');
  await writeFile(path.join(opts.out, 'summary.xlsx'), await (await import('../report/audit-xlsx.js')).formatAuditXlsx(records, cross, { lang, rules: metas, coverage: cov }));
  await writeFile(path.join(opts.out, 'index.html'), formatDashboard(records, cross, { lang, rules: metas, toolVersion: opts.toolVersion, coverage: cov }));
  const errors = records.some((r) => r.result.errorCount > 0);
  return { records, exitCode: errors ? 1 : 0 };
}

function failed(e: AuditInput, reason: string, durationMs: number, lang: Lang): AuditRecord {
  return { id: e.id, source: e.source, body: e.body, year: e.year, region: e.region, sha256: null, result: fatalResult(e.id, new Error(reason), lang), facts: null, durationMs, cached: false };
}

/** The ids already in results.jsonl; a partial last line (the run was killed mid-write) is cut off. */
function resume(file: string): Set<string> {
  if (!existsSync(file)) return new Set();
  const text = readFileSync(file, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length) truncateSync(file, Buffer.byteLength(text.slice(0, end)));
  return new Set(readRecords(file).map((r) => r.id));
}

function readRecords(file: string): AuditRecord[] {
  if (!existsSync(file)) return [];
  const seen = new Map<string, AuditRecord>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as AuditRecord;
      seen.set(r.id, r);
    } catch {
      // a line cut by a kill: resume() removes it before the next run appends
    }
  }
  return [...seen.values()];
}

export const defaultConcurrency = () => Math.max(1, cpus().length);
export type { ManifestEntry };
