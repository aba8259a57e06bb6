import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { toSimplified } from '../src/util/t2s.js';

// toSimplified skips opencc for a text with no character any entry changes: it must give
// exactly what opencc gives, on every dictionary entry and on real reports
const opencc = OpenCC.Converter({ from: 't', to: 'cn' });

describe('traditional to simplified with the skip for texts opencc would not change', () => {
  test('every key of the t2s dictionaries converts as opencc converts it', () => {
    const config = (OpenCC.Locale.configs as Record<string, { normalizationChain?: string[][]; conversionChain: string[][] }>).t2s;
    const keys = [...(config.normalizationChain ?? []), ...config.conversionChain].flat().flatMap((d) => d.split('|').map((e) => e.split(' ')[0]));
    expect(keys.length).toBeGreaterThan(1000);
    const differ = keys.filter((k) => toSimplified(k) !== opencc(k));
    expect(differ).toEqual([]);
    // and a phrase whose characters are each unchanged alone is still converted (乾燥 → 干燥)
    expect(toSimplified('乾燥')).toBe('干燥');
  });

  test('the real reports and fixtures convert as opencc converts them, line by line', () => {
    const dirs = ['fixtures/2021', 'fixtures/seeds', 'fixtures/encoding', 'fixtures/markdown'];
    let lines = 0;
    let skipped = 0;
    for (const dir of dirs)
      for (const f of readdirSync(dir).filter((n) => /\.(txt|md|html)$/.test(n))) {
        for (const line of readFileSync(`${dir}/${f}`, 'utf8').split('\n')) {
          lines++;
          if (opencc(line) === line) skipped++;
          expect(toSimplified(line)).toBe(opencc(line));
        }
      }
    expect(lines).toBeGreaterThan(1000);
    expect(skipped).toBeGreaterThan(0);
  });
});
