/**
 * How a rule is written: ESLint-style `meta` (id, type, default severity, docs url,
 * messages by id in Chinese and English, options schema) beside a check that reads the
 * model. `defineRule` turns it into a unified lint plugin (unified-lint-rule).
 */
import { lintRule } from 'unified-lint-rule';
import type { Plugin } from 'unified';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { FindingKind, Lang, Level, Place, ProposedEdit, TemplateVersion } from '../types.js';
import type { ReportModel } from '../model/index.js';

export const DOCS_BASE = 'docs/rules/';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Params = any;

export interface MessageText {
  zh: (p: Params) => string;
  en: (p: Params) => string;
}

export interface RuleMeta {
  id: string;
  /** 'problem': the report is wrong; 'suggestion': it could be better; 'reading': our own doubt */
  type: 'problem' | 'suggestion' | 'reading';
  kind: FindingKind;
  severity: Exclude<Level, 'off'>;
  templates: TemplateVersion[];
  description: { zh: string; en: string };
  /** some findings come with a certain fix (`check --fix` applies it) */
  fixable?: boolean;
  docs: string;
  messages: Record<string, MessageText>;
  /** JSON schema of the rule's options */
  schema?: Record<string, unknown>;
  defaultOptions?: Record<string, unknown>;
}

export interface Finding {
  place?: Place;
  expected?: string | number;
  actual?: string | number;
  cell?: { table: string; row?: string; column?: string };
  quote?: string;
  page?: number | null;
  /** an info-level note whatever the rule's level (something worth knowing, not a defect to fix) */
  note?: boolean;
  /** a certain correction: its title is one of the rule's messages; the core checks each edit against the source */
  fix?: { messageId: string; params?: Params; edits: ProposedEdit[] };
  /**
   * The places a finding repeated in one place covers (each blank cell of a table, each mistyped
   * row label), when the rule reports them as one finding: each with its own short text (one of
   * the rule's messages). The finding itself should stand at the first of them.
   */
  related?: RelatedPlace[];
  /**
   * The cells a reported sum is made of, for a tally finding: the page showing the report lights
   * them beside the total (the message already names them, so results carry them no further).
   */
  operands?: Place[];
}

/** One place of a grouped finding, located like the finding itself. */
export interface RelatedPlace {
  place?: Place;
  /** the place's own short text: one of the rule's messages */
  messageId: string;
  params?: Params;
  cell?: { table: string; row?: string; column?: string };
  quote?: string;
  page?: number | null;
}

/** A related place as the core receives it from a rule: its text already in the message language. */
export interface RelatedData {
  place?: Place;
  message: string;
  cell?: { table: string; row?: string; column?: string };
  quote?: string;
  page: number | null;
}

/** What a rule's finding carries to the core on its VFile message (`message.data`). */
export interface FindingData {
  kind: FindingKind;
  messageId: string;
  cell?: { table: string; row?: string; column?: string };
  quote?: string;
  page: number | null;
  note: boolean;
  fix?: { title: string; edits: ProposedEdit[] };
  related?: RelatedData[];
  operands?: Place[];
}

export type { ProposedEdit } from '../types.js';

export interface RuleContext<O> {
  model: ReportModel;
  file: VFile;
  options: O;
  lang: Lang;
  report(messageId: string, params: Params, finding?: Finding): void;
}

export interface Rule<O = Record<string, unknown>> {
  meta: RuleMeta;
  plugin: Plugin<[unknown?], Node>;
  check: (ctx: RuleContext<O>) => void;
}

export interface FileData {
  report?: ReportModel;
  lang?: Lang;
}

export function defineRule<O = Record<string, unknown>>(meta: Omit<RuleMeta, 'docs'> & { docs?: string }, check: (ctx: RuleContext<O>) => void): Rule<O> {
  const full: RuleMeta = { ...meta, docs: meta.docs ?? `${DOCS_BASE}${meta.id}.md` };
  const plugin = lintRule({ origin: `reportlint:${full.id}`, url: full.docs }, (_tree: Node, file: VFile, options: unknown) => {
    const data = file.data as FileData;
    const report = data.report;
    if (!report) return;
    if (!full.templates.includes(report.template)) return;
    const lang = data.lang ?? 'zh';
    const opts = { ...(full.defaultOptions ?? {}), ...((options as object) ?? {}) } as O;
    const context: RuleContext<O> = {
      model: report,
      file,
      options: opts,
      lang,
      report(messageId, params, finding = {}) {
        const text = full.messages[messageId];
        if (!text) throw new Error(`rule ${full.id}: no message '${messageId}'`);
        const place = finding.place ? (finding.place.end ? { start: finding.place.start, end: finding.place.end } : finding.place.start) : undefined;
        const msg = file.message(text[lang](params), { place, ruleId: full.id, source: 'reportlint' }) as VFileMessage & { data?: unknown };
        if (finding.expected !== undefined) msg.expected = [String(finding.expected)];
        if (finding.actual !== undefined) msg.actual = String(finding.actual);
        const fixText = finding.fix ? full.messages[finding.fix.messageId] : undefined;
        if (finding.fix && !fixText) throw new Error(`rule ${full.id}: no message '${finding.fix.messageId}'`);
        const fix = finding.fix && fixText ? { title: fixText[lang](finding.fix.params ?? params), edits: finding.fix.edits } : undefined;
        const related = finding.related?.map((r): RelatedData => {
          const t = full.messages[r.messageId];
          if (!t) throw new Error(`rule ${full.id}: no message '${r.messageId}'`);
          return { place: r.place, message: t[lang](r.params ?? {}), cell: r.cell, quote: r.quote, page: r.page ?? null };
        });
        msg.data = { kind: full.kind, messageId, cell: finding.cell, quote: finding.quote, page: finding.page ?? null, note: finding.note ?? false, fix, ...(related?.length ? { related } : {}), ...(finding.operands?.length ? { operands: finding.operands } : {}) } satisfies FindingData;
      },
    };
    const found = file.messages.length;
    try {
      check(context);
    } catch (error) {
      // A rule that fails (a bug of ours, or a plugin's) takes back what it said and says that it
      // could not check: a reading doubt, kept apart; the other rules' findings stand.
      file.messages.splice(found);
      const detail = String((error as Error)?.message ?? error).slice(0, 200);
      const msg = file.message(lang === 'zh' ? `规则 ${full.id} 检查这份报告时出错（reportlint 的内部错误：${detail}），未能给出结论；请把文件报告给维护者` : `rule ${full.id} failed on this report (an internal error in reportlint: ${detail}) and gives no conclusion; please report the file to the maintainers`, { ruleId: full.id, source: 'reportlint' }) as VFileMessage & { data?: unknown };
      msg.data = { kind: 'doubt', messageId: 'internal-error', page: null, note: false } satisfies FindingData;
    }
  });
  return { meta: full, plugin: plugin as unknown as Plugin<[unknown?], Node>, check };
}
