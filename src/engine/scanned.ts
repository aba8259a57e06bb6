/**
 * Findings on a scanned report. Each finding read from an OCR'd page says so (识别自扫描件),
 * so a reader checks it against the scan before blaming anyone. A finding that rests on a
 * reading the engine was unsure of — its own place, a cell it adds up, a place it groups — is not
 * a defect the linter read with certainty: it becomes a reading doubt (`unreadable`) that names
 * the unsure place and what the rule would have reported, and it is counted with the doubts.
 */
import type { Lang, LintMessage, SourceLocation } from '../types.js';

const words = {
  zh: {
    scanned: '（识别自扫描件）',
    unsure: (where: string, quote: string, ruleId: string, message: string) =>
      `读取存疑：扫描件${where}「${quote}」识别不确定，无法据此判断；${ruleId} 规则据这一读法本会报告：${message}`,
    page: (p: number | null | undefined, l: number | null | undefined) => (p ? `第 ${p} 页${l ? `第 ${l} 行` : ''}` : ''),
  },
  en: {
    scanned: ' (read from a scan)',
    unsure: (where: string, quote: string, ruleId: string, message: string) =>
      `reading doubt: the scan's reading of “${quote}”${where} is unsure, so nothing is concluded from it; on that reading, ${ruleId} would have reported: ${message}`,
    page: (p: number | null | undefined, l: number | null | undefined) => (p ? ` on page ${p}${l ? `, line ${l}` : ''}` : ''),
  },
};

/**
 * `at`: where each message and the places it rests on were read (the message's own place first).
 * `doubtSeverity`: the level of the `unreadable` rule, or null when it is turned off (the doubt is then dropped too).
 */
export function markScanned(messages: LintMessage[], at: Array<SourceLocation[]>, lang: Lang, doubtSeverity: 0 | 1 | 2 | null): LintMessage[] {
  const w = words[lang];
  const out: LintMessage[] = [];
  messages.forEach((m, i) => {
    const places = at[i];
    if (!places.some((p) => p.ocr)) {
      out.push(m);
      return;
    }
    const unsure = m.kind === 'defect' ? places.find((p) => p.unsure) : undefined;
    if (!unsure) {
      out.push({ ...m, message: m.message + w.scanned, ocr: true });
      return;
    }
    if (doubtSeverity === null) return;
    const { fix: _fix, fixRefused: _refused, ...rest } = m;
    out.push({
      ...rest,
      ruleId: 'unreadable',
      unsureOf: m.ruleId,
      kind: 'doubt',
      severity: doubtSeverity,
      message: w.unsure(w.page(unsure.page, unsure.line), (unsure.quote ?? '').slice(0, 20), m.ruleId, m.message),
      ocr: true,
    });
  });
  return out;
}
