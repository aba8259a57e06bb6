/**
 * The lint worker of the check page: the same core as the CLI (lintBytes, every rule, the HTML
 * and XLSX reporters), run off the page's main thread so the page stays responsive while a PDF
 * is read. It receives bytes and settings and answers with results and markup; it has no way to
 * send anything anywhere else (the page's CSP allows no connection, and it asks for none).
 */
import { lintBytes } from '../engine/lint.js';
import { applyFixes } from '../engine/fix-run.js';
import { checkConfig, flattenConfig, ConfigError } from '../engine/config.js';
import { formatHtml, formatHtmlFile } from '../report/html.js';
import { rules } from '../../rules/index.js';
import type { LintResult } from '../types.js';
import type { FixedCopy, Reply, Request } from './protocol.js';
import { browserPdfAssets, browserPdfThreads } from './pdf-host.js';

declare const REPORTLINT_VERSION: string;
declare const self: { onmessage: ((e: { data: Request }) => void) | null; postMessage(m: Reply, transfer?: Transferable[]): void };

const pdfThreads = browserPdfThreads();
const metas = rules.map((r) => r.meta);
const htmlOptions = (lang: 'zh' | 'en') => ({ lang, rules: metas, toolVersion: REPORTLINT_VERSION });

const MIME: Record<string, string> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * Every fix the core offers, applied together (the core proved them together), as a file to
 * download: by the function the proof used, so the bytes are the ones it checked — a text in its
 * own encoding, a Word draft with only the changed runs' text changed (the CLI's --fix copy).
 */
async function fixedCopy(name: string, bytes: Uint8Array, result: LintResult): Promise<FixedCopy | null> {
  const fixes = result.messages.flatMap((m) => (m.fix ? [m.fix] : []));
  if (fixes.length === 0 || !result.format || !MIME[result.format]) return null;
  const out = await applyFixes(bytes, result.format, fixes);
  if (!out) return null;
  const dot = name.lastIndexOf('.');
  const fixedName = dot > 0 ? `${name.slice(0, dot)}.fixed${name.slice(dot)}` : `${name}.fixed`;
  const charset = result.format === 'docx' ? '' : `;charset=${result.encoding ?? 'utf-8'}`;
  return { name: fixedName, bytes: out, mime: MIME[result.format] + charset, count: fixes.length };
}

async function handle(req: Request): Promise<Reply> {
  switch (req.type) {
    case 'lint': {
      const { settings } = req;
      const result = await lintBytes(req.bytes, {
        filePath: req.name,
        lang: settings.lang,
        rules: settings.rules,
        ...(settings.template !== 'auto' ? { template: settings.template } : {}),
        view: true,
        pdfThreads,
        pdfAssets: browserPdfAssets,
      });
      const markup = formatHtmlFile(req.index, result, htmlOptions(settings.lang));
      return { type: 'linted', id: req.id, result, markup, fixed: result.fatal ? null : await fixedCopy(req.name, req.bytes, result) };
    }
    case 'rules':
      return { type: 'rules', id: req.id, rules: metas.map((m) => ({ id: m.id, severity: m.severity, description: m.description })) };
    case 'export': {
      if (req.kind === 'html') return { type: 'exported', id: req.id, bytes: new TextEncoder().encode(formatHtml(req.results, htmlOptions(req.lang))), mime: 'text/html' };
      const { formatXlsx } = await import('../report/xlsx.js');
      return { type: 'exported', id: req.id, bytes: await formatXlsx(req.results, { lang: req.lang, rules: metas }), mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    }
    case 'config': {
      const raw = await readConfigText(req.name, req.text);
      const config = checkConfig(raw, req.name);
      for (const name of [config.extends ?? []].flat())
        if (!name.startsWith('reportlint:')) throw new ConfigError(`${req.name}: extends: '${name}' is a file; the page can only extend presets (reportlint:…)`);
      if (config.plugins?.length) throw new ConfigError(`${req.name}: plugins: the page runs the built-in rules only`);
      const flat = flattenConfig([config]);
      return { type: 'config', id: req.id, rules: flat.rules, template: flat.template, lang: flat.lang };
    }
  }
}

async function readConfigText(name: string, text: string): Promise<unknown> {
  try {
    if (/\.ya?ml$/i.test(name)) return (await import('yaml')).parse(text) ?? {};
    const json = JSON.parse(text) as Record<string, unknown>;
    return /(^|\/)package\.json$/.test(name) ? json.reportlint : json;
  } catch (error) {
    throw new ConfigError(`${name}: cannot be read: ${(error as Error).message}`);
  }
}

self.onmessage = (e) => {
  const req = e.data;
  handle(req).then(
    (reply) => self.postMessage(reply),
    (error) => self.postMessage({ type: 'failed', id: req.id, message: error instanceof Error ? error.message : String(error) }),
  );
};
