/**
 * Fingerprints of a file's findings: what stays the same when lines above a finding move and
 * whatever the message language — the rule, the file, the cell it names, the text it quotes and
 * the value found there (the message only when there is none of these, line references taken
 * out; for a grouped finding also the cells and quotes of the places it covers, so that a
 * blank cell added to or filled in a table's blank-cells finding makes it a different finding)
 * — hashed with FNV-1a 64 (no node:crypto: the core runs in a browser), plus the finding's
 * rank among equal ones so two identical findings in a file stay two. Used by baselines and by
 * SARIF's partialFingerprints.
 */
import type { LintMessage } from '../types.js';

type Fingerprinted = Pick<LintMessage, 'ruleId' | 'message' | 'cell' | 'quote' | 'actual' | 'related'>;

export function fnv1a64(text: string): string {
  const mask = (1n << 64n) - 1n;
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & mask;
  }
  return h.toString(16).padStart(16, '0');
}

function key(m: Fingerprinted, filePath: string): string {
  const what =
    m.cell || m.quote || m.actual !== undefined
      ? [m.cell ? `${m.cell.table}|${m.cell.row ?? ''}|${m.cell.column ?? ''}` : '', m.quote ?? '', m.actual ?? ''].join('\u0000')
      : m.message.replace(/第\s*\d+\s*行|\blines?\s+\d+(?::\d+)?/gi, '').replace(/\s+/g, ' ').trim();
  // the places a grouped finding covers, by what they are (never by their lines or their words)
  const places = (m.related ?? []).map((r) => `${r.cell ? `${r.cell.table}|${r.cell.row ?? ''}|${r.cell.column ?? ''}` : ''}|${r.quote ?? ''}`);
  return [m.ruleId, filePath.replace(/\\/g, '/'), what, ...(places.length ? [places.join('\u0001')] : [])].join('\u0000');
}

/** One fingerprint per message, in order: `<16 hex digits>:<n>`. */
export function fingerprints(messages: Fingerprinted[], filePath: string): string[] {
  const seen = new Map<string, number>();
  return messages.map((m) => {
    const k = key(m, filePath);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return `${fnv1a64(k)}:${n}`;
  });
}
