/**
 * The public API for Node: `lint(pathOrBuffer, options)`. Reading a path is the only thing
 * here that touches the file system; the core (`lintBytes`) takes bytes. PDFs are parsed in
 * worker threads unless the caller passes its own `pdfThreads`, so a time budget holds for them.
 */
import { readFile } from 'node:fs/promises';
import { lintBytes, lintText, fatalResult, type LintOptions } from './engine/lint.js';
import { nodePdfThreads } from './node/pdf-threads.js';
import type { PdfThreads } from './extract/pdf/thread.js';
import type { LintResult } from './types.js';

let shared: PdfThreads | undefined;
/** the threads this process's PDFs are parsed in (one started on the first PDF, then kept) */
export const pdfThreads = (): PdfThreads => (shared ??= nodePdfThreads());

export async function lint(input: string | Uint8Array, given: LintOptions = {}): Promise<LintResult> {
  const options = { pdfThreads: pdfThreads(), ...given };
  if (typeof input === 'string') {
    const filePath = options.filePath ?? input;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(input);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      const missing = e.code === 'ENOENT' ? new Error(options.lang === 'en' ? 'no such file' : '文件不存在') : e;
      return fatalResult(filePath, missing, options.lang ?? 'zh');
    }
    return lintBytes(bytes, { ...options, filePath });
  }
  return lintBytes(input, options);
}

export { lintBytes, lintText };
export type { LintOptions };
export type { LintResult, LintMessage } from './types.js';
export { rules } from '../rules/index.js';
/** for plugins: rules written outside the pack */
export { defineRule } from './engine/rule.js';
export type { Rule, RuleMeta } from './engine/rule.js';
