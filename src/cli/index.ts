/** `reportlint check <files or folders…>` — the command-line surface around the core. */
import { Command, Option } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { lint } from '../index.js';
import { ConfigError, parseRuleFlag, resolveRules, type RuleSettings } from '../engine/config.js';
import { applyBaseline, makeBaseline, type Baseline, type BaselineEntry } from '../engine/baseline.js';
import { rules as builtIn } from '../../rules/index.js';
import { expandPaths } from './files.js';
import { configResolver } from './config.js';
import { loadIgnore } from './ignore.js';
import { FORMATS, parseFormatFlag, render } from './output.js';
import type { Lang, LintResult, TemplateVersion } from '../types.js';

interface CheckOptions {
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
}

const BASELINE = 'reportlint-baseline.json';

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let exitCode = 0;
  program.name('reportlint').description('政府信息公开工作年度报告合规检查 / compliance linter for government information disclosure annual reports').exitOverride();
  program
    .command('check')
    .description('检查报告文件或文件夹 / check report files or folders')
    .argument('<paths...>', '文件或文件夹 / files or folders')
    .option('-f, --format <format[:file]>', `输出格式，可重复，可带文件名 / output format, repeatable, optionally to a file: ${FORMATS.join(', ')}`, (v: string, acc: string[]) => [...acc, v], [] as string[])
    .addOption(new Option('--lang <lang>', '消息语言 / message language (default zh)').choices(['zh', 'en']))
    .addOption(new Option('--template <version>', '强制使用的格式版本 / force a template version').choices(['2019', '2021']))
    .option('--rule <id:level>', '调整规则级别（可重复）/ set a rule level (repeatable): id:off|info|warn|error', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('-c, --config <file>', '使用此配置文件，不再向上查找 / use this config file instead of looking for one')
    .option('--max-warnings <n>', '警告数超过此值时以 1 退出 / exit 1 when warnings exceed n', (v) => Number(v))
    .option('-q, --quiet', '只报告错误 / report errors only')
    .option('-o, --output-file <file>', '写入文件而非标准输出 / write to a file instead of stdout')
    .option('--baseline <file>', `已接受问题的基线文件 / baseline of accepted findings (default ${BASELINE}, used if present)`)
    .option('--write-baseline', '把当前全部问题写入基线文件 / write every current finding to the baseline file')
    .option('--color', '强制彩色输出 / force colours')
    .action(async (paths: string[], opts: CheckOptions) => {
      const outputs = (opts.format.length ? opts.format : ['stylish']).map(parseFormatFlag);
      const flags: RuleSettings = {};
      for (const flag of opts.rule) {
        const [id, level] = parseRuleFlag(flag);
        flags[id] = level;
      }
      const configFor = configResolver(opts.config);
      if (opts.config) await configFor(opts.config); // a bad --config fails before any file is read
      const ignored = await loadIgnore();
      const results: LintResult[] = [];
      for (const f of await expandPaths(paths)) {
        const config = await configFor(f.path);
        if (ignored(f.path, config.ignore)) continue;
        const rules = { ...config.rules, ...flags };
        resolveRules(rules, undefined, [...builtIn, ...config.plugins]); // flags naming unknown rules fail here
        const lang = opts.lang ?? config.lang ?? 'zh';
        results.push(await lint(f.path, { lang, rules, template: opts.template ?? config.template, plugins: config.plugins, view: outputs.some((o) => o.format === 'html') }));
      }
      if (paths.length > 0 && results.length === 0 && Object.keys(flags).length > 0) resolveRules(flags); // still check the flags
      const lang = opts.lang ?? (await configFor('.')).lang ?? 'zh';

      if (opts.writeBaseline) {
        const file = opts.baseline ?? BASELINE;
        const previous = await readBaseline(file).catch(() => undefined);
        const baseline = makeBaseline(results, previous);
        await writeFile(file, JSON.stringify(baseline, null, 2) + '\n');
        process.stderr.write(lang === 'zh' ? `已把 ${baseline.findings.length} 条问题写入基线 ${file}；请在 reason 中写明接受的理由\n` : `wrote ${baseline.findings.length} findings to the baseline ${file}; give each a reason\n`);
        return;
      }
      let final = results;
      let stale: BaselineEntry[] = [];
      const baselineFile = opts.baseline ?? BASELINE;
      const baseline = await readBaseline(baselineFile).catch((error: Error) => {
        if (opts.baseline) throw new ConfigError(`--baseline ${baselineFile}: ${error.message}`);
        return undefined; // no baseline file in this folder: nothing accepted
      });
      if (baseline) ({ results: final, stale } = applyBaseline(results, baseline));
      if (opts.quiet) final = final.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === 2), warningCount: 0, infoCount: 0 }));

      for (const out of outputs) {
        const file = out.file ?? opts.outputFile;
        const body = await render(out.format, final, { lang, stale, color: opts.color ?? (!file && process.stdout.isTTY === true), plugins: results.length ? (await configFor(results[0].filePath)).plugins : [] });
        if (file) await writeFile(file, body);
        else if (typeof body === 'string') process.stdout.write(body);
        else throw new ConfigError(lang === 'zh' ? `--format ${out.format} 须指定输出文件，如 --format ${out.format}:report.${out.format}` : `--format ${out.format} needs a file, e.g. --format ${out.format}:report.${out.format}`);
      }
      const errors = final.reduce((s, r) => s + r.errorCount, 0);
      const warnings = final.reduce((s, r) => s + r.warningCount, 0);
      exitCode = errors > 0 || (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) ? 1 : 0;
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    const e = error as { code?: string; exitCode?: number; message?: string };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    if (e.code?.startsWith('commander.')) return 2;
    if (error instanceof ConfigError) {
      process.stderr.write(`reportlint: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`reportlint: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
  return exitCode;
}

async function readBaseline(file: string): Promise<Baseline> {
  const data = JSON.parse(await readFile(file, 'utf8')) as Baseline;
  if (data?.version !== 1 || !Array.isArray(data.findings)) throw new Error('not a reportlint baseline (version 1)');
  return data;
}
