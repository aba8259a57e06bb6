/** `reportlint check <files or folders…>` — the command-line surface around the core. */
import { Command, Option } from 'commander';
import { OCR_ENGINES, DEFAULT_OCR_ENGINE, type OcrEngineName } from '../node/ocr.js';
import type { OcrSetting } from '../extract/ocr/engine.js';
import { ConfigError, parseRuleFlag, resolveRules, type RuleSettings } from '../engine/config.js';
import { FORMATS, version } from './output.js';
import { check, type CheckOptions } from './check.js';
import { registerRules } from './rules.js';
import { registerInit } from './init.js';
import type { Lang, TemplateVersion } from '../types.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let exitCode = 0;
  program.name('reportlint').description('政府信息公开工作年度报告合规检查 / compliance linter for government information disclosure annual reports').version(version, '-v, --version', '显示版本 / print the version').exitOverride();
  program
    .command('check')
    .description('检查报告文件或文件夹 / check report files or folders')
    .argument('[paths...]', '文件或文件夹 / files or folders')
    .option('-f, --format <format[:file]>', `输出格式，可重复，可带文件名 / output format, repeatable, optionally to a file: ${FORMATS.join(', ')}`, (v: string, acc: string[]) => [...acc, v], [] as string[])
    .addOption(new Option('--lang <lang>', '消息语言 / message language (default zh)').choices(['zh', 'en']))
    .addOption(new Option('--template <version>', '强制使用的格式版本 / force a template version').choices(['2019', '2021']))
    .option('--rule <id:level>', '调整规则级别（可重复）/ set a rule level (repeatable): id:off|info|warn|error', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('-c, --config <file>', '使用此配置文件，不再向上查找 / use this config file instead of looking for one')
    .option('--max-warnings <n>', '警告数超过此值时以 1 退出 / exit 1 when warnings exceed n', (v) => Number(v))
    .option('-q, --quiet', '只报告错误 / report errors only')
    .option('-o, --output-file <file>', '写入文件而非标准输出 / write to a file instead of stdout')
    .option('--baseline <file>', `已接受问题的基线文件 / baseline of accepted findings (default reportlint-baseline.json, used if present)`)
    .option('--write-baseline', '把当前全部问题写入基线文件 / write every current finding to the baseline file')
    .option('--color', '强制彩色输出 / force colours')
    .option('--timeout <seconds>', '每个文件的时限，超时报告为无法检查并继续 / time limit per file: past it the file is reported as such and the run goes on', (v) => Number(v), 60)
    .addOption(new Option('--ocr <mode>', '扫描件文字识别：off 关闭，auto 仅无文字层的页（默认），force 每页 / OCR of scans: off, auto (pages without a text layer, the default), force (every page)').choices(['off', 'auto', 'force']).default('auto'))
    .addOption(new Option('--ocr-engine <name>', '文字识别引擎 / OCR engine').choices([...OCR_ENGINES]).default(DEFAULT_OCR_ENGINE))
    .option('--ocr-page-timeout <seconds>', '每识别一页增加的时限 / time added to a file\'s limit for each page read by OCR', (v) => Number(v), 30)
    .option('--fix', '应用确定的修正：文本、Markdown、HTML 就地改写，Word 文件另存为 <名>.fixed.docx / apply certain fixes: text, Markdown and HTML in place, Word to <name>.fixed.docx')
    .option('--fix-dry-run', '列出将做的修正，不写任何文件 / list the fixes, write nothing')
    .option('--stdin', '从标准输入读取文档 / read the document from standard input')
    .option('--stdin-filename <name>', '标准输入文档的文件名（定格式、找配置）/ the name of the document on stdin (for its format and config)')
    .option('--print-config <file>', '打印适用于该文件的配置（JSON）/ print the configuration that applies to the file (JSON)')
    .action(async (paths: string[], opts: CheckOptions) => {
      exitCode = await check(paths, opts);
    });
  registerRules(program);
  registerInit(program, (code) => (exitCode = code));
  program
    .command('audit')
    .description('批量检查：文件夹、清单（CSV）或网址列表 / audit many reports: folders, a manifest (CSV) or a URL list')
    .argument('<inputs...>', '文件夹、文件、manifest.csv 或 urls.txt / folders, files, manifest.csv or urls.txt')
    .requiredOption('--out <dir>', '输出文件夹 / output folder (results.jsonl, summary.xlsx, index.html, reports/)')
    .option('--concurrency <n>', '并行检查的线程数 / worker threads (default: the number of cores)', (v) => Number(v))
    .option('--timeout <seconds>', '每份报告的时限 / time limit per report', (v) => Number(v), 120)
    .addOption(new Option('--ocr <mode>', '扫描件文字识别：off 关闭，auto 仅无文字层的页（默认），force 每页 / OCR of scans: off, auto (pages without a text layer, the default), force (every page)').choices(['off', 'auto', 'force']).default('auto'))
    .addOption(new Option('--ocr-engine <name>', '文字识别引擎 / OCR engine').choices([...OCR_ENGINES]).default(DEFAULT_OCR_ENGINE))
    .option('--ocr-page-timeout <seconds>', '每识别一页增加的时限 / time added to a file\'s limit for each page read by OCR', (v) => Number(v), 30)
    .option('--max-memory <mb>', '每个线程的内存上限 / heap limit per worker (MB)', (v) => Number(v), 1024)
    .option('--cache [dir]', '跳过内容、配置和版本都未变的报告 / skip reports whose bytes, config and version are unchanged (default folder .reportlint-cache)')
    .option('--fetch-timeout <seconds>', '下载每个网址的时限 / time limit per download', (v) => Number(v), 30)
    .option('--copy-threshold <0-1>', '判为内容雷同的相似度 / similarity that counts as copied content', (v) => Number(v), 0.9)
    .addOption(new Option('--lang <lang>', '消息语言 / message language').choices(['zh', 'en']).default('zh'))
    .addOption(new Option('--template <version>', '强制使用的格式版本 / force a template version').choices(['2019', '2021']))
    .option('--rule <id:level>', '调整规则级别（可重复）/ set a rule level (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('-c, --config <file>', '使用此配置文件 / use this config file')
    .action(async (inputs: string[], o: { out: string; concurrency?: number; timeout: number; maxMemory: number; cache?: string | boolean; copyThreshold: number; fetchTimeout: number; lang: Lang; template?: TemplateVersion; rule: string[]; config?: string; ocr: OcrSetting; ocrEngine: OcrEngineName; ocrPageTimeout: number }) => {
      const rules: RuleSettings = {};
      for (const flag of o.rule) {
        const [id, level] = parseRuleFlag(flag);
        rules[id] = level;
      }
      resolveRules(rules);
      if (!(o.copyThreshold > 0 && o.copyThreshold <= 1)) throw new ConfigError('--copy-threshold must be between 0 and 1');
      // below this a worker cannot even load the PDF and Word readers, and every report would fail
      if (!(o.maxMemory >= 64)) throw new ConfigError('--max-memory must be at least 64 (MB)');
      if (!(o.timeout > 0)) throw new ConfigError('--timeout must be a positive number of seconds');
      const { audit, defaultConcurrency } = await import('./audit.js');
      const r = await audit(inputs, {
        out: o.out,
        concurrency: o.concurrency ?? defaultConcurrency(),
        timeout: o.timeout,
        maxMemory: o.maxMemory,
        cache: o.cache === true ? '.reportlint-cache' : o.cache || undefined,
        lang: o.lang,
        template: o.template,
        rules,
        config: o.config,
        copyThreshold: o.copyThreshold,
        fetchTimeout: o.fetchTimeout,
        toolVersion: version,
        ocr: { mode: o.ocr, engine: o.ocrEngine, pageTimeout: o.ocrPageTimeout },
      });
      const { fatal, count, scanned } = r;
      process.stderr.write(
        o.lang === 'zh'
          ? `已检查 ${count} 份报告（其中扫描件经文字识别 ${scanned} 份；无法读取 ${fatal} 份），结果见 ${o.out}/index.html、summary.xlsx、results.jsonl\n`
          : `checked ${count} reports (${scanned} of them scans read by OCR; ${fatal} unreadable); see ${o.out}/index.html, summary.xlsx, results.jsonl\n`,
      );
      exitCode = r.exitCode;
    });
  program
    .command('serve')
    .description('在本机打开检查页面（文件只在浏览器中检查，不上传）/ serve the check page on this machine (files are checked in the browser, never uploaded)')
    .option('--port <n>', '端口 / port (0: any free one)', (v) => Number(v), 8377)
    .option('--dir <folder>', '页面所在文件夹 / the page\'s folder (default: dist/web of this package)')
    .action(async (o: { port: number; dir?: string }) => {
      const { startServe, webRoot } = await import('./serve.js');
      const { existsSync } = await import('node:fs');
      const { resolve } = await import('node:path');
      const dir = o.dir ? resolve(o.dir) : webRoot();
      if (!existsSync(`${dir}/index.html`)) {
        process.stderr.write(`reportlint: ${dir} has no page; build it with: npm run build:web\n`);
        exitCode = 2;
        return;
      }
      if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) {
        process.stderr.write(`reportlint: --port: not a port: ${o.port}\n`);
        exitCode = 2;
        return;
      }
      const server = await startServe(o.port, dir);
      const { port } = server.address() as { port: number };
      process.stdout.write(`reportlint: 检查页面 / check page: http://127.0.0.1:${port}/\n`);
      exitCode = await new Promise<number>((resolve) => {
        const stop = () => server.close(() => resolve(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
  program
    .command('lsp')
    .description('语言服务器，供编辑器边写边查 / Language Server Protocol server for editors')
    .option('--stdio', '经标准输入输出通信（默认）/ talk over stdin and stdout (the default)')
    .option('--node-ipc', '经 Node IPC 通信 / talk over Node IPC')
    // editors add their own (VS Code's client: --clientProcessId=…), which commander would count as arguments
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (o: { nodeIpc?: boolean }) => {
      // vscode-languageserver reads the transport from process.argv; the default is stdio
      if (!o.nodeIpc && !process.argv.some((a) => a === '--stdio' || a.startsWith('--socket=') || a.startsWith('--pipe='))) process.argv.push('--stdio');
      const { startServer } = await import('../lsp/server.js');
      startServer();
      exitCode = await new Promise<number>(() => {}); // the server ends the process on the client's exit
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
