/**
 * The check page in a real Chromium (Debian's, installed by scripts/system-deps.sh), driven by
 * Playwright: built from the sources under test into a temporary folder, opened from disk or
 * through `reportlint serve`, files given as a clerk gives them (the file picker).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { root } from './fixtures.js';
import type { LintResult } from '../../src/types.js';

const run = promisify(execFile);
export const CHROMIUM = '/usr/bin/chromium';

/** dist/web as `npm run build:web` makes it, from the current sources. */
export async function buildPage(): Promise<string> {
  const out = mkdtempSync(path.join(tmpdir(), 'reportlint-web-'));
  await run(process.execPath, [path.join(root, 'scripts/bundle-web.mjs'), '--out', out], { cwd: root });
  return out;
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: scripts/system-deps.sh installs it (npm test runs it first)`);
  // the flags keep Chromium from calling home: this machine's network is closed, and the page must not need one
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** What the page shows per file: its findings as [ruleId, severity], in the page's order. */
export interface Shown {
  name: string;
  findings: Array<[string, number]>;
  failed: string | null;
}

/** Give the page files through its picker and wait until it says it is done. */
export async function checkFiles(page: Page, files: string[]): Promise<Shown[]> {
  await page.waitForFunction(() => document.body.dataset.state === 'ready' || document.body.dataset.state === 'done', null, { timeout: 300_000 });
  await page.setInputFiles('#pick', files);
  return waitShown(page);
}

export async function waitShown(page: Page): Promise<Shown[]> {
  // the state leaves 'done' at once when a check starts; wait for it to come back
  await page.waitForFunction(() => document.body.dataset.state === 'done' && document.querySelectorAll('.entry:empty').length === 0, null, { timeout: 840_000 });
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.entry[data-file-name]')].map((entry) => ({
      name: entry.dataset.fileName!,
      findings: [...entry.querySelectorAll<HTMLElement>('[data-rule-id]')].map((f): [string, number] => [f.dataset.ruleId!, Number(f.dataset.severity)]),
      failed: entry.querySelector('.failed')?.textContent ?? null,
    })),
  );
}

/** `reportlint serve --port 0` from the built CLI, serving the given folder's page. */
export async function serve(webDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin/reportlint.js'), 'serve', '--port', '0', '--dir', webDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  // stopped as a user stops it (SIGTERM), and waited for, so no process outlives the tests
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  return { url, stop: () => (child.kill('SIGTERM'), exited) };
}

/** The built CLI's JSON for the same files (it exits 1 when it finds errors: that is not a failure here). */
export async function cliResults(files: string[], extra: string[] = []): Promise<LintResult[]> {
  const { stdout } = await run(process.execPath, [path.join(root, 'bin/reportlint.js'), 'check', '--format', 'json', ...extra, ...files], { cwd: root, maxBuffer: 64 << 20 }).catch((e) => e as { stdout: string });
  return JSON.parse(stdout) as LintResult[];
}

/** What the page must show: the CLI's findings per file name, as [ruleId, severity]. */
export async function cliFindings(files: string[], extra: string[] = []): Promise<Map<string, Array<[string, number]>>> {
  const results = await cliResults(files, extra);
  return new Map(results.map((r) => [path.basename(r.filePath), r.messages.map((m): [string, number] => [m.ruleId, m.severity])]));
}

export const sorted = (xs: Array<[string, number]>) => xs.map((x) => x.join(':')).sort();
