/**
 * The data of an audit: one record per report (a line of results.jsonl), the facts about a
 * report that checks across reports need, and the findings of those checks. Pure data.
 */
import type { LintResult, TemplateVersion } from '../types.js';

/** Table 3's seven applicant columns, by key (natural … total), as numbers or null (blank, unread). */
export type ColumnValues = Record<string, number | null>;

/** What cross-report checks need to know about one report, taken from its model. */
export interface ReportFacts {
  body: string | null;
  year: number | null;
  template: TemplateVersion | null;
  /** 表3 二、上年结转 and 四、结转下年度继续办理, per column */
  carriedOver: ColumnValues | null;
  carriedForward: ColumnValues | null;
  /** 2021 表2 （一）: 本年制发件数, 本年废止件数, 现行有效件数 for 规章 and 行政规范性文件 */
  inForce: Record<'rules' | 'normativeDocs', { issued: number | null; repealed: number | null; inForce: number | null }> | null;
  /** counts an outlier check compares year on year and between peers */
  counts: Record<string, number | null>;
  /** MinHash signature of the prose (character shingles), for copied-content */
  minhash: number[] | null;
  /** characters of prose the signature was taken from */
  proseLength: number;
}

/** One line of results.jsonl. */
export interface AuditRecord {
  /** stable key of the input: the path as given (relative) or the URL */
  id: string;
  source: string;
  /** from the manifest, else from the report */
  body: string | null;
  year: number | null;
  region: string | null;
  /** hex sha-256 of the bytes checked (null when they could not be fetched) */
  sha256: string | null;
  result: LintResult;
  facts: ReportFacts | null;
  durationMs: number;
  cached: boolean;
}

/** A finding that needs several reports: carry-over, in-force-continuity, copied-content, outlier. */
export interface CrossFinding {
  ruleId: 'carry-over' | 'in-force-continuity' | 'copied-content' | 'outlier';
  severity: 0 | 1 | 2;
  /** the records it is about, the later report first */
  ids: string[];
  body: string | null;
  year: number | null;
  message: string;
  expected?: string;
  actual?: string;
  /** copied-content: estimated Jaccard similarity of the two reports' prose */
  similarity?: number;
}

/** A manifest row: what should be checked, and what is known of it beforehand. */
export interface ManifestEntry {
  source: string;
  body: string | null;
  year: number | null;
  region: string | null;
}
