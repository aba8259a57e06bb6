/**
 * One report of an audit, in a worker thread: read it (or take the fetched bytes), hash it, look
 * it up in the cache, else lint it with the report's config, take the facts that checks across
 * reports need, write its own HTML findings page and its cache entry. Hands back the line for
 * results.jsonl and the record's compact summary, so the main thread only writes the line. The
 * pool runs it with a time limit and a memory cap; a worker that exceeds them is ended by the
 * pool and replaced. The linter is loaded on the first report not in the cache: a re-run over
 * unchanged reports starts light workers.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readReport } from './pages.js';
import type { AuditOcr } from './audit.js';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { summarize, type RecordSummary } from '../audit/summary.js';
import type { AuditRecord } from '../audit/types.js';
import type { Lang, TemplateVersion } from '../types.js';

export interface AuditTask {
  id: string;
  source: string;
  /** a file to read, or the bytes fetched from a URL */
  path?: string;
  bytes?: Uint8Array;
  body: string | null;
  year: number | null;
  region: string | null;
  configFile: string | null;
  rules: Record<string, unknown>;
  lang: Lang;
  template?: TemplateVersion;
  outDir: string;
  toolVersion: string;
  /** the core's time budget, inside the pool's own limit: a slow file ends with its reason, not a killed worker */
  timeLimit?: number;
  /** the cache folder, if any */
  cache?: string;
  /** how scans are read */
  ocr?: AuditOcr;
}

/** What a task hands back: the record's line of results.jsonl (no newline) and its summary. */
export interface AuditDone {
  line: string;
  summary: RecordSummary;
}

const configHashes = new Map<string, string>();
const folders = new Map<string, Promise<unknown>>();
/** mkdir -p once per folder and worker (a profile had a recursive mkdir per report at 3% of a worker) */
const folder = (dir: string) => {
  let made = folders.get(dir);
  if (!made) folders.set(dir, (made = mkdir(dir, { recursive: true })));
  return made;
};

export default async function auditOne(task: AuditTask): Promise<AuditDone> {
  const started = performance.now();
  let bytes: Uint8Array;
  let morePages: Uint8Array[] | undefined;
  try {
    if (task.bytes) bytes = task.bytes;
    else ({ bytes, morePages } = await readReport(task.path!));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT' ? new Error(task.lang === 'zh' ? '文件不存在' : 'no such file') : (error as Error);
    const { fatalResult } = await import('../engine/lint.js');
    return done(record(task, null, fatalResult(task.id, missing, task.lang), null, started));
  }
  const hash = createHash('sha256').update(bytes);
  for (const p of morePages ?? []) hash.update(p);
  const sha256 = hash.copy().digest('hex');

  let entry: string | null = null;
  if (task.cache) {
    entry = cacheEntry(task, hash);
    const hit = await fromCache(task, entry);
    if (hit) return hit;
  }

  const { lintOne } = await import('./audit-lint.js');
  const { result, facts } = await lintOne(bytes, task, morePages);
  const r = record(task, sha256, result, facts, started);
  const line = JSON.stringify(r);
  if (entry) {
    await folder(path.dirname(entry));
    await writeFile(entry, line);
  }
  return { line, summary: summarize(r) };
}

/**
 * The cache look-up of a batch of reports, one task for many (a cached re-run of 10,000 spent
 * more main-thread time handing out tasks than the workers spent on them): each report's result
 * from the cache, or null for one to lint as a task of its own (with its own time limit).
 */
export async function lookup(tasks: AuditTask[]): Promise<Array<AuditDone | null>> {
  return Promise.all(
    tasks.map(async (task) => {
      const bytes = task.bytes ?? (await readFile(task.path!).catch(() => null));
      return bytes && task.cache ? fromCache(task, cacheEntry(task, createHash('sha256').update(bytes))) : null;
    }),
  );
}

/** The cache file of a report: its bytes, the config that applies and the tool version decide the result (the key of the cache before the look-up moved into the workers, so existing caches stay valid). */
function cacheEntry(task: AuditTask, hash: ReturnType<typeof createHash>): string {
  const cfg = task.configFile ?? '';
  let configHash = configHashes.get(cfg);
  if (!configHash) {
    configHash = createHash('sha256').update(JSON.stringify([cfg && readFileSync(cfg, 'utf8'), task.rules, task.template, task.lang, task.toolVersion])).digest('hex');
    configHashes.set(cfg, configHash);
  }
  const key = hash.update(configHash).digest('hex');
  return path.join(task.cache!, key.slice(0, 2), `${key}.json`);
}

async function fromCache(task: AuditTask, entry: string): Promise<AuditDone | null> {
  const hit = await readFile(entry, 'utf8').catch(() => null);
  if (!hit) return null;
  const cached = JSON.parse(hit) as AuditRecord;
  return done({ ...cached, id: task.id, source: task.source, body: task.body ?? cached.result.issuer?.name ?? null, year: task.year ?? cached.result.reportYear, region: task.region, durationMs: 0, cached: true });
}

function done(r: AuditRecord): AuditDone {
  return { line: JSON.stringify(r), summary: summarize(r) };
}

function record(task: AuditTask, sha256: string | null, result: AuditRecord['result'], facts: AuditRecord['facts'], started: number): AuditRecord {
  return {
    id: task.id,
    source: task.source,
    body: task.body ?? result.issuer?.name ?? null,
    year: task.year ?? result.reportYear,
    region: task.region,
    sha256,
    result,
    facts,
    durationMs: Math.round(performance.now() - started),
    cached: false,
  };
}

export { folder };
