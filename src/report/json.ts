/** The JSON contract of design.md (ESLint's json formatter shape, plus kind/page/expected/actual). */
import type { LintResult, RelatedLocation } from '../types.js';

/** One place of a grouped finding: located like a message (line/column or page, DOCX paragraph or table cell), with its own text. */
function relatedJson(r: RelatedLocation) {
  return {
    line: r.line,
    column: r.column,
    page: r.page,
    ...(r.paragraph ? { paragraph: r.paragraph } : {}),
    ...(r.tableCell ? { tableCell: r.tableCell } : {}),
    ...(r.cell ? { cell: r.cell } : {}),
    ...(r.quote ? { quote: r.quote } : {}),
    message: r.message,
  };
}

export function formatJson(results: LintResult[], extras: { stale?: Array<{ file: string; ruleId: string; fingerprint: string; message: string; reason: string }> } = {}): string {
  const norm = (p: string) => p.replace(/\\/g, '/');
  return JSON.stringify(
    results.map((r) => ({
      filePath: r.filePath,
      format: r.format,
      encoding: r.encoding ?? null,
      reportYear: r.reportYear,
      template: r.template,
      title: r.title ?? null,
      issuer: r.issuer ?? null,
      messages: r.messages.map((m) => ({
        ruleId: m.ruleId,
        severity: m.severity,
        kind: m.kind,
        message: m.message,
        line: m.line,
        column: m.column,
        page: m.page,
        ...(m.paragraph ? { paragraph: m.paragraph } : {}),
        ...(m.tableCell ? { tableCell: m.tableCell } : {}),
        ...(m.expected !== undefined ? { expected: m.expected } : {}),
        ...(m.actual !== undefined ? { actual: m.actual } : {}),
        ...(m.cell ? { cell: m.cell } : {}),
        ...(m.quote ? { quote: m.quote } : {}),
        ...(m.url ? { url: m.url } : {}),
        ...(m.fatal ? { fatal: true } : {}),
        ...(m.fix ? { fix: m.fix } : {}),
        ...(m.fixRefused ? { fixRefused: m.fixRefused } : {}),
        ...(m.related?.length ? { related: m.related.map(relatedJson) } : {}),
        ...(m.ocr ? { ocr: true } : {}),
        ...(m.unsureOf ? { unsureOf: m.unsureOf } : {}),
      })),
      ...(r.suppressedMessages?.length ? { suppressedMessages: r.suppressedMessages.map((m) => ({ ruleId: m.ruleId, severity: m.severity, kind: m.kind, message: m.message, line: m.line, column: m.column, page: m.page, ...(m.related?.length ? { related: m.related.map(relatedJson) } : {}), suppressions: m.suppressions })) } : {}),
      ...(extras.stale?.some((e) => e.file === norm(r.filePath)) ? { staleBaseline: extras.stale.filter((e) => e.file === norm(r.filePath)) } : {}),
      errorCount: r.errorCount,
      warningCount: r.warningCount,
      infoCount: r.infoCount,
      doubtCount: r.doubtCount,
      fatal: r.fatal,
      // a scan: the pages read by OCR and the engine
      ...(r.ocr ? { ocr: r.ocr } : {}),
      ...(r.output !== undefined ? { output: r.output } : {}),
    })),
    null,
    2,
  );
}
