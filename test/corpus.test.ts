/**
 * The real corpus (fixtures/realworld): every report gives exactly the findings its hand label
 * expects — each expected rule with its count and on the labelled place, and no rule the label
 * does not expect or set aside. The labels were written from the documents before the linter
 * was run on them (fixtures/realworld/LABELLING.md); `npm run corpus` prints the same score.
 */
import { describe, it, expect } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { fixture } from './helpers/fixtures.js';
import { lintBytes, rules } from '../src/index.js';
import { loadCorpus, labelProblems, scoreFile, totals, type FileScore, type Label } from '../scripts/corpus-score.js';

const ruleIds = rules.map((r) => r.meta.id);
const labels: Label[] = await loadCorpus(fixture('realworld'));

/** Each report linted once and scored against its label, for the per-file and the per-rule tests. */
const scored = new Map<string, Promise<FileScore>>();
function scoreOf(label: Label): Promise<FileScore> {
  let p = scored.get(label.file);
  if (!p) {
    p = (async () => {
      const bytes = await readFile(fixture('realworld', label.file));
      const result = await lintBytes(bytes, { filePath: `fixtures/realworld/${label.file}` });
      return scoreFile(label, result, ruleIds, /\.(txt|md|html?)$/.test(label.file) ? bytes.toString('utf8') : null);
    })();
    scored.set(label.file, p);
  }
  return p;
}

describe('the real corpus', () => {
  it('holds the seven given reports and at least sixty more, each labelled by hand', () => {
    expect(labels.filter((l) => l.idsOnly)).toHaveLength(7);
    expect(labels.filter((l) => !l.idsOnly).length).toBeGreaterThanOrEqual(61);
    for (const l of labels) expect({ file: l.file, problems: labelProblems(l, ruleIds) }).toEqual({ file: l.file, problems: [] });
  });

  it.each(labels.map((l) => [l.file, l] as const))('%s: exactly its labelled findings', async (_file, label) => {
    const score = await scoreOf(label);
    const off = score.rules.filter((r) => !r.exact).map((r) => ({ rule: r.ruleId, verdict: r.verdict, notes: r.notes }));
    expect({ fatal: score.fatal, off }).toEqual({ fatal: null, off: [] });
  });

  it('no rule is below 0.98 precision, and none below 0.95 recall', async () => {
    const scores = await Promise.all(labels.map(scoreOf));
    for (const t of totals(scores, ruleIds)) {
      if (t.precision !== null) expect({ rule: t.ruleId, precisionAtLeast98: t.precision >= 0.98 }).toEqual({ rule: t.ruleId, precisionAtLeast98: true });
      if (t.recall !== null) expect({ rule: t.ruleId, recallAtLeast95: t.recall >= 0.95 }).toEqual({ rule: t.ruleId, recallAtLeast95: true });
    }
  });
});
