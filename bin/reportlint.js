#!/usr/bin/env node
// Thin launcher for the CLI bundled into dist/bundle/cli/ (`npm run build`: tsc, then
// scripts/bundle.mjs; `npm ci` runs it through the prepare script). The bundle is for start-up:
// it loads several times faster than dist/src/'s hundreds of modules (see the README).
import { statSync } from 'node:fs';

const mtime = (file) => statSync(new URL(file, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
// tsc run alone after an edit (no bundle step) leaves the bundle older than dist/src/: run the
// fresh code, slower, rather than an old bundle
const fresh = mtime('../dist/bundle/cli/index.js') >= mtime('../dist/src/cli/index.js');
const { main } = await import(fresh ? '../dist/bundle/cli/index.js' : '../dist/src/cli/index.js');

process.exitCode = await main(process.argv.slice(2));
