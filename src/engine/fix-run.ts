/**
 * `check --fix` in the core, bytes in, bytes out: lint, apply every certain fix, lint the fixed
 * bytes, and report what is left (ESLint's convention). No file system here: the CLI reads the
 * file and writes the result (in place, or a Word draft's copy beside it).
 *
 * ESLint loops up to 10 times because one rule's fix may let another rule fix more. Here every fix
 * offered was already proved together with the others by a lint of the fixed file (lint.ts), so one
 * pass applies all that can be applied; the loop only goes on if the lint of the fixed file offers
 * new certain fixes (none of the pack's rules does that today). It ends: each pass removes at least
 * one finding and adds none, and after MAX_PASSES it stops anyway. Each pass's lint of the fixed
 * bytes is also the check of that pass: if it found anything that was not there before, the pass is
 * undone and its fixes reported as not proved (it can differ from the proof only when the caller
 * applied some of the proved fixes and not others, e.g. leaving those a baseline accepts).
 */
import type { Fix, Format, LintMessage, LintResult, WordEdit } from '../types.js';
import { lintBytes, type LintOptions } from './lint.js';
import { fixesOverlap, sourceText, textFixer } from './fix.js';
import { fixReason } from './fix-reasons.js';
import { decodeText } from '../extract/detect.js';

export const MAX_PASSES = 10;

/** One change of a fix as the user sees it: its place, and the text before and after. */
export interface FixChange {
  line?: number;
  column?: number;
  paragraph?: number | null;
  tableCell?: WordEdit['tableCell'];
  before: string;
  after: string;
}

export interface AppliedFix {
  ruleId: string;
  message: string;
  title: string;
  cell?: LintMessage['cell'];
  quote?: string;
  changes: FixChange[];
}

export interface FixRun {
  /** the lint of the fixed bytes (of the original when nothing was fixed) */
  result: LintResult;
  /** the fixed bytes, or null when no fix was applied */
  output: Uint8Array | null;
  applied: AppliedFix[];
  passes: number;
}

/**
 * @param select the findings whose fixes may be applied (default: every finding reported; a CLI
 *   leaves out those its baseline accepts)
 */
export async function lintAndFix(bytes: Uint8Array, options: LintOptions = {}, select: (r: LintResult) => LintMessage[] = (r) => r.messages): Promise<FixRun> {
  const opts = { ...options, fixes: true };
  let current = bytes;
  let result = await lintBytes(current, opts);
  const applied: AppliedFix[] = [];
  let passes = 1;
  for (; passes <= MAX_PASSES && !result.fatal && result.format !== null; passes++) {
    // proved fixes never overlap (lint.ts refuses both of two that do); should two, the first is kept
    const chosen: LintMessage[] = [];
    for (const m of select(result)) if (m.fix && !chosen.some((c) => fixesOverlap(c.fix!, m.fix!))) chosen.push(m);
    if (chosen.length === 0) break;
    const next = await applyFixes(current, result.format, chosen.map((m) => m.fix!));
    if (!next) break;
    const after = await lintBytes(next, opts);
    if (after.fatal || !nothingNew(result, chosen, after)) {
      for (const m of chosen) {
        m.fixRefused = { title: m.fix!.title, reason: fixReason('not-proved', options.lang ?? 'zh'), code: 'not-proved' };
        delete m.fix;
      }
      break;
    }
    applied.push(...describe(current, result.format, chosen));
    current = next;
    result = after;
  }
  return { result, output: applied.length > 0 ? current : null, applied, passes: Math.min(passes, MAX_PASSES) };
}

/** The bytes with these fixes applied: the same function the proof in lint.ts used, so the same bytes. */
export async function applyFixes(bytes: Uint8Array, format: Format, fixes: Fix[]): Promise<Uint8Array | null> {
  if (format === 'docx') {
    const { rewriteDocx } = await import('../extract/docx/rewrite.js');
    return rewriteDocx(bytes, fixes.flatMap((f) => f.word ?? []));
  }
  if (format === 'pdf') return null;
  const { text, encoding } = decodeText(bytes, format);
  return textFixer(sourceText(text, format === 'html'), bytes, encoding).apply(fixes);
}

const key = (m: LintMessage) => `${m.ruleId}\u0000${m.message}`;

/** Every finding after the fixes was there before, other than the fixed ones. */
function nothingNew(before: LintResult, fixed: LintMessage[], after: LintResult): boolean {
  const left = new Map<string, number>();
  for (const m of [...before.messages, ...(before.suppressedMessages ?? [])]) left.set(key(m), (left.get(key(m)) ?? 0) + 1);
  // by key, not by object: the caller's selection may be copies (a baseline's)
  for (const m of fixed) left.set(key(m), (left.get(key(m)) ?? 0) - 1);
  return [...after.messages, ...(after.suppressedMessages ?? [])].every((m) => {
    const n = left.get(key(m)) ?? 0;
    left.set(key(m), n - 1);
    return n > 0;
  });
}

function describe(bytes: Uint8Array, format: Format, fixed: LintMessage[]): AppliedFix[] {
  const text = format === 'docx' ? '' : decodeText(bytes, format).text;
  const lines = format === 'docx' ? [] : lineStarts(text);
  const offset = (line: number, column: number) => lines[line - 1] + column - 1;
  return fixed.map((m) => ({
    ruleId: m.ruleId,
    message: m.message,
    title: m.fix!.title,
    ...(m.cell ? { cell: m.cell } : {}),
    ...(m.quote ? { quote: m.quote } : {}),
    changes:
      format === 'docx'
        ? (m.fix!.word ?? []).map((w) => ({ paragraph: w.paragraph ?? null, tableCell: w.tableCell ?? null, before: w.from, after: w.text }))
        : m.fix!.edits.map((e) => ({ line: e.line, column: e.column, before: text.slice(offset(e.line, e.column), offset(e.endLine, e.endColumn)), after: e.text })),
  }));
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i + 1);
  return out;
}
