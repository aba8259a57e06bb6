/**
 * What the page and its lint worker say to each other. The worker holds the core (the same
 * lintBytes, rules and reporters as the CLI); the page only shows what comes back.
 */
import type { Lang, LintResult, TemplateVersion } from '../types.js';
import type { RuleSettings } from '../engine/config.js';

export interface PageSettings {
  lang: Lang;
  /** 'auto': chosen from the reporting year, as the CLI does without --template */
  template: 'auto' | TemplateVersion;
  /** rule levels: the dropped config file's, then the page's own choices over them */
  rules: RuleSettings;
}

export type Request =
  | { type: 'lint'; id: number; index: number; name: string; bytes: Uint8Array; settings: PageSettings }
  | { type: 'rules'; id: number }
  | { type: 'export'; id: number; kind: 'xlsx' | 'html'; results: LintResult[]; lang: Lang }
  | { type: 'config'; id: number; name: string; text: string };

export type Reply =
  | { type: 'linted'; id: number; result: LintResult; markup: string; fixed: FixedCopy | null }
  | { type: 'rules'; id: number; rules: RuleInfo[] }
  | { type: 'exported'; id: number; bytes: Uint8Array; mime: string }
  | { type: 'config'; id: number; rules: RuleSettings; template?: TemplateVersion; lang?: Lang }
  | { type: 'failed'; id: number; message: string };

/** A rule as the settings list shows it. */
export interface RuleInfo {
  id: string;
  severity: string;
  description: Record<Lang, string>;
}

/** The draft with every certain fix applied: offered for download (text, Markdown, HTML). */
export interface FixedCopy {
  name: string;
  /** in the draft's own encoding */
  bytes: Uint8Array;
  mime: string;
  /** how many fixes went into it */
  count: number;
}
