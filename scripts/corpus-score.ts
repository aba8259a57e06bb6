/**
 * Scores the linter against the real corpus (fixtures/realworld): the hand labels say which
 * findings a careful auditor expects on each report (see fixtures/realworld/LABELLING.md).
 * Two label forms are read: the given `expected.json` (ids only) and `<file>.label.json`
 * beside each added report (ids with counts and the quoted place).
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { LintMessage, LintResult } from '../src/types.js';

export interface ExpectedFinding {
  ruleId: string;
  /** how many messages of the rule (default 1) */
  count?: number;
  /** exact text the finding sits on: one message must be placed on text containing it */
  quote?: string;
  why?: string;
}

export interface Label {
  /** path relative to the corpus folder */
  file: string;
  expect: ExpectedFinding[];
  ignore: Record<string, string>;
  traps: Record<string, string>;
  truncated: boolean;
  /** the id-only form of expected.json: counts are not labelled */
  idsOnly: boolean;
  year?: number;
  issuerType?: string;
}

interface SharedEntry {
  expect: string[];
  ignore: string[];
  why?: Record<string, string>;
  trap_for?: string[];
  truncated?: boolean;
  year?: number;
}
interface LabelFile {
  expect?: Array<ExpectedFinding | string>;
  ignore?: Record<string, string>;
  traps?: Record<string, string>;
  truncated?: boolean;
  year?: number;
  issuerType?: string;
}

/** Every labelled report of the corpus, in a stable order. */
export async function loadCorpus(dir: string): Promise<Label[]> {
  const labels: Label[] = [];
  const shared = JSON.parse(await readFile(path.join(dir, 'expected.json'), 'utf8')) as Record<string, SharedEntry>;
  for (const [file, e] of Object.entries(shared)) {
    labels.push({
      file,
      expect: e.expect.map((ruleId) => ({ ruleId })),
      ignore: Object.fromEntries(e.ignore.map((id) => [id, e.why?.[id] ?? ''])),
      traps: Object.fromEntries((e.trap_for ?? []).map((id) => [id, e.why?.[id] ?? ''])),
      truncated: e.truncated ?? false,
      idsOnly: true,
      year: e.year,
    });
  }
  for (const entry of (await readdir(dir, { recursive: true })).sort()) {
    const rel = entry.toString();
    if (!rel.endsWith('.label.json')) continue;
    const l = JSON.parse(await readFile(path.join(dir, rel), 'utf8')) as LabelFile;
    const stem = rel.slice(0, -'.label.json'.length);
    const names = await readdir(path.join(dir, path.dirname(rel)));
    const doc = names.find((n) => n !== path.basename(rel) && n.startsWith(path.basename(stem) + '.') && !/\.(json|md)$/.test(n));
    if (!doc) throw new Error(`${rel}: no report beside the label`);
    labels.push({
      file: path.join(path.dirname(rel), doc),
      expect: (l.expect ?? []).map((x) => (typeof x === 'string' ? { ruleId: x } : x)),
      ignore: l.ignore ?? {},
      traps: l.traps ?? {},
      truncated: l.truncated ?? false,
      idsOnly: false,
      year: l.year,
      issuerType: l.issuerType,
    });
  }
  return labels;
}

/** Problems with a label itself (not with the linter): a label that cannot be scored honestly. */
export function labelProblems(label: Label, ruleIds: readonly string[]): string[] {
  const out: string[] = [];
  const known = new Set(ruleIds);
  for (const f of label.expect) if (!known.has(f.ruleId)) out.push(`unknown rule in expect: ${f.ruleId}`);
  for (const id of Object.keys(label.ignore)) if (!known.has(id)) out.push(`unknown rule in ignore: ${id}`);
  for (const f of label.expect) if (f.ruleId in label.ignore) out.push(`${f.ruleId} both expected and ignored`);
  if (label.truncated && !('required-sections' in label.ignore) && !label.expect.some((f) => f.ruleId === 'required-sections'))
    out.push('a truncated page must not score required-sections');
  return out;
}

export type Verdict = 'ok' | 'found' | 'missed' | 'false' | 'ignored';

export interface RuleScore {
  ruleId: string;
  verdict: Verdict;
  expected: number;
  reported: number;
  /** the labelled count and places were met (always true for ids-only labels once found) */
  exact: boolean;
  /** what was off: missing places, wrong count, false messages */
  notes: string[];
}

export interface FileScore {
  file: string;
  rules: RuleScore[];
  exact: boolean;
  fatal: string | null;
}

/** The text a message is placed on, as far as the result says it. */
function placeText(m: LintMessage, sourceLines: string[] | null): string {
  const related = (m as LintMessage & { related?: Array<{ quote?: string; message?: string }> }).related ?? [];
  const line = sourceLines && m.line ? (sourceLines[m.line - 1] ?? '') : '';
  return [m.quote ?? '', line, m.message, ...related.map((r) => `${r.quote ?? ''} ${r.message ?? ''}`)].join('\n');
}

const squash = (s: string) => s.replace(/\s+/g, '');

export function scoreFile(label: Label, result: LintResult, ruleIds: readonly string[], source: string | null): FileScore {
  if (result.fatal) {
    const reason = result.messages[0]?.message ?? 'fatal';
    return { file: label.file, rules: [], exact: false, fatal: reason };
  }
  const lines = source ? source.split(/\r?\n/) : null;
  const rules: RuleScore[] = [];
  for (const ruleId of ruleIds) {
    const msgs = result.messages.filter((m) => m.ruleId === ruleId);
    const wanted = label.expect.filter((f) => f.ruleId === ruleId);
    if (ruleId in label.ignore) {
      rules.push({ ruleId, verdict: 'ignored', expected: 0, reported: msgs.length, exact: true, notes: [] });
      continue;
    }
    const expected = wanted.reduce((n, f) => n + (f.count ?? 1), 0);
    const notes: string[] = [];
    let verdict: Verdict;
    if (expected === 0) verdict = msgs.length ? 'false' : 'ok';
    else verdict = msgs.length ? 'found' : 'missed';
    if (verdict === 'false') for (const m of msgs) notes.push(`false: ${m.line ?? m.page ?? ''} ${m.message}`);
    if (verdict === 'found' && !label.idsOnly) {
      if (msgs.length !== expected) notes.push(`count: expected ${expected}, reported ${msgs.length}`);
      for (const f of wanted) {
        if (f.quote && !msgs.some((m) => squash(placeText(m, lines)).includes(squash(f.quote!)))) notes.push(`place: no message on 「${f.quote}」`);
      }
    }
    if (verdict === 'missed') notes.push(`missed: ${wanted.map((f) => f.quote ?? f.why ?? '').join(' / ')}`);
    rules.push({ ruleId, verdict, expected, reported: msgs.length, exact: verdict === 'ok' || (verdict === 'found' && notes.length === 0), notes });
  }
  return { file: label.file, rules, exact: rules.every((r) => r.exact), fatal: null };
}

export interface Totals {
  ruleId: string;
  found: number;
  missed: number;
  false: number;
  /** files where the rule was scored */
  scored: number;
  precision: number | null;
  recall: number | null;
}

/** Per rule: defects found, missed, and files with a false finding of it. */
export function totals(scores: FileScore[], ruleIds: readonly string[]): Totals[] {
  return ruleIds.map((ruleId) => {
    let found = 0;
    let missed = 0;
    let falses = 0;
    let scored = 0;
    for (const s of scores) {
      if (s.fatal) continue;
      const r = s.rules.find((x) => x.ruleId === ruleId)!;
      if (r.verdict === 'ignored') continue;
      scored++;
      if (r.verdict === 'found') found++;
      if (r.verdict === 'missed') missed++;
      if (r.verdict === 'false') falses++;
    }
    return {
      ruleId,
      found,
      missed,
      false: falses,
      scored,
      precision: found + falses ? found / (found + falses) : null,
      recall: found + missed ? found / (found + missed) : null,
    };
  });
}
