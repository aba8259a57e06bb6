/**
 * The core: bytes in, results out. detect → extract → normalize → model → rules.
 * No file system, process or network here, so the same code can run in a browser.
 */
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { Root } from 'mdast';
import type { Fixer, FixRefusal, Lang, LintMessage, LintResult, Point, RelatedLocation, SourceLocation, TemplateVersion } from '../types.js';
import { extract } from '../extract/index.js';
import { ExtractError } from '../extract/errors.js';
import { deadlineAfter, type Deadline } from '../extract/deadline.js';
import type { PdfThreads } from '../extract/pdf/thread.js';
import type { PdfAssets } from '../extract/pdf/load.js';
import { normalizeTree } from '../extract/normalize.js';
import { buildModel, type ReportModel } from '../model/index.js';
import { rules } from '../../rules/index.js';
import { resolveRules, type RuleSettings } from './config.js';
import type { FileData, FindingData, RelatedData, Rule } from './rule.js';
import { buildView } from './view.js';
import { findDirectives, suppressedBy } from './directives.js';
import { decodeText } from '../extract/detect.js';
import { fixesOverlap, sourceText, textFixer, type SourceText } from './fix.js';
import { fixReason } from './fix-reasons.js';
import { markScanned } from './scanned.js';
import type { OcrOptions } from '../extract/ocr/engine.js';

export interface LintOptions {
  /** the name shown in results (and used for the extension when sniffing fails) */
  filePath?: string;
  lang?: Lang;
  rules?: RuleSettings;
  preset?: string;
  /** force a template version instead of choosing it from the reporting year */
  template?: TemplateVersion;
  /** also return the report as blocks with its findings in place (for the HTML reporter) */
  view?: boolean;
  /** rules from outside the pack (a plugin's), run after the pack's */
  plugins?: Rule[];
  /** called with the report's model once it is built (an audit takes the facts it needs across reports) */
  onModel?: (model: ReportModel) => void;
  /**
   * offer certain fixes (default true): each is checked by linting the fixed text, and kept only
   * if that removes its own finding and changes no other — a batch audit, which shows none, skips it
   */
  fixes?: boolean;
  /**
   * time budget for the file, in milliseconds (default 60 s; Infinity for none): past it the file
   * gets one fatal reason and the run goes on
   */
  timeLimit?: number;
  /**
   * where pdf.js parses (extract/pdf/thread.ts): a host that can give it a thread of its own
   * (the CLI, audit, the language server) passes them, so a budget can stop pdf.js mid-parse
   */
  pdfThreads?: PdfThreads;
  /** where pdf.js finds its CMaps and standard fonts (default: the folders of pdfjs-dist; a browser passes its own readers) */
  pdfAssets?: PdfAssets;
  /** how scanned pages and page images are read (an OCR engine the host provides); without it a scan is a fatal reason */
  ocr?: OcrOptions;
  /** the report's further page images, when it came as several (a folder of scans): read after `bytes` */
  morePages?: Uint8Array[];
}

export const DEFAULT_TIME_LIMIT = 60_000;

const SEVERITY = { error: 2, warn: 1, info: 0 } as const;

/**
 * Every input gets exactly one result: its findings, or one fatal reason (a limit passed, the
 * time budget spent, a damaged file — or, should one slip through, an error of our own).
 */
export async function lintBytes(bytes: Uint8Array, options: LintOptions = {}): Promise<LintResult> {
  const deadline = deadlineAfter(options.timeLimit ?? DEFAULT_TIME_LIMIT);
  try {
    return await lintWithin(bytes, options, deadline);
  } catch (error) {
    const known = error instanceof ExtractError ? error : new ExtractError('internal', { detail: String((error as Error)?.message ?? error).slice(0, 200) });
    return fatalResult(options.filePath ?? '<input>', known, options.lang ?? 'zh');
  }
}

async function lintWithin(bytes: Uint8Array, options: LintOptions, deadline: Deadline): Promise<LintResult> {
  const filePath = options.filePath ?? '<input>';
  const lang = options.lang ?? 'zh';
  const ruleList = [...rules, ...(options.plugins ?? [])];
  const resolved = resolveRules(options.rules, options.preset, ruleList);
  const doc = await extract(bytes, filePath, { deadline, pdfThreads: options.pdfThreads, pdfAssets: options.pdfAssets, ocr: options.ocr, morePages: options.morePages });
  deadline.check();
  const normalization = normalizeTree(doc.tree);
  deadline.check();
  const model = buildModel(doc.tree, normalization, { pageTitle: doc.pageTitle, pageTitlePlace: doc.pageTitlePlace, template: options.template });
  deadline.check();
  options.onModel?.(model);
  const file = new VFile({ path: filePath });
  (file.data as FileData).report = model;
  (file.data as FileData).lang = lang;

  const processor = unified();
  for (const rule of ruleList) {
    const setting = resolved.get(rule.meta.id);
    if (!setting) continue;
    processor.use(() => () => deadline.check());
    processor.use(rule.plugin, [setting.level === 'error' ? 'error' : 'warn', setting.options]);
  }
  await processor.run(doc.tree as Root, file);
  // drafts written as text, Markdown or HTML: the source is what the user edits (inline
  // directives, quick fixes); a Word draft's fixes are placed in its XML by its own fixer, and a
  // PDF has none (its text is not the file)
  const editable = doc.format === 'text' || doc.format === 'markdown' || doc.format === 'html';
  const source: SourceText | null = editable ? sourceText(doc.source ?? decodeText(bytes, doc.format).text, doc.format === 'html') : null;
  // corrections: in the source text of a draft, in a Word draft's runs (its extractor's fixer); none in a PDF
  const fixer: Fixer | null = options.fixes === false ? null : source ? textFixer(source, bytes, doc.encoding) : (doc.fixer ?? null);

  const ordered = [...file.messages].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''),
  );
  // DOCX and PDF positions are the rebuilt document's: the extractor says where that is for the user.
  const locate = (start: Point | undefined, end: Point | null | undefined) => {
    const where: SourceLocation | null = doc.locate && start ? doc.locate({ line: start.line, column: start.column ?? 1 }) : null;
    const whereEnd = doc.locate && end ? doc.locate(end) : null;
    return {
      where,
      line: where ? (where.line ?? null) : (start?.line ?? null),
      column: where ? (where.column ?? null) : (start?.column ?? null),
      endLine: where ? (whereEnd?.line ?? null) : (end?.line ?? null),
      endColumn: where ? (whereEnd?.column ?? null) : (end?.column ?? null),
    };
  };
  const relatedOf = (r: RelatedData): RelatedLocation => {
    const at = locate(r.place?.start, r.place?.end);
    return {
      line: at.line,
      column: at.column,
      ...(at.endLine !== null ? { endLine: at.endLine, endColumn: at.endColumn } : {}),
      page: at.where?.page ?? r.page ?? null,
      ...(at.where?.paragraph ? { paragraph: at.where.paragraph } : {}),
      ...(at.where?.tableCell ? { tableCell: at.where.tableCell } : {}),
      ...(r.cell ? { cell: r.cell } : {}),
      ...(r.quote || at.where?.quote ? { quote: r.quote ?? at.where?.quote } : {}),
      message: r.message,
    };
  };
  const dataOf = (m: (typeof ordered)[number]) => ((m as { data?: unknown }).data ?? {}) as Partial<FindingData>;
  // a scan's findings: where each one and the places it rests on were read (scanned.ts)
  const readAt = new Map<LintMessage, SourceLocation[]>();
  const restsOn = (m: (typeof ordered)[number]): SourceLocation[] => {
    const data = dataOf(m);
    const own = m.place ? ('start' in m.place ? m.place : { start: m.place }) : m.line ? { start: { line: m.line, column: m.column ?? 1 } } : null;
    type Spot = { start?: { line: number; column?: number }; end?: { line: number; column?: number } } | null | undefined;
    const places: Spot[] = [own as Spot, ...(data.related ?? []).map((r) => r.place as Spot), ...((data.operands ?? []) as Spot[])];
    return places.flatMap((p) => {
      if (!p?.start || !doc.locate) return [];
      const start = { line: p.start.line, column: p.start.column ?? 1 };
      const end = p.end ? { line: p.end.line, column: p.end.column ?? 1 } : null;
      return [{ ...doc.locate(start), ...(doc.unsure?.(start, end) ? { unsure: true } : {}) }];
    });
  };
  const messages: LintMessage[] = ordered.map((m) => {
    const data = dataOf(m);
    const placed = fixer && data.fix ? fixer.resolve(data.fix) : null;
    const fix = placed && 'edits' in placed ? placed : null;
    const refused = placed && 'refused' in placed ? { title: data.fix!.title, reason: fixReason(placed.refused, lang), code: placed.refused } : null;
    const level = resolved.get(m.ruleId ?? '')?.level ?? 'warn';
    const end = m.place && 'end' in m.place ? m.place.end : null;
    const at = locate(m.line ? { line: m.line, column: m.column ?? 1 } : undefined, end);
    const where = at.where;
    const message: LintMessage = {
      ruleId: m.ruleId ?? 'unknown',
      // a rule may mark one of its findings as a note: an info, whatever the rule's level
      severity: data.note ? 0 : SEVERITY[level],
      kind: data.kind ?? 'defect',
      message: m.reason,
      line: at.line,
      column: at.column,
      endLine: at.endLine,
      endColumn: at.endColumn,
      page: where?.page ?? data.page ?? null,
      ...(where?.paragraph ? { paragraph: where.paragraph } : {}),
      ...(where?.tableCell ? { tableCell: where.tableCell } : {}),
      ...(m.expected ? { expected: m.expected.join(' / ') } : {}),
      ...(m.actual !== undefined ? { actual: m.actual } : {}),
      url: m.url ?? undefined,
      ...(data.cell ? { cell: data.cell } : {}),
      ...(data.quote || where?.quote ? { quote: data.quote ?? where?.quote } : {}),
      ...(fix ? { fix } : {}),
      ...(refused ? { fixRefused: refused } : {}),
      ...(data.related?.length ? { related: data.related.map(relatedOf) } : {}),
    };
    if (doc.ocr) readAt.set(message, restsOn(m));
    return message;
  });
  // inline directives in drafts written as text, Markdown or HTML
  const directives = source ? findDirectives(source.text) : [];
  if (fixer) await keepCertainFixes(messages, fixer, options, deadline);
  // a grouped finding is turned off only where every place it covers is
  const by = messages.map((m) => {
    const first = suppressedBy(directives, m.ruleId, m.line);
    return first && (m.related ?? []).every((r) => suppressedBy(directives, m.ruleId, r.line)) ? first : null;
  });
  const unsureLevel = resolved.get('unreadable');
  const kept = doc.ocr
    ? markScanned(
        messages.filter((_, i) => !by[i]),
        messages.filter((_, i) => !by[i]).map((m) => readAt.get(m) ?? []),
        lang,
        unsureLevel ? SEVERITY[unsureLevel.level] : null,
      )
    : messages.filter((_, i) => !by[i]);
  const suppressedMessages = messages.flatMap((m, i) => (by[i] ? [{ ...m, suppressions: [{ kind: 'directive' as const, justification: by[i]!.reason ?? '' }] }] : []));
  return summarise({
    filePath,
    format: doc.format,
    encoding: doc.encoding,
    reportYear: model.reportingYear,
    template: model.template,
    title: model.title?.text ?? null,
    issuer: model.issuer,
    messages: kept,
    ...(suppressedMessages.length > 0 ? { suppressedMessages } : {}),
    ...(doc.ocr ? { ocr: doc.ocr } : {}),
    fatal: false,
    ...(options.view
      ? {
          view: buildView(
            model,
            ordered
              .filter((_, i) => !by[i])
              .map((m) => ({
                at: m.line ? { line: m.line, column: m.column ?? 1 } : null,
                related: (dataOf(m).related ?? []).map((r) => r.place?.start ?? null),
                operands: (dataOf(m).operands ?? []).map((p) => p.start),
              })),
          ),
        }
      : {}),
  });
}

/**
 * Lint text that is already decoded (an editor's buffer, a fixed draft): as UTF-8 behind a BOM,
 * so the charset an HTML page declares is not applied a second time; the core drops the BOM,
 * so positions are the text's own.
 */
export function lintText(text: string, options: LintOptions = {}): Promise<LintResult> {
  return lintBytes(new TextEncoder().encode(`\uFEFF${text}`), options);
}

/**
 * A fix is certain only if the fixed file — the very bytes `check --fix` would write, a Word
 * draft's rewritten package included — lints to no finding that was not there before, and not
 * to its own: a total that the prose also states, or a part that is the real mistake, shows up
 * as a new finding. (Fixing a total may clear the other sums it stood in.) One lint with every
 * fix applied proves them all at once — the only extra lint a report costs. When that lint finds
 * something new (two fixes for one typo, say), which fix caused it is not known, so none is
 * offered; fixes whose edits overlap (alternatives for one place) cannot be applied together
 * and are not offered either. A fix not proved is not offered, and the finding says why
 * (`fixRefused`): a missing fix costs a keystroke, a wrong one a defect.
 */
async function keepCertainFixes(messages: LintMessage[], fixer: Fixer, options: LintOptions, deadline: Deadline): Promise<void> {
  const fixed = messages.filter((m) => m.fix);
  if (fixed.length === 0) return;
  const lang = options.lang ?? 'zh';
  const refuse = (m: LintMessage, code: FixRefusal) => {
    m.fixRefused = { title: m.fix!.title, reason: fixReason(code, lang), code };
    delete m.fix;
  };
  const key = (m: LintMessage) => `${m.ruleId}\u0000${m.message}`;
  const together: LintMessage[] = [];
  const clashing: LintMessage[] = [];
  for (const m of fixed) (fixed.some((o) => o !== m && fixesOverlap(o.fix!, m.fix!)) ? clashing : together).push(m);
  for (const m of clashing) refuse(m, 'overlap');
  if (together.length === 0) return;
  let after: LintMessage[];
  try {
    deadline.check();
    const bytes = await fixer.apply(together.map((m) => m.fix!));
    if (!bytes) {
      for (const m of together) refuse(m, 'encoding');
      return;
    }
    const r = await lintWithin(bytes, { ...options, view: false, onModel: undefined, fixes: false }, deadline);
    after = [...r.messages, ...(r.suppressedMessages ?? [])];
  } catch (error) {
    // the time budget ran out while proving: the findings stand, their fixes are not offered
    if (!(error instanceof ExtractError && error.code === 'too-slow')) throw error;
    for (const m of together) refuse(m, 'too-slow');
    return;
  }
  // certain: every finding after the fixes was there before, and none of the fixed ones is left
  const left = new Map<string, number>();
  for (const b of messages) if (!together.includes(b)) left.set(key(b), (left.get(key(b)) ?? 0) + 1);
  const proved = after.every((a) => {
    const n = left.get(key(a)) ?? 0;
    left.set(key(a), n - 1);
    return n > 0;
  });
  if (!proved) for (const m of together) refuse(m, 'not-proved');
}

/** The one message of a file that cannot be read at all. */
export function fatalResult(filePath: string, error: unknown, lang: Lang): LintResult {
  const reason = error instanceof ExtractError ? error.reason(lang) : `${lang === 'zh' ? '无法读取文件' : 'cannot read the file'}：${(error as Error)?.message ?? String(error)}`;
  return summarise({
    filePath,
    format: null,
    reportYear: null,
    template: null,
    messages: [{ ruleId: 'fatal', severity: 2, kind: 'doubt', message: reason, line: null, column: null, page: null, fatal: true }],
    fatal: true,
  });
}

function summarise(r: Omit<LintResult, 'errorCount' | 'warningCount' | 'infoCount' | 'doubtCount'>): LintResult {
  return {
    ...r,
    errorCount: r.messages.filter((m) => m.severity === 2).length,
    warningCount: r.messages.filter((m) => m.severity === 1).length,
    infoCount: r.messages.filter((m) => m.severity === 0).length,
    doubtCount: r.messages.filter((m) => m.kind === 'doubt' && !m.fatal).length,
  };
}
