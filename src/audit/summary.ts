/**
 * The compact summary of one audit record: what the end of an audit (checks across reports,
 * summary.xlsx, the dashboard's totals, chart and row order) needs to know about a report, without
 * its messages. The end phase keeps one summary per report and re-reads a report's full record from
 * results.jsonl only to write its row of the dashboard, so memory does not grow with the messages.
 * Also the tallies shared by the dashboard and the workbook. Pure data, no I/O.
 */
import type { LintMessage } from '../types.js';
import type { RuleMeta } from '../engine/rule.js';
import type { AuditRecord, CrossFinding, ReportFacts } from './types.js';

/** Facts with the MinHash signature as 32-bit integers (a quarter of a number[]'s memory). */
export type CompactFacts = Omit<ReportFacts, 'minhash'> & { minhash: Uint32Array | null };

export interface RecordSummary {
  id: string;
  source: string;
  region: string | null;
  /** the record's own body and year (the manifest's, else the report's): the checks across reports use them */
  body: string | null;
  year: number | null;
  /** bodyName() and recordYear() of the record: what the dashboard and the workbook show */
  name: string | null;
  shownYear: number | null;
  fatal: boolean;
  /** read (in whole or part) by OCR */
  scanned: boolean;
  errorCount: number;
  errors: number;
  warnings: number;
  notes: number;
  doubts: number;
  /** per rule with a defect: [ruleId, findings at error or warning level, info notes] */
  rules: Array<[string, number, number]>;
  facts: CompactFacts | null;
  /** where the record's line is in results.jsonl (bytes), when it was read from or written to it */
  at?: number;
  length?: number;
}

/** A report's findings by tone: the report's defects by severity; our reading doubts and a failed read apart. */
export interface RecordTally {
  errors: number;
  warnings: number;
  notes: number;
  doubts: number;
  /** the file could not be read at all: nothing in it was checked */
  unreadable: boolean;
  /** ids of the rules the report breaks (a defect at error or warning level), in the pack's order */
  rules: string[];
}

export const isDefect = (m: LintMessage) => !m.fatal && m.kind === 'defect';

/** Orders rule ids as the pack lists them, others (a plugin's) after, by name. */
export function ruleOrder(rules: RuleMeta[]): (a: string, b: string) => number {
  const rank = new Map(rules.map((r, i) => [r.id, i]));
  return (a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The body's name: the manifest's, else the issuer the report names; null when neither is known. */
export function bodyName(record: AuditRecord): string | null {
  const name = record.body?.trim() || record.result.issuer?.name?.trim();
  return name || null;
}

export function recordYear(record: AuditRecord): number | null {
  return record.year ?? record.result.reportYear ?? null;
}

export function summarize(record: AuditRecord): RecordSummary {
  const r = record.result;
  const s: RecordSummary = {
    id: record.id,
    source: record.source,
    region: record.region,
    body: record.body,
    year: record.year,
    name: bodyName(record),
    shownYear: recordYear(record),
    fatal: r.fatal,
    scanned: !!r.ocr,
    errorCount: r.errorCount,
    errors: 0,
    warnings: 0,
    notes: 0,
    doubts: 0,
    rules: [],
    facts: record.facts ? { ...record.facts, minhash: record.facts.minhash ? Uint32Array.from(record.facts.minhash) : null } : null,
  };
  if (r.fatal) return s;
  const byRule = new Map<string, [string, number, number]>();
  for (const m of r.messages) {
    if (m.fatal) continue;
    if (m.kind === 'doubt') s.doubts++;
    else if (m.severity === 2) s.errors++;
    else if (m.severity === 1) s.warnings++;
    else s.notes++;
    if (!isDefect(m)) continue;
    let e = byRule.get(m.ruleId);
    if (!e) byRule.set(m.ruleId, (e = [m.ruleId, 0, 0]));
    if (m.severity >= 1) e[1]++;
    else e[2]++;
  }
  s.rules = [...byRule.values()];
  return s;
}

export function tallyOf(s: RecordSummary, rules: RuleMeta[]): RecordTally {
  if (s.fatal) return { errors: 0, warnings: 0, notes: 0, doubts: 0, unreadable: true, rules: [] };
  return { errors: s.errors, warnings: s.warnings, notes: s.notes, doubts: s.doubts, unreadable: false, rules: s.rules.filter((e) => e[1] > 0).map((e) => e[0]).sort(ruleOrder(rules)) };
}

export function tallyRecord(record: AuditRecord, rules: RuleMeta[]): RecordTally {
  return tallyOf(summarize(record), rules);
}

/** What counts as one body: its name; a report whose body is unknown is a body of its own. */
export const summaryBodyKey = (s: RecordSummary): string => s.name ?? `\u0000${s.id}`;

export interface RuleTally {
  ruleId: string;
  /** bodies that break the rule in any of their reports (each body counted once) */
  bodies: number;
  /** findings at error or warning level */
  findings: number;
  /** info-level notes of the rule */
  notes: number;
}

/**
 * Per rule: how many bodies break it and how often, report defects only (reading doubts and
 * unreadable files left out). Every rule of `rules` that can find a defect is listed, so a rule
 * no body broke shows 0; rules seen only in the data (a plugin's) are added. Most bodies first.
 */
export function tallyRules(records: Array<AuditRecord | RecordSummary>, rules: RuleMeta[]): RuleTally[] {
  const byRule = new Map<string, { bodies: Set<string>; findings: number; notes: number }>();
  const entry = (id: string) => {
    let e = byRule.get(id);
    if (!e) byRule.set(id, (e = { bodies: new Set(), findings: 0, notes: 0 }));
    return e;
  };
  for (const r of rules) if (r.kind === 'defect') entry(r.id);
  for (const x of records) {
    const s = 'result' in x ? summarize(x) : x;
    if (s.fatal) continue;
    for (const [id, findings, notes] of s.rules) {
      const e = entry(id);
      e.findings += findings;
      e.notes += notes;
      if (findings > 0) e.bodies.add(summaryBodyKey(s));
    }
  }
  const order = ruleOrder(rules);
  return [...byRule]
    .map(([ruleId, e]) => ({ ruleId, bodies: e.bodies.size, findings: e.findings, notes: e.notes }))
    .sort((a, b) => b.bodies - a.bodies || b.findings - a.findings || order(a.ruleId, b.ruleId));
}

/** The cross-report findings about each record (a finding names every record it is about, and is listed under each). */
export function crossByRecord(records: Array<{ id: string }>, cross: CrossFinding[]): { byId: Map<string, CrossFinding[]>; unattached: CrossFinding[] } {
  const known = new Set(records.map((r) => r.id));
  const byId = new Map<string, CrossFinding[]>();
  const unattached: CrossFinding[] = [];
  for (const f of cross) {
    const ids = [...new Set(f.ids)].filter((id) => known.has(id));
    if (!ids.length) unattached.push(f);
    for (const id of ids) {
      const list = byId.get(id) ?? [];
      list.push(f);
      byId.set(id, list);
    }
  }
  return { byId, unattached };
}
