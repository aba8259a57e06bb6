/**
 * One report of an audit, in a worker thread: read (or take the fetched bytes), lint with the
 * report's config, take the facts that checks across reports need, write the report's own HTML
 * findings page, and hand back the record. The pool runs it with a time limit and a memory cap;
 * a worker that exceeds them is ended by the pool and replaced.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { lintBytes, fatalResult } from '../engine/lint.js';
import { pdfThreads } from '../index.js';
import { factsOf } from '../audit/facts.js';
import { reportPage } from '../audit/pages.js';
import { formatHtml } from '../report/html.js';
import { rules as builtIn } from '../../rules/index.js';
import { loadConfig, type FileConfig } from './config.js';
import type { AuditRecord, ReportFacts } from '../audit/types.js';
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
}

const configs = new Map<string, Promise<FileConfig>>();

export default async function auditOne(task: AuditTask): Promise<AuditRecord> {
  const started = performance.now();
  const key = task.configFile ?? '';
  let config = configs.get(key);
  if (!config) {
    config = loadConfig(task.configFile);
    configs.set(key, config);
  }
  const c = await config;
  let bytes: Uint8Array;
  try {
    bytes = task.bytes ?? (await readFile(task.path!));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT' ? new Error(task.lang === 'zh' ? '文件不存在' : 'no such file') : (error as Error);
    return record(task, null, fatalResult(task.id, missing, task.lang), null, started);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let facts: ReportFacts | null = null;
  const result = await lintBytes(bytes, {
    filePath: task.id,
    lang: task.lang,
    rules: { ...c.rules, ...(task.rules as object) },
    template: task.template ?? c.template,
    plugins: c.plugins,
    view: true,
    fixes: false, // an audit offers no quick fixes: skip checking them
    timeLimit: task.timeLimit,
    pdfThreads: pdfThreads(),
    onModel: (model) => {
      facts = factsOf(model);
    },
  });
  const page = path.join(task.outDir, reportPage(task.id));
  await mkdir(path.dirname(page), { recursive: true });
  await writeFile(page, formatHtml([result], { lang: task.lang, rules: [...builtIn, ...c.plugins].map((r) => r.meta), toolVersion: task.toolVersion }));
  const { view: _view, ...plain } = result;
  return record(task, sha256, plain, facts, started);
}

function record(task: AuditTask, sha256: string | null, result: AuditRecord['result'], facts: ReportFacts | null, started: number): AuditRecord {
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
