/**
 * reportlint for VS Code: starts `reportlint lsp`, which lints the plain-text, Markdown and HTML
 * drafts open in the editor and offers its quick fixes; and checks a Word or PDF file on disk
 * (which VS Code cannot open as text) into an output panel, through the server's
 * `reportlint.checkFile` command.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { chooseServer, type ServerChoice } from './server-path';

const CHECK_FILE = 'reportlint.checkFile';
const CHECK_FILE_IN_PANEL = 'reportlint.checkFileInPanel';

type Lang = 'zh' | 'en';

/** One result of `reportlint.checkFile`: the JSON output's shape. */
interface CheckResult {
  filePath: string;
  format: string | null;
  encoding: string | null;
  reportYear: number | null;
  template: string | null;
  title: string | null;
  issuer: { name: string; type: string } | null;
  messages: CheckMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  doubtCount: number;
  fatal: boolean;
}
interface CheckMessage {
  ruleId: string;
  severity: 0 | 1 | 2;
  kind: 'defect' | 'doubt';
  message: string;
  line: number | null;
  column: number | null;
  page: number | null;
  paragraph?: number | null;
  tableCell?: { table: number; row: number; column: number } | null;
  quote?: string;
  fatal?: boolean;
}

let client: LanguageClient | undefined;
let serverOutput: vscode.OutputChannel;
let resultsOutput: vscode.OutputChannel;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  serverOutput = vscode.window.createOutputChannel('reportlint');
  resultsOutput = vscode.window.createOutputChannel('reportlint 检查结果');
  context.subscriptions.push(
    serverOutput,
    resultsOutput,
    vscode.commands.registerCommand(CHECK_FILE_IN_PANEL, (uri?: vscode.Uri) => checkFileInPanel(uri)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('reportlint.serverPath')) void restart();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      // a folder with its own node_modules/reportlint may have come or gone
      if (!setting<string>('serverPath')) void restart();
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

function setting<T>(key: string): T | undefined {
  return vscode.workspace.getConfiguration('reportlint').get<T>(key);
}

function serverOptions(choice: ServerChoice): ServerOptions {
  if (choice.kind === 'module') return { module: choice.module, args: choice.args, transport: TransportKind.stdio };
  return { command: choice.command, args: choice.args, options: { shell: choice.shell } };
}

function describe(choice: ServerChoice): string {
  return choice.kind === 'module' ? choice.module : choice.command;
}

async function start(): Promise<void> {
  const choice = chooseServer({
    serverPath: setting<string>('serverPath'),
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
  });
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['plaintext', 'markdown', 'html'].flatMap((language) => ['file', 'untitled'].map((scheme) => ({ language, scheme }))),
    initializationOptions: { lang: setting<Lang | null>('lang') ?? null, debounce: setting<number>('debounce') ?? 300 },
    outputChannel: serverOutput,
  };
  const next = new LanguageClient('reportlint', 'reportlint', serverOptions(choice), clientOptions);
  client = next;
  serverOutput.appendLine(`reportlint: ${describe(choice)} (${choice.source})`);
  try {
    await next.start();
  } catch (error) {
    if (client === next) client = undefined;
    const message = (error as Error)?.message ?? String(error);
    serverOutput.appendLine(message);
    const hint =
      choice.source === 'path'
        ? '未找到 reportlint：请在工作区运行 npm i -D reportlint，或全局安装，或设置 reportlint.serverPath。 / reportlint not found: run `npm i -D reportlint` in the workspace, install it globally, or set reportlint.serverPath.'
        : `reportlint 未能启动（${describe(choice)}）。 / reportlint did not start (${describe(choice)}).`;
    void vscode.window.showErrorMessage(hint);
  }
}

async function stop(): Promise<void> {
  const current = client;
  client = undefined;
  // a client still starting is stopped too (stop waits for the start to end)
  if (current?.needsStop()) await current.stop();
}

async function restart(): Promise<void> {
  await stop().catch((error: Error) => serverOutput.appendLine(`reportlint: ${error.message}`));
  await start();
}

/** The language the panel speaks: the setting, else VS Code's display language. */
function panelLang(): Lang {
  const lang = setting<Lang | null>('lang');
  if (lang === 'zh' || lang === 'en') return lang;
  return vscode.env.language.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

async function checkFileInPanel(uri?: vscode.Uri): Promise<void> {
  const lang = panelLang();
  const zh = lang === 'zh';
  let target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  if (!target) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: zh ? '检查' : 'Check',
      filters: zh ? { 'Word / PDF': ['docx', 'pdf'], 所有文件: ['*'] } : { 'Word / PDF': ['docx', 'pdf'], 'All files': ['*'] },
    });
    target = picked?.[0];
    if (!target) return;
  }
  if (target.scheme !== 'file') {
    void vscode.window.showWarningMessage(zh ? 'reportlint 只能检查磁盘上的文件。' : 'reportlint checks only files on disk.');
    return;
  }
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage(zh ? 'reportlint 语言服务器未运行，请查看“reportlint”输出。' : 'The reportlint language server is not running; see the "reportlint" output.');
    return;
  }
  const name = vscode.workspace.asRelativePath(target, false);
  let result: CheckResult;
  try {
    result = (await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: zh ? `reportlint：正在检查 ${name}` : `reportlint: checking ${name}` },
      () => client!.sendRequest(ExecuteCommandRequest.type, { command: CHECK_FILE, arguments: [target!.toString()] }),
    )) as CheckResult;
  } catch (error) {
    void vscode.window.showErrorMessage(`reportlint: ${(error as Error)?.message ?? String(error)}`);
    return;
  }
  resultsOutput.clear();
  for (const line of formatResult(result, lang)) resultsOutput.appendLine(line);
  resultsOutput.show(true);
}

const WORDS = {
  zh: { 2: '错误', 1: '警告', 0: '提示', doubt: '存疑', fatal: '无法读取' },
  en: { 2: 'error', 1: 'warning', 0: 'info', doubt: 'doubt', fatal: 'unreadable' },
};

/** Where a finding is: page and line for PDF, paragraph or table cell for DOCX, else the line. */
export function place(m: CheckMessage, format: string | null, lang: Lang): string {
  const zh = lang === 'zh';
  if (m.page !== null && m.page !== undefined) {
    if (m.line === null) return zh ? `第${m.page}页` : `page ${m.page}`;
    return zh ? `第${m.page}页 第${m.line}行` : `page ${m.page}, line ${m.line}`;
  }
  if (m.tableCell) {
    const t = m.tableCell;
    return zh ? `表${t.table} 第${t.row}行第${t.column}列` : `table ${t.table}, row ${t.row}, column ${t.column}`;
  }
  if (m.paragraph) return zh ? `第${m.paragraph}段` : `paragraph ${m.paragraph}`;
  if (m.line !== null) return zh ? `第${m.line}行` : `line ${m.line}`;
  return format === 'docx' || format === 'pdf' ? '' : '-';
}

/** The panel's lines for one result: a heading, one line a finding, and a summary. */
export function formatResult(r: CheckResult, lang: Lang): string[] {
  const zh = lang === 'zh';
  const w = WORDS[lang];
  const facts = [r.reportYear ? (zh ? `${r.reportYear}年` : String(r.reportYear)) : null, r.template ? (zh ? `${r.template}格式` : `${r.template} format`) : null, r.issuer?.name ?? null]
    .filter(Boolean)
    .join(' · ');
  const out = [r.filePath + (facts ? `  (${facts})` : '')];
  if (r.fatal) {
    const m = r.messages[0];
    out.push(`  ${w.fatal}  ${m?.message ?? ''}`.trimEnd());
    return out;
  }
  for (const m of r.messages) {
    const where = place(m, r.format, lang);
    const level = m.kind === 'doubt' ? `${w[m.severity]}（${w.doubt}）` : w[m.severity];
    const quote = m.quote && (r.format === 'docx' || r.format === 'pdf') ? (zh ? `  「${m.quote}」` : `  "${m.quote}"`) : '';
    out.push(`  ${where ? `${where}  ` : ''}${level}  ${m.message}${quote}  [${m.ruleId}]`);
  }
  const total = r.errorCount + r.warningCount + r.infoCount;
  const doubts = r.doubtCount ? (zh ? `，其中 ${r.doubtCount} 个存疑` : `; ${r.doubtCount} in doubt`) : '';
  if (total === 0) out.push(zh ? '未发现问题' : 'No problems found');
  else
    out.push(
      zh
        ? `共 ${total} 个问题（${r.errorCount} 个错误，${r.warningCount} 个警告，${r.infoCount} 条提示${doubts}）`
        : `${total} problem${total === 1 ? '' : 's'} (${r.errorCount} error${r.errorCount === 1 ? '' : 's'}, ${r.warningCount} warning${r.warningCount === 1 ? '' : 's'}, ${r.infoCount} info${doubts})`,
    );
  return out;
}
