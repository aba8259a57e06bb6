/**
 * SARIF 2.1.0 output (one run), for code-scanning dashboards and SARIF viewers.
 * A plain function of the results like the JSON reporter: no file system, no node:crypto,
 * so it runs in a browser too. fixtures/sarif/ holds the OASIS schema the tests check it against.
 */
import { fingerprints } from '../engine/fingerprint.js';
import type { Lang, LintMessage, LintResult, RelatedLocation } from '../types.js';
import type { RuleMeta } from '../engine/rule.js';

export interface SarifOptions {
  lang: Lang;
  rules: RuleMeta[];
  toolVersion: string;
}

const INFORMATION_URI = 'https://github.com/reportlint/reportlint';
/** rule docs are repository paths (docs/rules/x.md); SARIF wants an absolute helpUri */
const DOCS_URL = 'https://github.com/reportlint/reportlint/blob/main/';
const LEVEL = { error: 'error', warn: 'warning', info: 'note' } as const;
const SEVERITY_LEVEL = ['note', 'warning', 'error'] as const;

export function formatSarif(results: LintResult[], options: SarifOptions): string {
  const ruleIndex = new Map(options.rules.map((r, i) => [r.id, i]));
  const artifacts = results.map((r) => ({
    location: artifactLocation(r.filePath),
    properties: { format: r.format, reportYear: r.reportYear, template: r.template },
  }));

  const sarifResults = results.flatMap((r, fileIndex) => {
    const found = r.messages.filter((m) => !m.fatal);
    const prints = fingerprints(found, r.filePath);
    const result = (m: LintMessage, print: string) => {
      const index = ruleIndex.get(m.ruleId);
      return {
        ruleId: m.ruleId,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: SEVERITY_LEVEL[m.severity],
        message: { text: m.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { ...artifactLocation(r.filePath), index: fileIndex },
              ...(m.line ? { region: region(m) } : {}),
            },
          },
        ],
        // a grouped finding: every place it covers, each with its own text
        ...(m.related?.length
          ? {
              relatedLocations: m.related.map((rel, id) => ({
                id,
                physicalLocation: {
                  artifactLocation: { ...artifactLocation(r.filePath), index: fileIndex },
                  ...(rel.line ? { region: region(rel) } : {}),
                },
                message: { text: rel.message },
                ...(placeProperties(rel) ? { properties: placeProperties(rel) } : {}),
              })),
            }
          : {}),
        partialFingerprints: { 'reportlint/v1': print },
        // a certain correction of a text, Markdown or HTML draft, as SARIF's proposed fix (a Word draft's edits its runs, not a text region)
        ...(m.fix && m.fix.edits.length > 0
          ? {
              fixes: [
                {
                  description: { text: m.fix.title },
                  artifactChanges: [
                    {
                      artifactLocation: { ...artifactLocation(r.filePath), index: fileIndex },
                      replacements: m.fix.edits.map((e) => ({ deletedRegion: { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn }, insertedContent: { text: e.text } })),
                    },
                  ],
                },
              ],
            }
          : {}),
        properties: findingProperties(m),
      };
    };
    // accepted findings stay in the log, marked as suppressed: by a comment in the draft
    // (inSource) or by the baseline file (external), with the reason given
    const accepted = r.suppressedMessages ?? [];
    const acceptedPrints = fingerprints(accepted, r.filePath);
    return [
      ...found.map((m, i) => result(m, prints[i])),
      ...accepted.map((m, i) => ({
        ...result(m, acceptedPrints[i]),
        suppressions: m.suppressions.map((x) => ({ kind: x.kind === 'directive' ? 'inSource' : 'external', ...(x.justification ? { justification: x.justification } : {}) })),
      })),
    ];
  });

  // an unreadable file has no findings to show: it is a notification about the run
  const fatal = results.filter((r) => r.fatal);
  const notifications = fatal.map((r) => ({
    level: 'error' as const,
    message: { text: r.messages.find((m) => m.fatal)?.message ?? r.messages[0]?.message ?? 'fatal' },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(r.filePath) } }],
  }));

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'reportlint',
            informationUri: INFORMATION_URI,
            version: options.toolVersion,
            rules: options.rules.map((meta) => ({
              id: meta.id,
              name: meta.id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
              shortDescription: { text: meta.description[options.lang] },
              fullDescription: { text: `${meta.description.zh} — ${meta.description.en}` },
              helpUri: /^[a-z]+:\/\//i.test(meta.docs) ? meta.docs : DOCS_URL + meta.docs,
              defaultConfiguration: { level: LEVEL[meta.severity] },
              properties: { kind: meta.kind },
            })),
          },
        },
        invocations: [
          {
            // false only when there were files and none of them could be read
            executionSuccessful: !(results.length > 0 && fatal.length === results.length),
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        language: options.lang === 'zh' ? 'zh-CN' : 'en-US',
        // positions come from JavaScript strings (unist/vfile)
        columnKind: 'utf16CodeUnits',
        artifacts,
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/**
 * A relative path stays relative to %SRCROOT% (forward slashes, each segment percent-encoded,
 * so Chinese names and spaces make a valid URI reference); an absolute one becomes a file: URI.
 */
function artifactLocation(filePath: string): { uri: string; uriBaseId?: string } {
  const p = filePath.replace(/\\/g, '/');
  const encode = (s: string) => s.split('/').map(encodeURIComponent).join('/');
  const drive = /^[A-Za-z]:\//.exec(p);
  if (drive) return { uri: `file:///${p.slice(0, 2)}${encode(p.slice(2))}` };
  if (p.startsWith('/')) return { uri: `file://${encode(p)}` };
  return { uri: encode(p.replace(/^(\.\/)+/, '')), uriBaseId: '%SRCROOT%' };
}

/** SARIF regions are 1-based with an exclusive end column, as unist points are. */
function region(m: Pick<LintMessage, 'line' | 'column' | 'endLine' | 'endColumn'>) {
  const r: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number } = { startLine: m.line! };
  if (m.column) r.startColumn = m.column;
  // an end before the start (a PDF finding running onto the next page) is left out
  const end = m.endLine && (m.endLine > m.line! || (m.endLine === m.line && (m.endColumn ?? Infinity) >= (m.column ?? 1)));
  if (end) {
    r.endLine = m.endLine!;
    if (m.endColumn) r.endColumn = m.endColumn;
  }
  return r;
}

/** Where a related place is beyond its region: the PDF page, the DOCX paragraph or table cell, the template cell, the text there. */
function placeProperties(r: RelatedLocation): Record<string, unknown> | null {
  const p: Record<string, unknown> = {};
  if (r.page != null) p.page = r.page;
  if (r.paragraph != null) p.paragraph = r.paragraph;
  if (r.tableCell) p.tableCell = r.tableCell;
  if (r.cell) p.cell = r.cell;
  if (r.quote) p.quote = r.quote;
  return Object.keys(p).length ? p : null;
}

function findingProperties(m: LintMessage): Record<string, unknown> {
  const p: Record<string, unknown> = { kind: m.kind };
  if (m.page != null) p.page = m.page;
  if (m.paragraph != null) p.paragraph = m.paragraph;
  if (m.tableCell) p.tableCell = m.tableCell;
  if (m.cell) p.cell = m.cell;
  if (m.expected !== undefined) p.expected = m.expected;
  if (m.actual !== undefined) p.actual = m.actual;
  if (m.quote) p.quote = m.quote;
  return p;
}
