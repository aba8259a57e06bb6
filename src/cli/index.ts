/** `reportlint check <files or folders…>` — the command-line surface around the core. */
import { Command, Option } from 'commander';
import { writeFile } from 'node:fs/promises';
import { lint } from '../index.js';
import { formatStylish } from '../report/stylish.js';
import { formatJson } from '../report/json.js';
import { ConfigError, parseRuleFlag, resolveRules, type RuleSettings } from '../engine/config.js';
import { expandPaths } from './files.js';
import type { Lang, LintResult, TemplateVersion } from '../types.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let exitCode = 0;
  program.name('reportlint').description('政府信息公开工作年度报告合规检查 / compliance linter for government information disclosure annual reports').exitOverride();
  program
    .command('check')
    .description('检查报告文件或文件夹 / check report files or folders')
    .argument('<paths...>', '文件或文件夹 / files or folders')
    .addOption(new Option('-f, --format <format>', '输出格式 / output format').choices(['stylish', 'json']).default('stylish'))
    .addOption(new Option('--lang <lang>', '消息语言 / message language').choices(['zh', 'en']).default('zh'))
    .addOption(new Option('--template <version>', '强制使用的格式版本 / force a template version').choices(['2019', '2021']))
    .option('--rule <id:level>', '调整规则级别（可重复）/ set a rule level (repeatable): id:off|info|warn|error', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--max-warnings <n>', '警告数超过此值时以 1 退出 / exit 1 when warnings exceed n', (v) => Number(v))
    .option('-o, --output-file <file>', '写入文件而非标准输出 / write to a file instead of stdout')
    .option('--color', '强制彩色输出 / force colours')
    .action(async (paths: string[], opts: { format: string; lang: Lang; template?: TemplateVersion; rule: string[]; maxWarnings?: number; outputFile?: string; color?: boolean }) => {
      const rules: RuleSettings = {};
      for (const flag of opts.rule) {
        const [id, level] = parseRuleFlag(flag);
        rules[id] = level;
      }
      resolveRules(rules); // validate before reading any file
      const files = await expandPaths(paths);
      const results: LintResult[] = [];
      for (const f of files) {
        results.push(await lint(f.path, { lang: opts.lang, rules, template: opts.template }));
      }
      const text = opts.format === 'json' ? formatJson(results) + '\n' : formatStylish(results, opts.lang, opts.color ?? (!opts.outputFile && process.stdout.isTTY === true));
      if (opts.outputFile) await writeFile(opts.outputFile, text);
      else process.stdout.write(text);
      const errors = results.reduce((s, r) => s + r.errorCount, 0);
      const warnings = results.reduce((s, r) => s + r.warningCount, 0);
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
