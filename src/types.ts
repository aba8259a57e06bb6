/** Shared types of the core: formats, positions, results. */
import type { Root } from 'mdast';

export type Format = 'text' | 'markdown' | 'html' | 'docx' | 'pdf';
export type TemplateVersion = '2019' | '2021';
export type Lang = 'zh' | 'en';
/** Severity as configured: error (2), warn (1), info (0). */
export type Level = 'error' | 'warn' | 'info' | 'off';
/** A report defect, or a doubt about our own reading of the document. */
export type FindingKind = 'defect' | 'doubt';

/** A place in the source file (1-based line/column, like unist). */
export interface Point {
  line: number;
  column: number;
  offset?: number;
}
export interface Place {
  start: Point;
  end?: Point;
}

/** What an extractor hands on: the tree plus facts about the bytes. */
export interface Extracted {
  format: Format;
  encoding?: string;
  tree: Root;
}

export interface LintMessage {
  ruleId: string;
  severity: 0 | 1 | 2;
  kind: FindingKind;
  message: string;
  line: number | null;
  column: number | null;
  endLine?: number | null;
  endColumn?: number | null;
  page: number | null;
  expected?: string;
  actual?: string;
  url?: string;
  /** Table cell (or row) the finding is about, when there is one. */
  cell?: { table: string; row?: string; column?: string };
  /** A short quote of the text the finding is about. */
  quote?: string;
  fatal?: boolean;
}

export interface LintResult {
  filePath: string;
  format: Format | null;
  encoding?: string;
  reportYear: number | null;
  template: TemplateVersion | null;
  title?: string | null;
  issuer?: { name: string; type: string } | null;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  doubtCount: number;
  fatal: boolean;
}
