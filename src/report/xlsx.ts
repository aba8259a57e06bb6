/**
 * Findings as an Excel workbook, for the supervising office that audits hundreds of reports:
 * sheet 1 lists every finding (one row each, filterable), sheet 2 gives one row per file.
 * Built in memory (no file system) so it runs wherever the core runs.
 */
import ExcelJS from 'exceljs';
import { location } from './location.js';
import type { RuleMeta } from '../engine/rule.js';
import type { Lang, LintMessage, LintResult } from '../types.js';

const words = {
  zh: {
    findings: '问题清单',
    summary: '汇总',
    findingHeaders: ['文件', '发布机关', '年度', '规则', '级别', '位置', '引文', '问题说明', '应为', '实际', '类型', '涉及位置'],
    summaryHeaders: ['文件', '发布机关', '年度', '格式版本', '错误数', '警告数', '提示数', '读取存疑数', '最主要的问题', '是否可读'],
    level: { 2: '错误', 1: '警告', 0: '提示' } as Record<number, string>,
    doubt: '读取存疑',
    kind: { defect: '报告缺陷', doubt: '读取存疑' },
    fatal: '无法读取',
    yes: '是',
    no: '否',
    top: (id: string, n: number, errors: boolean, desc: string) => `${id}（${n} 个${errors ? '错误' : '警告'}）${desc ? `：${desc}` : ''}`,
  },
  en: {
    findings: 'Findings',
    summary: 'Summary',
    findingHeaders: ['File', 'Issuer', 'Year', 'Rule', 'Level', 'Location', 'Quote', 'Message', 'Expected', 'Actual', 'Kind', 'Places'],
    summaryHeaders: ['File', 'Issuer', 'Year', 'Format', 'Errors', 'Warnings', 'Notes', 'Reading doubts', 'Main problem', 'Readable'],
    level: { 2: 'error', 1: 'warning', 0: 'info' } as Record<number, string>,
    doubt: 'reading doubt',
    kind: { defect: 'defect', doubt: 'doubt' },
    fatal: 'unreadable',
    yes: 'yes',
    no: 'no',
    top: (id: string, n: number, errors: boolean, desc: string) => `${id} (${n} ${errors ? 'error' : 'warning'}${n === 1 ? '' : 's'})${desc ? `: ${desc}` : ''}`,
  },
};

/**
 * Every text cell goes through here. Text starting with = + - @ (after any leading spaces),
 * or with a tab or CR, is what spreadsheet software may run as a formula (CSV/formula
 * injection: quotes and messages come from untrusted web pages). A leading ' makes it plain
 * text (OWASP). Excel also refuses cells over 32,767 characters.
 */
export function safeText(s: string | null | undefined): string {
  if (s === null || s === undefined) return '';
  const t = /^[\t\r]|^\s*[=+\-@]/.test(s) ? `'${s}` : s;
  return t.length > 32767 ? t.slice(0, 32766) + '…' : t;
}

/** Where a finding is, in the stylish reporter's words; no place at all is a blank cell, not '-'. */
const where = (m: Parameters<typeof location>[0], lang: Lang): string => {
  const text = location(m, lang);
  return text === '-' ? '' : text;
};

/** A grouped finding's places, one a line: where, then what is wrong there (「87:3 「…」行「商业企业」列为空」). */
const places = (m: LintMessage, lang: Lang): string => (m.related ?? []).map((r) => [where(r, lang), r.message].filter(Boolean).join(' ')).join('\n');

/** The rule a reader of the summary should look at first: most errors, else most warnings (report defects only). */
function mainProblem(r: LintResult, rules: RuleMeta[], lang: Lang): string {
  const w = words[lang];
  if (r.fatal) return w.fatal;
  for (const severity of [2, 1] as const) {
    const counts = new Map<string, number>();
    for (const m of r.messages) if (m.severity === severity && m.kind === 'defect') counts.set(m.ruleId, (counts.get(m.ruleId) ?? 0) + 1);
    if (counts.size === 0) continue;
    // ties go to the rule listed first in the messages (they are in document order)
    const [id, n] = [...counts].reduce((best, c) => (c[1] > best[1] ? c : best));
    return w.top(id, n, severity === 2, rules.find((x) => x.id === id)?.description[lang] ?? '');
  }
  return '';
}

/** An empty text is an empty cell (a filter then offers it as 「空白」), not a cell holding ''. */
const blank = <T>(v: T) => (v === '' ? null : v);

/** Header row bold and frozen, autofilter over the whole table. */
function finishSheet(ws: ExcelJS.Worksheet, columns: number, rows: number): void {
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows + 1, column: columns } };
}

export async function formatXlsx(results: LintResult[], options: { lang: Lang; rules: RuleMeta[] }): Promise<Uint8Array> {
  const { lang, rules } = options;
  const w = words[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'reportlint';

  const findings = wb.addWorksheet(w.findings);
  const widths = [40, 24, 8, 26, 10, 18, 30, 70, 30, 30, 10, 60];
  findings.columns = w.findingHeaders.map((header, i) => ({ header: safeText(header), width: widths[i] }));
  // messages are long: wrap them rather than widen the sheet; rows align at the top so they read across
  findings.getColumn(8).alignment = { wrapText: true, vertical: 'top' };
  findings.getColumn(12).alignment = { wrapText: true, vertical: 'top' };
  let n = 0;
  for (const r of results) {
    for (const m of r.messages) {
      findings.addRow([
        safeText(r.filePath),
        safeText(r.issuer?.name),
        r.reportYear ?? null, // a number, so the year column sorts and filters as numbers
        safeText(m.fatal ? w.fatal : m.ruleId),
        // a doubt is about our reading, not the report: its own label rather than a severity
        safeText(m.kind === 'doubt' && !m.fatal ? w.doubt : w.level[m.severity]),
        safeText(where(m, lang)),
        safeText(m.quote),
        safeText(m.message),
        safeText(m.expected),
        safeText(m.actual),
        safeText(w.kind[m.kind]),
        // a grouped finding stays one row: the places it covers, one line each
        safeText(places(m, lang)),
      ].map(blank));
      n++;
    }
  }
  finishSheet(findings, w.findingHeaders.length, n);

  const summary = wb.addWorksheet(w.summary);
  const sumWidths = [40, 24, 8, 10, 8, 8, 8, 12, 60, 10];
  summary.columns = w.summaryHeaders.map((header, i) => ({ header: safeText(header), width: sumWidths[i] }));
  summary.getColumn(9).alignment = { wrapText: true, vertical: 'top' };
  for (const r of results) {
    summary.addRow([
      safeText(r.filePath),
      safeText(r.issuer?.name),
      r.reportYear ?? null,
      safeText(r.template),
      r.errorCount,
      r.warningCount,
      r.infoCount,
      r.doubtCount,
      safeText(mainProblem(r, rules, lang)),
      safeText(r.fatal ? w.no : w.yes),
    ].map(blank));
  }
  finishSheet(summary, w.summaryHeaders.length, results.length);

  const buffer = await wb.xlsx.writeBuffer();
  return buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
}
