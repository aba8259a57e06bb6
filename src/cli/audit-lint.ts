/**
 * The linting half of an audit worker (./audit-worker.ts), loaded on its first report that is not
 * in the cache: lint with the report's config, take the facts for the checks across reports, and
 * write the report's own HTML findings page.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lintBytes } from '../engine/lint.js';
import { pdfThreads } from '../index.js';
import { ocrOptions } from '../node/ocr.js';
import { factsOf } from '../audit/facts.js';
import { reportPage } from '../audit/pages.js';
import { formatHtml } from '../report/html.js';
import { rules as builtIn } from '../../rules/index.js';
import { loadConfig, type FileConfig } from './config.js';
import { folder, type AuditTask } from './audit-worker.js';
import type { AuditRecord, ReportFacts } from '../audit/types.js';

const configs = new Map<string, Promise<FileConfig>>();

export async function lintOne(bytes: Uint8Array, task: AuditTask, morePages?: Uint8Array[]): Promise<{ result: AuditRecord['result']; facts: ReportFacts | null }> {
  const key = task.configFile ?? '';
  let config = configs.get(key);
  if (!config) {
    config = loadConfig(task.configFile);
    configs.set(key, config);
  }
  const c = await config;
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
    morePages,
    ocr: task.ocr && task.ocr.mode !== 'off' ? { ...ocrOptions(task.ocr.mode, task.ocr.engine), pageTime: task.ocr.pageTimeout * 1000 } : undefined,
    onModel: (model) => {
      facts = factsOf(model);
    },
  });
  const page = path.join(task.outDir, reportPage(task.id));
  await folder(path.dirname(page));
  await writeFile(page, formatHtml([result], { lang: task.lang, rules: [...builtIn, ...c.plugins].map((r) => r.meta), toolVersion: task.toolVersion }));
  const { view: _view, ...plain } = result;
  return { result: plain, facts };
}
