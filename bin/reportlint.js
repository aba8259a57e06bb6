#!/usr/bin/env node
// Thin launcher: the CLI bundled into dist/bundle/cli/ (tsc, then scripts/bundle.mjs: both run by
// `npm ci` through the prepare script). One bundle loads several times faster than dist/'s files.
import { main } from '../dist/bundle/cli/index.js';

process.exitCode = await main(process.argv.slice(2));
