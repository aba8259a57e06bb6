import type { DocumentView } from './engine/view.js';
/** Shared types of the core: formats, positions, results. */
import type { Root } from 'mdast';

export type Format = 'text' | 'markdown' | 'html' | 'docx' | 'pdf' | 'image';
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

/**
 * Where a finding is, as the reader of the original file sees it. Text and HTML have lines;
 * a PDF has pages (line = line on that page); a DOCX has neither, so it has paragraph and
 * table indexes (1-based, in document order) and always a quote of the text.
 */
export interface SourceLocation {
  line?: number | null;
  column?: number | null;
  page?: number | null;
  /** the n-th paragraph of the document body (tables not counted) */
  paragraph?: number | null;
  /** a cell of the document's n-th table, row and column in its grid */
  tableCell?: { table: number; row: number; column: number } | null;
  quote?: string;
  /** read by OCR from a scanned page */
  ocr?: boolean;
  /** (a finding's places on a scan) read below OCR's confidence threshold: what rests on it is a reading doubt */
  unsure?: boolean;
}

/** What an extractor hands on: the tree plus facts about the bytes. */
export interface Extracted {
  format: Format;
  encoding?: string;
  tree: Root;
  /** the decoded source of a text, Markdown or HTML file: what the user edits (directives, fixes) */
  source?: string;
  /**
   * For formats whose tree positions are not the user's (DOCX: positions in mammoth's HTML;
   * PDF: lines of the rebuilt text), turns a tree point into the user's location.
   */
  locate?: (point: Point) => SourceLocation;
  /** pages read by OCR (a scan), and the engine that read them */
  ocr?: { engine: string; pages: number[] };
  /** a scan's: whether what a finding reads between two points rests on a word OCR was unsure of */
  unsure?: (start: Point, end?: Point | null) => boolean;
  /**
   * For formats the linter can correct in their own file (DOCX: word/document.xml's runs),
   * places a rule's proposed correction in that file and applies placed corrections to its bytes.
   * Text, Markdown and HTML get theirs from their source text in the core.
   */
  fixer?: Fixer;
}

/** Replace `from`, which a rule read at `at` (a place in the tree), by `to`. */
export interface ProposedEdit {
  at?: Place;
  from: string;
  to: string;
}

/** Why a correction a rule proposed is not applied (each has a sentence in fix-reasons.ts). */
export type FixRefusal =
  | 'not-placed'
  | 'overlap'
  | 'not-proved'
  | 'too-slow'
  | 'encoding'
  | 'docx-not-found'
  | 'docx-ambiguous'
  | 'docx-complex'
  | 'docx-label';

/** Places proposed corrections in one file and applies them (bytes in, bytes out). */
export interface Fixer {
  resolve(fix: { title: string; edits: ProposedEdit[] }): Fix | { refused: FixRefusal };
  /** the file's bytes with these fixes applied (they do not overlap); null if they cannot all be applied */
  apply(fixes: Fix[]): Promise<Uint8Array | null>;
}

export interface SuppressedMessage extends LintMessage {
  suppressions: Array<{ kind: 'directive' | 'baseline'; justification: string }>;
}

/** Where a message, or one of the places it covers, stands in the user's file. */
export interface Located {
  line: number | null;
  column: number | null;
  endLine?: number | null;
  endColumn?: number | null;
  page: number | null;
  /** DOCX: the paragraph (1-based) or table cell it points to */
  paragraph?: number | null;
  tableCell?: { table: number; row: number; column: number } | null;
}

export interface LintMessage extends Located {
  ruleId: string;
  severity: 0 | 1 | 2;
  kind: FindingKind;
  message: string;
  expected?: string;
  actual?: string;
  url?: string;
  /** Table cell (or row) the finding is about, when there is one. */
  cell?: { table: string; row?: string; column?: string };
  /** A short quote of the text the finding is about. */
  quote?: string;
  fatal?: boolean;
  /** a certain correction: a quick fix in an editor, applied by `check --fix` (DOCX: to a copy) */
  fix?: Fix;
  /** a correction the rule proposed that is not certain, and why: `check --fix` leaves it */
  fixRefused?: { title: string; reason: string; code: FixRefusal };
  /**
   * A finding repeated in one place (blank cells in many rows of one table) is one message: its
   * `related` lists every place it covers, each located like the message itself, with its own
   * short text. The message stands at the first of them.
   */
  related?: RelatedLocation[];
  /** read from a scanned page by OCR (the message says so: 识别自扫描件) */
  ocr?: boolean;
  /** a reading doubt made of a finding whose reading was unsure: the rule that would have reported it */
  unsureOf?: string;
}

/** One of the places a grouped finding covers (SARIF `relatedLocations`, LSP `relatedInformation`). */
export interface RelatedLocation extends Located {
  /** the template cell (or row) this place is, by its names */
  cell?: { table: string; row?: string; column?: string };
  quote?: string;
  /** what is wrong at this place, in the message language */
  message: string;
}

/**
 * A correction the user may apply, as a quick fix: each range (1-based, end exclusive, in the
 * source text) is replaced by its text. Offered only when the linter checked that the source
 * holds exactly what the finding read there and that the corrected file lints with no new
 * finding; applied only by `check --fix`. A Word draft's fix has no text edits but `word` edits.
 */
export interface Fix {
  /** what the fix does, in the message language */
  title: string;
  edits: FixEdit[];
  /** DOCX: the edits of word/document.xml's runs */
  word?: WordEdit[];
}
/**
 * An edit of a Word draft: in the n-th `<w:p>` of word/document.xml (document order, table cells
 * and all), the text `from` at `offset` of the paragraph's run text is replaced by `text`.
 * `paragraph`/`tableCell` say where that is as findings do.
 */
export interface WordEdit {
  xmlParagraph: number;
  offset: number;
  from: string;
  text: string;
  paragraph?: number | null;
  tableCell?: { table: number; row: number; column: number } | null;
}
export interface FixEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
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
  /** findings turned off by an inline directive or a baseline, with the reason (ESLint's shape) */
  suppressedMessages?: SuppressedMessage[];
  /** `check --fix`: the fixed text of a text, Markdown or HTML draft, when a fix changed it (ESLint's field) */
  output?: string;
  /** the report as blocks with the findings that point into each (asked for with `view: true`) */
  view?: DocumentView;
  /** the pages read by OCR (a scanned report) and the engine that read them */
  ocr?: { engine: string; pages: number[] };
}
