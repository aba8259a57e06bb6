/**
 * `npm run corpus`: lint every report of the real corpus and score it against its hand label.
 * Prints, per rule, defects found / missed / false findings, precision and recall, and the
 * files that came out exactly right; `--diff` lists every difference, `--json <file>` writes
 * the figures, `--core <module>` scores another build (to measure before and after a change).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCorpus, labelProblems, scoreFile, totals, type FileScore } from './corpus-score.js';
import type { LintResult } from '../src/types.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = path.resolve(import.meta.dirname, '..', '..');
const dir = path.join(root, 'fixtures', 'realworld');
const coreModule = flag('--core') ?? path.join(root, 'dist', 'src', 'index.js');
const core = (await import(pathToFileURL(path.resolve(coreModule)).href)) as {
  lintBytes: (b: Uint8Array, o: { filePath: string }) => Promise<LintResult>;
  rules: Array<{ meta: { id: string } }>;
};
const ruleIds = core.rules.map((r) => r.meta.id);
const only = flag('--only');

const labels = (await loadCorpus(dir)).filter((l) => !only || l.file.includes(only));
const scores: FileScore[] = [];
let problems = 0;
for (const label of labels) {
  for (const p of labelProblems(label, ruleIds)) {
    problems++;
    console.error(`label ${label.file}: ${p}`);
  }
  const bytes = await readFile(path.join(dir, label.file));
  const result = await core.lintBytes(bytes, { filePath: `fixtures/realworld/${label.file}` });
  const source = /\.(txt|md|html?)$/.test(label.file) ? bytes.toString('utf8') : null;
  scores.push(scoreFile(label, result, ruleIds, source));
}

const t = totals(scores, ruleIds);
const pct = (x: number | null) => (x === null ? '   –' : x.toFixed(2));
console.log(`rule                         found missed false scored  precision recall`);
for (const r of t) {
  if (!r.found && !r.missed && !r.false && !r.scored) continue;
  console.log(`${r.ruleId.padEnd(28)} ${String(r.found).padStart(5)} ${String(r.missed).padStart(6)} ${String(r.false).padStart(5)} ${String(r.scored).padStart(6)}  ${pct(r.precision).padStart(9)} ${pct(r.recall).padStart(6)}`);
}
const sum = t.reduce((a, r) => ({ found: a.found + r.found, missed: a.missed + r.missed, false: a.false + r.false }), { found: 0, missed: 0, false: 0 });
const exact = scores.filter((s) => s.exact).length;
const fatal = scores.filter((s) => s.fatal).length;
console.log(`all rules                    ${String(sum.found).padStart(5)} ${String(sum.missed).padStart(6)} ${String(sum.false).padStart(5)}`);
console.log(`${labels.length} reports: ${exact} exactly right, ${fatal} unreadable (fatal)${problems ? `, ${problems} label problems` : ''}`);

if (args.includes('--diff')) {
  for (const s of scores) {
    if (s.exact) continue;
    console.log(`\n${s.file}${s.fatal ? `  FATAL ${s.fatal}` : ''}`);
    for (const r of s.rules) for (const n of r.notes) console.log(`  ${r.ruleId}: ${n.slice(0, 220)}`);
  }
}
const out = flag('--json');
if (out) await writeFile(out, JSON.stringify({ totals: t, exact, reports: labels.length, files: scores }, null, 1));
process.exitCode = scores.every((s) => s.exact) && !problems ? 0 : 1;
