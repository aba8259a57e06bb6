/** Every rule carries its meta, its doc, and messages in both languages; every finding links its doc. */
import { describe, it, expect } from '@jest/globals';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { rules } from '../rules/index.js';
import { root, lintFixture } from './helpers/fixtures.js';

describe('rule meta', () => {
  it('one file per rule under rules/, all registered', () => {
    const files = readdirSync(path.join(root, 'rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
    expect(rules.map((r) => r.meta.id).sort()).toEqual(files.sort());
  });

  it.each(rules.map((r) => [r.meta.id, r] as const))('%s: meta, doc file, messages in zh and en', (_id, rule) => {
    const m = rule.meta;
    expect(['error', 'warn', 'info']).toContain(m.severity);
    expect(m.description.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(m.description.en).toMatch(/[a-z]/);
    expect(existsSync(path.join(root, m.docs))).toBe(true);
    for (const text of Object.values(m.messages)) {
      expect(typeof text.zh).toBe('function');
      expect(typeof text.en).toBe('function');
    }
  });
});

describe('findings link their rule doc', () => {
  it('every message of seed 002 carries the url of its rule doc', async () => {
    const r = await lintFixture('seeds/002_605866c201a9c82d.txt');
    for (const m of r.messages) expect(m.url).toBe(`docs/rules/${m.ruleId}.md`);
  });
});
