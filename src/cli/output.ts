/** `--format name[:file]`: which reporter, and where its output goes. */
import { createRequire } from 'node:module';
import { ConfigError } from '../engine/config.js';
import type { BaselineEntry } from '../engine/baseline.js';
import type { Rule } from '../engine/rule.js';
import { rules as builtIn } from '../../rules/index.js';
import { formatStylish } from '../report/stylish.js';
import { formatJson } from '../report/json.js';
import { formatSarif } from '../report/sarif.js';
import { formatHtml } from '../report/html.js';
import type { Lang, LintResult } from '../types.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'html', 'xlsx'] as const;
export type FormatName = (typeof FORMATS)[number];

export function parseFormatFlag(flag: string): { format: FormatName; file?: string } {
  const i = flag.indexOf(':');
  const name = (i < 0 ? flag : flag.slice(0, i)) as FormatName;
  if (!FORMATS.includes(name)) throw new ConfigError(`--format: unknown format '${name}' (known: ${FORMATS.join(', ')})`);
  return i < 0 ? { format: name } : { format: name, file: flag.slice(i + 1) };
}

export const version = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

export interface RenderContext {
  lang: Lang;
  stale: BaselineEntry[];
  color: boolean;
  plugins: Rule[];
}

export async function render(format: FormatName, results: LintResult[], ctx: RenderContext): Promise<string | Uint8Array> {
  const rules = [...builtIn, ...ctx.plugins].map((r) => r.meta);
  switch (format) {
    case 'stylish':
      return formatStylish(results, ctx.lang, ctx.color, { stale: ctx.stale });
    case 'json':
      return formatJson(results, { stale: ctx.stale }) + '\n';
    case 'sarif':
      return formatSarif(results, { lang: ctx.lang, rules, toolVersion: version }) + '\n';
    case 'html':
      return formatHtml(results, { lang: ctx.lang, rules, toolVersion: version });
    case 'xlsx':
      // exceljs alone takes half a second to load: only when a workbook is asked for
      return (await import('../report/xlsx.js')).formatXlsx(results, { lang: ctx.lang, rules });
  }
}
