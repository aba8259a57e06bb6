/**
 * Files not to check: `.reportlintignore` in the current folder (gitignore syntax) and each
 * config's `ignorePatterns`, relative to the folder of the config file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ignore from 'ignore';

export type IgnoreTest = (file: string, extra?: { base: string; patterns: string[] }) => boolean;

export async function loadIgnore(cwd = process.cwd()): Promise<IgnoreTest> {
  const text = await readFile(path.join(cwd, '.reportlintignore'), 'utf8').catch(() => '');
  const root = ignore().add(text);
  const cache = new Map<string, ReturnType<typeof ignore>>();
  const test = (ig: ReturnType<typeof ignore>, base: string, file: string) => {
    const rel = path.relative(base, path.resolve(file)).split(path.sep).join('/');
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) && ig.ignores(rel);
  };
  return (file, extra) => {
    if (test(root, cwd, file)) return true;
    if (!extra || extra.patterns.length === 0) return false;
    const key = `${extra.base}\u0000${extra.patterns.join('\n')}`;
    let ig = cache.get(key);
    if (!ig) {
      ig = ignore().add(extra.patterns);
      cache.set(key, ig);
    }
    return test(ig, extra.base, file);
  };
}
