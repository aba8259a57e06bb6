/**
 * `reportlint check`: files, folders or stdin through the core, then the outputs. With `--fix` each
 * text, Markdown or HTML draft is rewritten in place with its certain fixes and a Word draft gets a
 * corrected copy beside it (`<name>.fixed.docx`); `--fix-dry-run` writes nothing. Either way the
 * findings reported are those left after the fixes (ESLint's convention).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lint, pdfThreads } from '../index.js';
import { ocrOptions, type OcrEngineName } from '../node/ocr.js';
import type { OcrSetting } from '../extract/ocr/engine.js';
import { ConfigError, parseRuleFlag, resolveRules, type RuleSettings } from '../engine/config.js';
import { applyBaseline, makeBaseline, type Baseline, type BaselineEntry } from '../engine/baseline.js';
import { lintAndFix } from '../engine/fix-run.js';
import { fatalResult, lintBytes, type LintOptions } from '../engine/lint.js';
import { decodeText } from '../extract/detect.js';
import { rules as builtIn } from '../../rules/index.js';
import { expandPaths } from './files.js';
import { configResolver, readBaseline } from './config.js';
import { loadIgnore } from './ignore.js';
import { parseFormatFlag, render } from './output.js';
import { readStdin } from './stdin.js';
import { printConfig } from './print-config.js';
import { fixNotes, type FileFixes } from './fix-notes.js';
import { Progress, wantsProgress } from './progress.js';
import type { Lang, LintResult, TemplateVersion } from '../types.js';

export interface CheckOptions {
  format: string[];
  lang?: Lang;
  template?: TemplateVersion;
  rule: string[];
  maxWarnings?: number;
  outputFile?: string;
  color?: boolean;
  quiet?: boolean;
  config?: string;
  baseline?: string;
  writeBaseline?: boolean;
  timeout: number;
  fix?: boolean;
  fixDryRun?: boolean;
  stdin?: boolean;
  stdinFilename?: string;
  printConfig?: string;
  ocr: OcrSetting;
  ocrEngine: OcrEngineName;
  ocrPageTimeout: number;
}

const BASELINE = 'reportlint-baseline.json';
const FIXABLE = new Set(['text', 'markdown', 'html', 'docx']);

/** `name.docx` → `name.fixed.docx`, beside it. */
export const fixedCopyPath = (file: string) => path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.fixed${path.extname(file) || '.docx'}`);

export async function check(paths: string[], opts: CheckOptions): Promise<number> {
  if (!(opts.timeout > 0)) throw new ConfigError('--timeout must be a positive number of seconds');
  if (!(opts.ocrPageTimeout > 0)) throw new ConfigError('--ocr-page-timeout must be a positive number of seconds');
  if (opts.fix && opts.fixDryRun) throw new ConfigError('--fix and --fix-dry-run cannot be used together');
  if ((opts.fix || opts.fixDryRun) && opts.writeBaseline) throw new ConfigError('--fix cannot be used with --write-baseline');
  if (opts.stdinFilename !== undefined && !opts.stdin) throw new ConfigError('--stdin-filename needs --stdin');
  if (opts.stdin && paths.length > 0) throw new ConfigError('--stdin reads the document from standard input: give no files with it');
  if (opts.printConfig !== undefined && (paths.length > 0 || opts.stdin)) throw new ConfigError('--print-config takes one file and checks nothing');
  if (!opts.stdin && opts.printConfig === undefined && paths.length === 0) throw new ConfigError('no files to check (give files or folders, or --stdin)');
  const outputs = (opts.format.length ? opts.format : ['stylish']).map(parseFormatFlag);
  const flags: RuleSettings = {};
  for (const flag of opts.rule) {
    const [id, level] = parseRuleFlag(flag);
    flags[id] = level;
  }
  const configFor = configResolver(opts.config);
  if (opts.config) await configFor(opts.config); // a bad --config fails before any file is read
  const ignored = await loadIgnore();

  if (opts.printConfig !== undefined) {
    const file = opts.printConfig;
    const config = await configFor(file);
    process.stdout.write(JSON.stringify(printConfig(file, config, { rules: flags, lang: opts.lang, template: opts.template }, ignored(file, config.ignore)), null, 2) + '\n');
    return 0;
  }

  const baselineFile = opts.baseline ?? BASELINE;
  const baseline: Baseline | undefined = opts.writeBaseline
    ? undefined
    : await readBaseline(baselineFile).catch((error: Error) => {
        if (opts.baseline) throw new ConfigError(`--baseline ${baselineFile}: ${error.message}`);
        return undefined; // no baseline file in this folder: nothing accepted
      });

  const fixing = opts.fix || opts.fixDryRun;
  const inputs = opts.stdin ? [{ path: opts.stdinFilename ?? '<stdin>', stdin: true }] : (await expandPaths(paths)).map((f) => ({ path: f.path, stdin: false }));
  const progress = wantsProgress(inputs.map((f) => f.path), process.stderr.isTTY === true) ? new Progress(inputs.length, 0, opts.lang ?? 'zh', 'check') : null;
  const results: LintResult[] = [];
  const fixes: FileFixes[] = [];
  let piped: Uint8Array | null = null; // --stdin --fix: the document, fixed, for stdout
  for (const f of inputs) {
    const config = await configFor(f.path); // <stdin>: the config of the current folder
    if (!f.stdin && ignored(f.path, config.ignore)) continue;
    const rules = { ...config.rules, ...flags };
    resolveRules(rules, undefined, [...builtIn, ...config.plugins]); // flags naming unknown rules fail here
    const lintOptions: LintOptions = {
      filePath: f.path,
      lang: opts.lang ?? config.lang ?? 'zh',
      rules,
      template: opts.template ?? config.template,
      plugins: config.plugins,
      view: outputs.some((o) => o.format === 'html'),
      // fixes are proved by a lint of their own: only for the outputs that carry them, or to apply them
      fixes: fixing || outputs.some((o) => o.format === 'json' || o.format === 'sarif'),
      timeLimit: opts.timeout * 1000,
      pdfThreads: pdfThreads(),
      ocr: opts.ocr === 'off' ? undefined : { ...ocrOptions(opts.ocr, opts.ocrEngine), pageTime: opts.ocrPageTimeout * 1000 },
    };
    let bytes: Uint8Array | null = null;
    if (f.stdin) bytes = await readStdin();
    else if (fixing) bytes = await readFile(f.path).catch(() => null);
    let result: LintResult;
    if (fixing && bytes) {
      // a baseline's accepted findings keep their text: their fixes are not applied
      const select = (r: LintResult) => (baseline ? applyBaseline([r], baseline).results[0].messages : r.messages);
      const run = await lintAndFix(bytes, lintOptions, select);
      result = run.result;
      let written: string | null = null;
      if (run.output && FIXABLE.has(result.format ?? '')) {
        if (result.format !== 'docx') result.output = decodeText(run.output, result.format!).text;
        if (opts.fix && !f.stdin) {
          written = result.format === 'docx' ? fixedCopyPath(f.path) : f.path;
          await writeFile(written, run.output);
          // the findings are those of the file written: for a Word draft, its copy
          result.filePath = written;
        }
      }
      if (f.stdin && opts.fix) {
        piped = run.output ?? bytes;
        if (run.output) written = '-';
      }
      fixes.push({ filePath: f.path, applied: run.applied, result, written, dryRun: !!opts.fixDryRun });
    } else if (bytes) {
      result = await lintBytes(bytes, lintOptions);
    } else if (fixing) {
      result = fatalResult(f.path, new Error(lintOptions.lang === 'en' ? 'no such file' : '文件不存在'), lintOptions.lang ?? 'zh');
    } else {
      result = await lint(f.path, lintOptions);
    }
    results.push(result);
    progress?.tick(result.errorCount > 0, result.fatal);
  }
  progress?.finish();
  if (paths.length > 0 && results.length === 0 && Object.keys(flags).length > 0) resolveRules(flags); // still check the flags
  const lang = opts.lang ?? (await configFor('.')).lang ?? 'zh';

  if (opts.writeBaseline) {
    const file = opts.baseline ?? BASELINE;
    const previous = await readBaseline(file).catch(() => undefined);
    const made = makeBaseline(results, previous);
    await writeFile(file, JSON.stringify(made, null, 2) + '\n');
    process.stderr.write(lang === 'zh' ? `已把 ${made.findings.length} 条问题写入基线 ${file}；请在 reason 中写明接受的理由\n` : `wrote ${made.findings.length} findings to the baseline ${file}; give each a reason\n`);
    return 0;
  }
  let final = results;
  let stale: BaselineEntry[] = [];
  if (baseline) ({ results: final, stale } = applyBaseline(results, baseline));
  if (opts.quiet) final = final.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === 2), warningCount: 0, infoCount: 0 }));

  if (fixing) process.stderr.write(fixNotes(fixes, lang));
  if (piped) process.stdout.write(piped);
  for (const out of outputs) {
    const file = out.file ?? opts.outputFile;
    const body = await render(out.format, final, { lang, stale, color: opts.color ?? (!file && !piped && process.stdout.isTTY === true), plugins: results.length ? (await configFor(results[0].filePath)).plugins : [] });
    if (file) await writeFile(file, body);
    else if (typeof body !== 'string') throw new ConfigError(lang === 'zh' ? `--format ${out.format} 须指定输出文件，如 --format ${out.format}:report.${out.format}` : `--format ${out.format} needs a file, e.g. --format ${out.format}:report.${out.format}`);
    // with --stdin --fix, stdout carries the fixed document: the report goes to stderr
    else (piped ? process.stderr : process.stdout).write(body);
  }
  const errors = final.reduce((s, r) => s + r.errorCount, 0);
  const warnings = final.reduce((s, r) => s + r.warningCount, 0);
  return errors > 0 || (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) ? 1 : 0;
}
