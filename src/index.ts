/**
 * The public API for Node: `lint(pathOrBuffer, options)`. Reading a path is the only thing
 * here that touches the file system; the core (`lintBytes`) takes bytes.
 */
import { readFile } from 'node:fs/promises';
import { lintBytes, lintText, fatalResult, type LintOptions } from './engine/lint.js';
import type { LintResult } from './types.js';

export async function lint(input: string | Uint8Array, options: LintOptions = {}): Promise<LintResult> {
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
