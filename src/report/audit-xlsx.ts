/**
 * An audit's workbook (`<out>/summary.xlsx`) for the supervising office: one row per report
 * (body and year) with its counts and the rules it breaks, one row per rule with how many bodies
 * break it, the cross-report findings, and — when the manifest lists the bodies expected to
 * report — who did not report and whose report could not be read.
 *
 * Counts are by tone, as on the dashboard: the report's errors, warnings and notes, and apart
 * from them our reading doubts; an unreadable file has no counts (nothing in it was checked).
 * Every text cell goes through safeText (reports, names and messages come from outside).
 */
import ExcelJS from 'exceljs';
import { safeText } from './xlsx.js';
import { PassThrough, type Writable } from 'node:stream';
import { crossByRecord, summarize, tallyOf, tallyRules, type RecordSummary } from '../audit/summary.js';
import type { AuditCoverage } from './dashboard.js';
import type { RuleMeta } from '../engine/rule.js';
import type { Lang } from '../types.js';
import type { AuditRecord, CrossFinding } from '../audit/types.js';

export interface AuditXlsxOptions {
  lang: Lang;
  rules: RuleMeta[];
  coverage?: AuditCoverage;
}

const words = {
  zh: {
    bodies: '各单位',
    rules: '各规则',
    cross: '跨报告问题',
    coverage: '覆盖情况',
    bodyHeaders: ['单位', '地区', '年度', '错误数', '警告数', '提示数', '读取存疑数', '违反的规则', '跨报告问题数', '是否可读', '报告文件或网址'],
    ruleHeaders: ['规则', '说明', '违反的单位数', '问题数', '提示数'],
    crossHeaders: ['规则', '级别', '单位', '年度', '问题说明', '相似度', '涉及的报告'],
    coverageHeaders: ['单位', '情况', '年度'],
    level: { 2: '错误', 1: '警告', 0: '提示' } as Record<number, string>,
    missing: '未报送报告',
    unreadable: '报告无法读取',
    yes: '是',
    no: '否',
    join: '、',
  },
  en: {
    bodies: 'Bodies',
    rules: 'Rules',
    cross: 'Cross-report',
    coverage: 'Coverage',
    bodyHeaders: ['Body', 'Region', 'Year', 'Errors', 'Warnings', 'Notes', 'Reading doubts', 'Rules broken', 'Cross-report findings', 'Readable', 'Report file or URL'],
    ruleHeaders: ['Rule', 'Description', 'Bodies breaking it', 'Findings', 'Notes'],
    crossHeaders: ['Rule', 'Level', 'Body', 'Year', 'Message', 'Similarity', 'Reports'],
    coverageHeaders: ['Body', 'Status', 'Year'],
    level: { 2: 'error', 1: 'warning', 0: 'info' } as Record<number, string>,
    missing: 'no report',
    unreadable: 'report unreadable',
    yes: 'yes',
    no: 'no',
    join: ', ',
  },
};

/** An empty text is an empty cell (a filter then offers it as blank), not a cell holding ''. */
const blank = <T>(v: T) => (v === '' ? null : v);

type Sheet = ExcelJS.Worksheet;

/**
 * A sheet of the streaming writer: header row bold, frozen below it (the view must be known before
 * the first row is written), each row written out as it is added, the autofilter set at the end.
 */
function addSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, headers: string[], widths: number[]): Sheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = headers.map((header, i) => ({ header: safeText(header), width: widths[i] }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

function addRow(ws: Sheet, values: unknown[]): void {
  ws.addRow(values.map(blank)).commit();
}

function finishSheet(ws: Sheet, columns: number, rows: number): void {
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows + 1, column: columns } };
  (ws as unknown as { commit(): void }).commit();
}

/**
 * Writes the workbook to `stream` from the records' summaries (in the order of results.jsonl),
 * a row at a time: the rows are not all held in memory as cells.
 */
export async function writeAuditXlsx(summaries: RecordSummary[], cross: CrossFinding[], options: AuditXlsxOptions, stream: Writable): Promise<void> {
  const lang: Lang = options.lang === 'en' ? 'en' : 'zh';
  const w = words[lang];
  const { rules } = options;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'reportlint';
  const { byId } = crossByRecord(summaries, cross);
  const byRecordId = new Map(summaries.map((r) => [r.id, r]));

  // 各单位: one row per report, in the order given
  const bodies = addSheet(wb, w.bodies, w.bodyHeaders, [30, 16, 8, 8, 8, 8, 11, 40, 12, 9, 50]);
  bodies.getColumn(8).alignment = { wrapText: true, vertical: 'top' };
  for (const s of summaries) {
    const t = tallyOf(s, rules);
    // an unreadable file was not checked: blank counts, not zeros
    const count = (n: number) => (t.unreadable ? null : n);
    addRow(bodies, [
      safeText(s.name),
      safeText(s.region),
      s.shownYear, // a number, so the year sorts and filters as one
      count(t.errors),
      count(t.warnings),
      count(t.notes),
      count(t.doubts),
      safeText(t.rules.join(w.join)),
      byId.get(s.id)?.length ?? 0,
      safeText(t.unreadable ? w.no : w.yes),
      safeText(s.source),
    ]);
  }
  finishSheet(bodies, w.bodyHeaders.length, summaries.length);

  // 各规则: the pack's rules that find defects (and any others seen), most bodies first
  const ruleSheet = addSheet(wb, w.rules, w.ruleHeaders, [28, 60, 14, 10, 10]);
  ruleSheet.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  const meta = new Map(rules.map((r) => [r.id, r]));
  const tallies = tallyRules(summaries, rules);
  for (const t of tallies) addRow(ruleSheet, [safeText(t.ruleId), safeText(meta.get(t.ruleId)?.description[lang]), t.bodies, t.findings, t.notes]);
  finishSheet(ruleSheet, w.ruleHeaders.length, tallies.length);

  // 跨报告问题: as found, the later report's body and year
  const crossSheet = addSheet(wb, w.cross, w.crossHeaders, [20, 8, 30, 8, 80, 10, 50]);
  crossSheet.getColumn(5).alignment = { wrapText: true, vertical: 'top' };
  crossSheet.getColumn(6).numFmt = '0%';
  for (const f of cross) {
    const first = byRecordId.get(f.ids[0] ?? '');
    const body = f.body ?? first?.name ?? null;
    const year = f.year ?? first?.shownYear ?? null;
    const similarity = typeof f.similarity === 'number' && Number.isFinite(f.similarity) ? f.similarity : null;
    addRow(crossSheet, [
      safeText(f.ruleId),
      safeText(w.level[f.severity]),
      safeText(body),
      year,
      safeText(f.message),
      similarity,
      safeText(f.ids.map((id) => byRecordId.get(id)?.source ?? id).join('\n')),
    ]);
  }
  finishSheet(crossSheet, w.crossHeaders.length, cross.length);

  // 覆盖情况: only when the manifest said who should report
  if (options.coverage) {
    const { year, missing, unreadable } = options.coverage;
    const cov = addSheet(wb, w.coverage, w.coverageHeaders, [36, 16, 8]);
    const rows = [...missing.map((b) => [b, w.missing]), ...unreadable.map((b) => [b, w.unreadable])];
    for (const [b, status] of rows) addRow(cov, [safeText(b), safeText(status), year]);
    finishSheet(cov, w.coverageHeaders.length, rows.length);
  }
  await wb.commit();
}

/** The workbook of full records, as bytes. */
export async function formatAuditXlsx(records: AuditRecord[], cross: CrossFinding[], options: AuditXlsxOptions): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => sink.on('end', resolve));
  await writeAuditXlsx(records.map(summarize), cross, options, sink);
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
