/**
 * Findings as an editor sees them: LSP diagnostics (0-based ranges, severity, code = rule id,
 * codeDescription = the rule's doc) and quick fixes (code actions with the edits of a
 * finding's certain fix). Pure functions of the lint result and the document's text.
 */
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { LintMessage, LintResult } from '../types.js';

const SEVERITY: Record<LintMessage['severity'], DiagnosticSeverity> = { 2: DiagnosticSeverity.Error, 1: DiagnosticSeverity.Warning, 0: DiagnosticSeverity.Information };

/** What a diagnostic carries back to the server (LSP keeps `data` between publish and code action). */
export interface DiagnosticData {
  /** index of the message in the result the diagnostic came from */
  index: number;
  version: number;
}

export interface DiagnosticOptions {
  /** the document's uri, for the related places of a grouped finding */
  uri?: string;
  /** the client takes `relatedInformation` (its publishDiagnostics capability); default true */
  relatedInformation?: boolean;
}

export function toDiagnostics(result: LintResult, text: string, version: number, docUrl: (url: string) => string | undefined, options: DiagnosticOptions = {}): Diagnostic[] {
  const lines = text.split('\n');
  const uri = options.uri;
  return result.messages.map((m, index) => {
    const href = m.url ? docUrl(m.url) : undefined;
    const diagnostic: Diagnostic = {
      range: rangeOf(m, lines),
      severity: SEVERITY[m.severity],
      code: m.ruleId,
      ...(href ? { codeDescription: { href } } : {}),
      // a reading doubt is the linter's own uncertainty, not the report's defect: say so
      source: m.kind === 'doubt' ? 'reportlint · 读取疑问' : 'reportlint',
      message: m.message,
      data: { index, version } satisfies DiagnosticData,
      // a grouped finding: each place it covers (every blank cell of the table), with its own text
      ...(uri && options.relatedInformation !== false && m.related?.length
        ? { relatedInformation: m.related.map((r) => ({ location: { uri, range: rangeOf(r, lines) }, message: r.message })) }
        : {}),
    };
    return diagnostic;
  });
}

/**
 * A finding's range. When it has an end, that; when it has a fix, the first edit; else from its
 * point to the end of the word or number there (a point alone draws no squiggle), and a finding
 * about the whole report (a missing section) marks the first line.
 */
export function rangeOf(m: Pick<LintMessage, 'line' | 'column' | 'endLine' | 'endColumn' | 'fix'>, lines: string[]): Range {
  if (!m.line) return { start: { line: 0, character: 0 }, end: { line: 0, character: (lines[0] ?? '').replace(/\r$/, '').length } };
  const line = Math.min(m.line, lines.length) - 1;
  const character = Math.max(0, (m.column ?? 1) - 1);
  const start = { line, character };
  if (m.endLine && m.endColumn && (m.endLine > m.line || m.endColumn > (m.column ?? 1))) return { start, end: { line: m.endLine - 1, character: m.endColumn - 1 } };
  const first = m.fix?.edits[0];
  if (first && first.line === m.line && first.column === m.column && (first.endLine > first.line || first.endColumn > first.column))
    return { start, end: { line: first.endLine - 1, character: first.endColumn - 1 } };
  const rest = (lines[line] ?? '').replace(/\r$/, '').slice(character);
  const word = /^(?:<[^>]*>)*[^\s<|，。；：、,;:（）()“”]{1,24}/.exec(rest)?.[0].length ?? 0;
  return { start, end: { line, character: character + Math.max(1, Math.min(word, rest.length)) } };
}

export function fixEdits(m: LintMessage): TextEdit[] {
  return (m.fix?.edits ?? []).map((e) => ({ range: { start: { line: e.line - 1, character: e.column - 1 }, end: { line: e.endLine - 1, character: e.endColumn - 1 } }, newText: e.text }));
}

/** The quick fixes for the diagnostics the editor asks about (each offered, none applied). */
export function quickFixes(uri: string, result: LintResult, text: string, diagnostics: Diagnostic[], version: number): CodeAction[] {
  const actions: CodeAction[] = [];
  const lines = text.split('\n');
  for (const d of diagnostics) {
    const data = d.data as Partial<DiagnosticData> | undefined;
    // a diagnostic from an older version of the text: its edits would land in the wrong place
    if (data && data.version !== version) continue;
    // a client that does not return `data` (it is optional in LSP): find the finding by rule, place and words
    const index = data?.index ?? result.messages.findIndex((m) => m.ruleId === d.code && m.message === d.message && samePosition(rangeOf(m, lines).start, d.range.start));
    const m = result.messages[index];
    if (!m?.fix || m.ruleId !== d.code) continue;
    actions.push({ title: m.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [uri]: fixEdits(m) } } });
  }
  return actions;
}

const samePosition = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line === b.line && a.character === b.character;
