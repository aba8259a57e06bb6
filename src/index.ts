/**
 * The public API for Node: `lint(pathOrBuffer, options)`. Reading a path is the only thing
 * here that touches the file system; the core (`lintBytes`) takes bytes. PDFs are parsed in
 * worker threads unless the caller passes its own `pdfThreads`, so a time budget holds for them.
 */
import { readReport } from './cli/pages.js';
import { ocrOptions } from './node/ocr.js';
import { lintBytes, lintText, fatalResult, type LintOptions } from './engine/lint.js';
import { nodePdfThreads } from './node/pdf-threads.js';
import type { PdfThreads } from './extract/pdf/thread.js';
import type { LintResult } from './types.js';

let shared: PdfThreads | undefined;
/** the threads this process's PDFs are parsed in (one started on the first PDF, then kept) */
export const pdfThreads = (): PdfThreads => (shared ??= nodePdfThreads());

export async function lint(input: string | Uint8Array, given: LintOptions = {}): Promise<LintResult> {
  // scans are read by OCR unless the caller says otherwise (ocr: undefined in `given` turns it off)
  const options: LintOptions = { pdfThreads: pdfThreads(), ...('ocr' in given ? {} : { ocr: ocrOptions() }), ...given };
  if (typeof input === 'string') {
    const filePath = options.filePath ?? input;
    let bytes: Uint8Array;
    try {
      // a file, or a folder of a scan's page images
      ({ bytes, morePages: options.morePages } = await readReport(input));
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
