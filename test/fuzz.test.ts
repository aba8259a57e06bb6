/**
 * A short fuzz run as part of `npm test`: 250 mutated fixtures (seed 1, which holds many of the
 * inputs that once crashed or hung), each in a child process with the fuzzer's 10 s and 1 GB
 * limits. `npm run fuzz -- --count 10000` is the long run; a failing input is saved in the
 * output folder with the seed and index that regenerate it.
 */
import { describe, it, expect } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

describe('fuzz: 250 hostile inputs', () => {
  it(
    'every input gets one result, normal or fatal: no crash, no hang, no out-of-memory',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'reportlint-fuzz-'));
      const { stdout } = await run(process.execPath, ['dist/scripts/fuzz.js', '--count', '250', '--seed', '1', '--quiet', '--out', out], { maxBuffer: 1 << 24 }).catch(
        (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }),
      );
      const summary = /fuzz: (\d+) inputs, ok (\d+), fatal (\d+), crash (\d+), hang (\d+), oom (\d+)/.exec(stdout);
      expect(summary).not.toBeNull();
      const [, inputs, ok, fatal, crash, hang, oom] = summary!.map(Number);
      expect({ inputs, crash, hang, oom, saved: readdirSync(out) }).toEqual({ inputs: 250, crash: 0, hang: 0, oom: 0, saved: [] });
      // the run is not vacuous: both kinds of result occur
      expect(ok).toBeGreaterThan(50);
      expect(fatal).toBeGreaterThan(50);
    },
    15 * 60_000,
  );
});
