/**
 * `reportlint audit <folders | files | manifest.csv | urls.txt> --out <dir>`: many reports on one
 * machine. Reports run in a pool of worker threads (piscina), each with a time limit and a memory
 * cap; the main thread only hands out paths, appends each finished report's line to
 * <out>/results.jsonl at once (so a run killed at any moment is finished by running the same
 * command again: finished reports are not redone, none is lost or written twice) and keeps its
 * compact summary. The workers read, hash, look up the cache and lint. `--cache` skips reports
 * whose bytes, config and tool version are unchanged. At the end come the checks across reports,
 * summary.xlsx and the index.html dashboard, from the summaries; the dashboard reads each report's
 * full record back from results.jsonl for its row only, so memory stays flat with the batch size.
 */
import { closeSync, createWriteStream, existsSync, fstatSync, openSync, readSync, ftruncateSync, writeSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import type { OcrSetting } from '../extract/ocr/engine.js';
import type { OcrEngineName } from '../node/ocr.js';
import { finished } from 'node:stream/promises';
import { Piscina } from 'piscina';
import { fatalResult } from '../engine/lint.js';
import { rules as builtIn } from '../../rules/index.js';
import { crossCheck, coverage } from '../audit/cross.js';
import { summarize, type RecordSummary } from '../audit/summary.js';
import { dashboardParts } from '../report/dashboard.js';
import type { AuditRecord, ManifestEntry } from '../audit/types.js';
import type { Lang, LintResult, TemplateVersion } from '../types.js';
import type { AuditDone, AuditTask } from './audit-worker.js';
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
  /** scans: off, auto or force, the engine, and seconds added to a report's limit per page read */
  ocr?: AuditOcr;
}

export interface AuditOcr {
  mode: OcrSetting;
  engine: OcrEngineName;
  pageTimeout: number;
}

/** A worker is stopped past its report's limit plus this many pages' OCR allowance (the core's own budget counts the pages it reads). */
const OCR_PAGES_ALLOWED = 30;

/** reports per cache look-up task */
const BATCH = 32;

export interface AuditOutcome {
  /** reports in results.jsonl, and how many of them could not be read */
  count: number;
  fatal: number;
  /** reports read (in whole or part) by OCR: scans, counted apart */
  scanned: number;
  exitCode: number;
}

export async function audit(inputs: string[], opts: AuditOptions): Promise<AuditOutcome> {
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
  const out = openSync(resultsFile, 'a+');
  // the records of an earlier, interrupted run, as summaries; a partial last line is cut off
  const summaries = new Map<string, RecordSummary>();
  let size = scanResults(out, (s) => summaries.set(s.id, s));
  const pending = entries.filter((e) => !summaries.has(e.id));
  const configFor = configResolver(opts.config);
  if (opts.config) await configFor(opts.config);

  // not more threads than cores: the main thread and (for PDFs) each worker's pdf.js thread share them
  const threads = Math.max(1, opts.concurrency);
  const pool = new Piscina({
    filename: new URL('./audit-worker.js', import.meta.url).href,
    maxThreads: threads,
    minThreads: Math.min(threads, pending.length || 1),
    idleTimeout: 1000,
    resourceLimits: { maxOldGenerationSizeMb: opts.maxMemory },
  });
  // a worker that dies outside a task (out of memory while starting) must not end the batch:
  // the pool replaces it, and the task it would have run fails on its own and is recorded
  pool.on('error', () => {});
  const progress = new Progress(entries.length, summaries.size, lang);
  const fetcher = createFetcher({ timeoutMs: opts.fetchTimeout * 1000 });
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

  /** a line of `length` bytes was just appended for `s` */
  const kept = (s: RecordSummary, length: number) => {
    s.at = size;
    s.length = length;
    size += length;
    summaries.set(s.id, s);
    progress.tick(s.fatal || s.errorCount > 0, s.fatal);
  };
  const write = (line: string, s: RecordSummary) => {
    // one write per finished report, a whole line: a kill leaves at most one partial last line
    const text = line + '\n';
    writeSync(out, text);
    kept(s, Buffer.byteLength(text));
  };
  const writeRecord = (r: AuditRecord) => write(JSON.stringify(r), summarize(r));

  const taskOf = async (e: AuditInput): Promise<AuditTask> => {
    const configFile = opts.config ? path.resolve(opts.config) : await configFileIn(e.kind === 'file' ? path.dirname(path.resolve(e.source)) : process.cwd());
    return { id: e.id, source: e.source, body: e.body, year: e.year, region: e.region, configFile, rules: opts.rules, lang, template: opts.template, outDir: opts.out, toolVersion: opts.toolVersion, timeLimit: Math.max(500, opts.timeout * 1000 - 1000), cache: opts.cache, ...(opts.ocr ? { ocr: opts.ocr } : {}) };
  };

  const runOne = async (e: AuditInput) => {
    const task = await taskOf(e);
    if (e.kind === 'url') {
      const got = await fetcher(e.source);
      if (!got.ok) return writeRecord(failed(e, got.message[lang], 0, lang));
      task.bytes = got.bytes;
    } else task.path = e.source;

    const started = Date.now();
    const abort = new AbortController();
    const ocrAllowance = opts.ocr && opts.ocr.mode !== 'off' ? opts.ocr.pageTimeout * OCR_PAGES_ALLOWED : 0;
    const timer = setTimeout(() => abort.abort(), (opts.timeout + ocrAllowance) * 1000);
    try {
      const done = (await pool.run(task, { signal: abort.signal, transferList: task.bytes ? [task.bytes.buffer as ArrayBuffer] : undefined })) as AuditDone;
      write(done.line, done.summary);
    } catch (error) {
      // the pool ended the worker (time limit) or it died (memory cap, crash): this report is
      // fatal, the pool starts a new worker, and the batch goes on
      const reason = abort.signal.aborted
        ? lang === 'zh' ? `检查超时（超过 ${opts.timeout + ocrAllowance} 秒），已中止` : `timed out (over ${opts.timeout + ocrAllowance} s), stopped`
        : /memory|ERR_WORKER_OUT_OF_MEMORY/i.test(String((error as Error)?.message) + String((error as { code?: string })?.code))
          ? lang === 'zh' ? `内存超限（超过 ${opts.maxMemory} MB），已中止` : `over the memory cap (${opts.maxMemory} MB), stopped`
          : `${lang === 'zh' ? '检查时出错' : 'failed while checking'}: ${(error as Error)?.message ?? String(error)}`;
      writeRecord(failed(e, reason, Date.now() - started, lang));
    } finally {
      clearTimeout(timer);
    }
  };

  // with a cache, files are first looked up in it in batches (a cached report takes well under a
  // millisecond: one task each cost the main thread more than the workers); the rest are linted
  // one task each, a few ahead of the threads, without reading ten thousand files at once
  let todo = pending;
  if (opts.cache) {
    const files = pending.filter((e) => e.kind === 'file');
    const missed: AuditInput[] = pending.filter((e) => e.kind !== 'file');
    let at = 0;
    const batchLanes = Array.from({ length: threads * 2 }, async () => {
      while (at < files.length) {
        const batch = files.slice(at, (at += BATCH));
        const found = (await pool.run(await Promise.all(batch.map(taskOf)), { name: 'lookup' }).catch(() => null)) as Array<AuditDone | null> | null;
        const hits: Array<[string, RecordSummary]> = [];
        batch.forEach((e, k) => {
          const hit = found?.[k];
          if (hit) hits.push([hit.line + '\n', hit.summary]);
          else missed.push(e);
        });
        // one write for the batch's hits, whole lines: a kill still leaves at most one partial last line
        if (hits.length) writeSync(out, hits.map((h) => h[0]).join(''));
        for (const [text, s] of hits) kept(s, Buffer.byteLength(text));
      }
    });
    await Promise.all(batchLanes);
    todo = missed;
  }
  let next = 0;
  const lanes = Array.from({ length: threads * 2 }, async () => {
    while (next < todo.length) await runOne(todo[next++]);
  });
  await Promise.all(lanes);
  await pool.destroy();
  progress.finish();

  // in the order of the inputs, not of the workers finishing: the same inputs give the same
  // outputs at any concurrency (records of an earlier run's other inputs last, as they are in the file)
  const rank = new Map(entries.map((e, i) => [e.id, i]));
  const list = [...summaries.values()].sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity));
  const cross = crossCheck(list, { lang, copyThreshold: opts.copyThreshold });
  const years = [...new Set(list.map((r) => r.year).filter((y): y is number => y !== null))].sort();
  const cov =
    expected.length > 0
      ? { year: years.at(-1) ?? null, ...coverage(expected, list.map((s) => ({ id: s.id, body: s.body, year: s.year, facts: s.facts, result: { fatal: s.fatal } })), years.at(-1) ?? null) }
      : undefined;
  const metas = [...builtIn].map((r) => r.meta);
  await writeFile(path.join(opts.out, 'cross-findings.json'), JSON.stringify(cross, null, 2) + '\n');
  const xlsx = createWriteStream(path.join(opts.out, 'summary.xlsx'));
  await (await import('../report/audit-xlsx.js')).writeAuditXlsx(list, cross, { lang, rules: metas, coverage: cov }, xlsx);
  await finished(xlsx);
  writeDashboard(path.join(opts.out, 'index.html'), dashboardParts(list, cross, { lang, rules: metas, toolVersion: opts.toolVersion, coverage: cov }, (s) => readResult(out, s)));
  closeSync(out);
  return { count: list.length, fatal: list.filter((s) => s.fatal).length, scanned: list.filter((s) => s.scanned).length, exitCode: list.some((s) => s.errorCount > 0) ? 1 : 0 };
}

function failed(e: AuditInput, reason: string, durationMs: number, lang: Lang): AuditRecord {
  return { id: e.id, source: e.source, body: e.body, year: e.year, region: e.region, sha256: null, result: fatalResult(e.id, new Error(reason), lang), facts: null, durationMs, cached: false };
}

/** The page in pieces of about a megabyte: never the whole dashboard of ten thousand reports in memory. */
function writeDashboard(file: string, parts: Iterable<string>): void {
  const fd = openSync(file, 'w');
  try {
    let buffered = '';
    for (const part of parts) {
      buffered += part;
      if (buffered.length > 1 << 20) {
        writeSync(fd, buffered);
        buffered = '';
      }
    }
    writeSync(fd, buffered);
  } finally {
    closeSync(fd);
  }
}

/** A record's result, read back from its line of results.jsonl. */
function readResult(fd: number, s: RecordSummary): LintResult {
  const buf = Buffer.allocUnsafe(s.length!);
  readSync(fd, buf, 0, s.length!, s.at!);
  return (JSON.parse(buf.toString('utf8')) as AuditRecord).result;
}

/**
 * Reads results.jsonl a few megabytes at a time and hands each record's summary, with where its
 * line is, to `each`; a partial last line (the run was killed mid-write) is cut off, and a line
 * that does not parse is skipped (its report is done again). Returns the size of what is kept.
 */
export function scanResults(fd: number, each: (s: RecordSummary) => void): number {
  const size = fstatSync(fd).size;
  const chunk = 4 << 20;
  let carry = Buffer.alloc(0);
  let start = 0; // file offset of carry[0]
  for (let pos = 0; pos < size; ) {
    const buf = Buffer.allocUnsafe(Math.min(chunk, size - pos));
    const n = readSync(fd, buf, 0, buf.length, pos);
    if (n <= 0) break;
    pos += n;
    const data = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
    let from = 0;
    for (let nl = data.indexOf(10, from); nl >= 0; nl = data.indexOf(10, from)) {
      const line = data.toString('utf8', from, nl);
      if (line.trim()) {
        try {
          const s = summarize(JSON.parse(line) as AuditRecord);
          s.at = start + from;
          s.length = nl + 1 - from;
          each(s);
        } catch {
          // not a record (one writer appends whole lines, so only a damaged file has such a line): its report is done again
        }
      }
      from = nl + 1;
    }
    carry = Buffer.from(data.subarray(from));
    start += from;
  }
  if (start < size) ftruncateSync(fd, start);
  return start;
}

export const defaultConcurrency = () => Math.max(1, cpus().length);
export type { ManifestEntry };
