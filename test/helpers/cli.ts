/** The built command line (bin/reportlint.js), run as a user runs it, in a folder of one's choosing. */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './fixtures.js';

export const BIN = path.join(root, 'bin', 'reportlint.js');

export interface Run {
  code: number;
  out: string;
  err: string;
  /** stdout as bytes (a fixed DOCX piped out) */
  bytes: Buffer;
}

/** Run `reportlint args…` in `cwd`, with `input` on stdin (bytes or text). */
export function cli(args: string[], options: { cwd?: string; input?: Uint8Array | string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: options.cwd ?? root, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, env: options.env ?? process.env }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: unknown }).code as number) : 0;
      if (typeof code !== 'number') return reject(error);
      resolve({ code, out: stdout.toString('utf8'), err: stderr.toString('utf8'), bytes: stdout });
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
    else child.stdin!.end();
  });
}

/**
 * Run a command on a pseudo-terminal (util-linux `script`), so that stdin, stdout and stderr are
 * TTYs; `answers` are typed when their prompt appears. Resolves with everything the terminal showed.
 */
export function onTerminal(command: string, cwd: string, answers: Array<[RegExp, string]> = []): Promise<{ code: number; screen: string }> {
  return new Promise((resolve) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env: { ...process.env, TERM: 'dumb' } });
    let screen = '';
    const pending = [...answers];
    child.stdout.on('data', (d: Buffer) => {
      screen += d.toString('utf8');
      while (pending.length && pending[0][0].test(screen)) child.stdin.write(pending.shift()![1]);
    });
    child.on('close', (code) => resolve({ code: code ?? -1, screen }));
  });
}

export const tempDir = (prefix = 'reportlint-') => mkdtempSync(path.join(tmpdir(), prefix));
