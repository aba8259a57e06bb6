#!/usr/bin/env node
// Packs the VS Code extension: `npm ci` here (from package-lock.json), then `npm run package`
// (tsc, then vsce, without prompts), and prints the .vsix's path and size.
// Run from anywhere: `npm run vscode:package` at the repository root, or `node editors/vscode/pack.mjs`.
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const vsix = path.join(dir, 'reportlint.vsix');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(args) {
  const started = Date.now();
  process.stderr.write(`> npm ${args.join(' ')}  (${dir})\n`);
  // stdin closed: nothing can stop to ask a question; output goes to stderr, stdout holds the result
  const r = spawnSync(npm, args, { cwd: dir, stdio: ['ignore', process.stderr, process.stderr], shell: process.platform === 'win32' });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    process.stderr.write(`pack.mjs: npm ${args.join(' ')} failed with exit code ${r.status ?? r.signal}\n`);
    process.exit(r.status || 1);
  }
  process.stderr.write(`  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

rmSync(vsix, { force: true }); // a failed run leaves no old .vsix to be taken for the new one
run(['ci', '--no-audit', '--no-fund']);
run(['run', 'package']);

const { size } = statSync(vsix);
process.stdout.write(`${vsix}\t${size} bytes (${(size / 1024).toFixed(1)} KiB)\n`);
