/**
 * Turns a rule's proposed edits into edits of the source text, and only when that is certain:
 * at each place the source must hold exactly the text the rule read there (after the opening
 * tags of an HTML cell and any leading spaces). A full-width digit, an HTML entity or a place
 * that does not map back exactly gives no fix — the finding stands without one. A Word draft's
 * fixes are placed by its own fixer (extract/docx/fixer.ts), on the same offsets of mammoth's HTML.
 */
import type { Fix, FixEdit, Fixer, Point, ProposedEdit } from '../types.js';
import { encodeLike } from '../extract/encode.js';

export interface SourceText {
  text: string;
  html: boolean;
  lineStarts: number[];
}

export function sourceText(text: string, html: boolean): SourceText {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  return { text, html, lineStarts };
}

export function resolveFix(src: SourceText, fix: { title: string; edits: ProposedEdit[] }): Fix | null {
  const spans = resolveSpans(src, fix.edits);
  return spans ? { title: fix.title, edits: spans.map((s) => edit(src, s.start, s.end, s.text)) } : null;
}

/** A rule's edits as offsets of the source, sorted and apart; null if any is not certain. */
export function resolveSpans(src: SourceText, edits: ProposedEdit[]): Array<{ start: number; end: number; from: string; text: string }> | null {
  if (edits.length === 0) return null;
  const spans: Array<{ start: number; end: number; from: string; text: string }> = [];
  for (const e of edits) {
    if (!e.at || e.from === '') return null;
    let at = offsetOf(src, e.at.start);
    if (at === null) return null;
    at = skipToText(src, at);
    if (!src.text.startsWith(e.from, at)) return null;
    const end = at + e.from.length;
    // a number must be the whole number written there, not the head of a longer one
    if (/\d/.test(e.from) && (/[\d.]/.test(src.text[end] ?? '') || /\d/.test(src.text[at - 1] ?? ''))) return null;
    spans.push({ start: at, end, from: e.from, text: e.to });
  }
  spans.sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) if (spans[i].start < spans[i - 1].end) return null;
  return spans;
}

/** Whether two fixes touch the same text (alternatives for one place, which cannot both be applied). */
export function fixesOverlap(a: Fix, b: Fix): boolean {
  const before = (l: number, c: number, el: number, ec: number) => l < el || (l === el && c < ec);
  const text = a.edits.some((e) => b.edits.some((t) => before(e.line, e.column, t.endLine, t.endColumn) && before(t.line, t.column, e.endLine, e.endColumn)));
  const word = (a.word ?? []).some((e) => (b.word ?? []).some((t) => e.xmlParagraph === t.xmlParagraph && e.offset < t.offset + t.from.length && t.offset < e.offset + e.from.length));
  return text || word;
}

/** The fixer of a text, Markdown or HTML draft: its source text, written back in its own encoding. */
export function textFixer(src: SourceText, bytes: Uint8Array, encoding: string | undefined): Fixer {
  return {
    resolve: (fix) => resolveFix(src, fix) ?? { refused: 'not-placed' },
    apply: async (fixes) => encodeLike(bytes, encoding, src.text, applyFix(src.text, { title: '', edits: fixes.flatMap((f) => f.edits) })),
  };
}

/** The text with a fix's edits applied (they do not overlap; applied from the last). */
export function applyFix(text: string, fix: Fix): string {
  const src = sourceText(text, false);
  const at = (line: number, column: number) => offsetOf(src, { line, column })!;
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => at(b.line, b.column) - at(a.line, a.column))) out = out.slice(0, at(e.line, e.column)) + e.text + out.slice(at(e.endLine, e.endColumn));
  return out;
}

function offsetOf(src: SourceText, p: Point): number | null {
  const start = src.lineStarts[p.line - 1];
  if (start === undefined) return null;
  const off = start + p.column - 1;
  return off <= src.text.length ? off : null;
}

/** Past spaces, and in HTML past the tags that open a cell (`<td class="x"><span>`). */
function skipToText(src: SourceText, at: number): number {
  const limit = Math.min(src.text.length, at + 2000);
  while (at < limit) {
    const ch = src.text[at];
    if (ch === ' ' || ch === '\t' || ch === '\u3000' || (src.html && (ch === '\n' || ch === '\r'))) at++;
    else if (src.html && ch === '<' && /^<[a-zA-Z][^<>]*>/.test(src.text.slice(at, at + 500))) at = src.text.indexOf('>', at) + 1;
    else break;
  }
  return at;
}

function pointOf(src: SourceText, off: number): { line: number; column: number } {
  let lo = 0;
  let hi = src.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (src.lineStarts[mid] <= off) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: off - src.lineStarts[lo] + 1 };
}

function edit(src: SourceText, start: number, end: number, text: string): FixEdit {
  const a = pointOf(src, start);
  const b = pointOf(src, end);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, text };
}
