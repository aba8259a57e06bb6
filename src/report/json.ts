/** The JSON contract of design.md (ESLint's json formatter shape, plus kind/page/expected/actual). */
import type { LintResult } from '../types.js';

export function formatJson(results: LintResult[]): string {
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
      })),
      errorCount: r.errorCount,
      warningCount: r.warningCount,
      infoCount: r.infoCount,
      doubtCount: r.doubtCount,
      fatal: r.fatal,
    })),
    null,
    2,
  );
}
