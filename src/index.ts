/**
 * The public API for Node: `lint(pathOrBuffer, options)`. Reading a path is the only thing
 * here that touches the file system; the core (`lintBytes`) takes bytes.
 */
import { readFile } from 'node:fs/promises';
import { lintBytes, type LintOptions } from './engine/lint.js';
import type { LintResult } from './types.js';

export async function lint(input: string | Uint8Array, options: LintOptions = {}): Promise<LintResult> {
  if (typeof input === 'string') {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(input);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : `无法读取文件：${(error as Error).message}`;
      return {
        filePath: options.filePath ?? input,
        format: null,
        reportYear: null,
        template: null,
        messages: [{ ruleId: 'fatal', severity: 2, kind: 'doubt', message: options.lang === 'en' ? `cannot read the file: ${(error as Error).message}` : reason, line: null, column: null, page: null, fatal: true }],
        errorCount: 1,
        warningCount: 0,
        infoCount: 0,
        doubtCount: 0,
        fatal: true,
      };
    }
    return lintBytes(bytes, { ...options, filePath: options.filePath ?? input });
  }
  return lintBytes(input, options);
}

export { lintBytes };
export type { LintOptions };
export type { LintResult, LintMessage } from './types.js';
export { rules } from '../rules/index.js';
