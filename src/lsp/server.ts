/**
 * `reportlint lsp --stdio`: a Language Server Protocol server. It lints the text, Markdown and
 * HTML drafts an editor has open — on open, and on change after a pause — with the same config
 * files as the CLI, found from each document's folder; publishes the findings as diagnostics;
 * offers each certain fix as a quick fix; and answers `reportlint.checkFile` for a DOCX or PDF
 * on disk, which an editor cannot open as text.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint, lintText } from '../index.js';

/** a draft that takes longer than this gets one diagnostic saying so, not a server that stops answering */
const LINT_TIME_LIMIT = 15_000;
import { applyBaseline, type Baseline } from '../engine/baseline.js';
import { configResolver, forgetLoadedConfigs, readBaseline, CONFIG_FILES, type FileConfig } from '../cli/config.js';
import { loadIgnore, type IgnoreTest } from '../cli/ignore.js';
import { formatJson } from '../report/json.js';
import { version } from '../cli/output.js';
import type { Lang, LintResult } from '../types.js';
import { quickFixes, toDiagnostics } from './convert.js';

export const CHECK_FILE = 'reportlint.checkFile';
// the ids editors give these languages (VS Code: plaintext; Emacs' eglot and Neovim: text)
const EXTENSION: Record<string, string> = { plaintext: '.txt', text: '.txt', markdown: '.md', html: '.html', xhtml: '.html' };
const DRAFT_FILE = /\.(txt|md|markdown|html?|xhtml)$/i;
/** files whose change means the findings may change: configs, ignore lists, the baseline */
const WATCHED = ['**/.reportlintrc.json', '**/.reportlintrc.yaml', '**/.reportlintrc.yml', '**/reportlint.config.js', '**/reportlint.config.mjs', '**/package.json', '**/.reportlintignore', '**/reportlint-baseline.json'];
const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Settings an editor may send (initializationOptions, or the `reportlint` section of its configuration). */
interface Settings {
  lang?: Lang;
  /** pause after the last keystroke before linting, in milliseconds */
  debounce?: number;
}

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  const documents = new TextDocuments(TextDocument);
  let root = process.cwd();
  let locale: string | undefined;
  let initial: Settings = {};
  let settings: Settings = {};
  let canPull = false;
  /** the client shows the related places of a grouped finding (LSP publishDiagnostics.relatedInformation) */
  let relatedInformation = false;
  let configFor = configResolver();
  let ignored: Promise<IgnoreTest> = loadIgnore(root);
  const timers = new Map<string, NodeJS.Timeout>();
  // nothing is linted before the editor's settings are known (no flash of the wrong language)
  let settle: () => void = () => {};
  const ready = new Promise<void>((resolve) => (settle = resolve));
  /** the result each published diagnostic came from, by document, for its quick fixes */
  const linted = new Map<string, { version: number; result: LintResult }>();
  /** read once, and again after a watched file changed */
  let baseline: Promise<Baseline | null> | null = null;
  /** config errors already shown */
  const shown = new Set<string>();

  const lang = (config?: FileConfig): Lang => settings.lang ?? initial.lang ?? (locale?.startsWith('en') ? 'en' : locale?.startsWith('zh') ? 'zh' : undefined) ?? config?.lang ?? 'zh';

  /** The path a document is linted under: its file, or a name with its language's extension. */
  const pathOf = (doc: TextDocument) => (doc.uri.startsWith('file:') ? fileURLToPath(doc.uri) : path.join(root, `untitled${EXTENSION[doc.languageId] ?? '.txt'}`));

  async function options(file: string) {
    const config = await configFor(file);
    return { ignore: config.ignore, lint: { lang: lang(config), rules: config.rules, template: config.template, plugins: config.plugins } };
  }

  async function lintDocument(doc: TextDocument): Promise<void> {
    await ready;
    const file = pathOf(doc);
    const version = doc.version;
    let result: LintResult | null = null;
    try {
      const o = await options(file);
      // an empty buffer is a draft not yet written, not an unreadable file
      if (doc.getText().trim() !== '' && !(await ignored)(file, o.ignore)) {
        const filePath = path.relative(root, file) || path.basename(file);
        // the editor has decoded the text already (whatever charset an HTML page declares)
        result = await lintText(doc.getText(), { timeLimit: LINT_TIME_LIMIT, ...o.lint, filePath });
        result = await accepted(result);
      }
    } catch (error) {
      // a broken config file: say so once (not at every keystroke), and show nothing stale
      const text = `reportlint: ${(error as Error).message}`;
      if (!shown.has(text)) void connection.window.showErrorMessage(text);
      shown.add(text);
    }
    // the text changed while this ran: the newer lint publishes
    if (documents.get(doc.uri)?.version !== version) return;
    if (result) linted.set(doc.uri, { version, result });
    else linted.delete(doc.uri);
    await connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: result ? toDiagnostics(result, doc.getText(), version, docUrl, { uri: doc.uri, relatedInformation }) : [] });
  }

  /** Findings accepted in the workspace's baseline (reportlint-baseline.json) are not shown. */
  async function accepted(result: LintResult): Promise<LintResult> {
    baseline ??= readBaseline(path.join(root, 'reportlint-baseline.json')).catch(() => null);
    const b = await baseline;
    return b ? applyBaseline([result], b).results[0] : result;
  }

  const schedule = (doc: TextDocument, delay: number) => {
    if (!(doc.languageId in EXTENSION) && !DRAFT_FILE.test(doc.uri)) return;
    clearTimeout(timers.get(doc.uri));
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        void lintDocument(doc);
      }, delay),
    );
  };
  const relintAll = () => documents.all().forEach((d) => schedule(d, 0));

  /** Config, ignore lists or settings changed: read them again and lint every open draft. */
  async function reload(): Promise<void> {
    forgetLoadedConfigs();
    configFor = configResolver();
    baseline = null;
    shown.clear();
    ignored = loadIgnore(root);
    if (canPull) settings = await pullSettings();
    relintAll();
  }
  const pullSettings = async () => ((await connection.workspace.getConfiguration('reportlint').catch(() => null)) as Settings | null) ?? {};

  connection.onInitialize((params: InitializeParams) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    if (folder?.startsWith('file:')) root = fileURLToPath(folder);
    ignored = loadIgnore(root);
    locale = params.locale?.toLowerCase();
    initial = (params.initializationOptions ?? {}) as Settings;
    canPull = params.capabilities.workspace?.configuration === true;
    relatedInformation = params.capabilities.textDocument?.publishDiagnostics?.relatedInformation === true;
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    pushConfig = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        executeCommandProvider: { commands: [CHECK_FILE] },
      },
      serverInfo: { name: 'reportlint', version },
    };
  });
  let watchFiles = false;
  let pushConfig = false;
  connection.onInitialized(async () => {
    if (watchFiles) await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) });
    if (pushConfig) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'reportlint' });
    if (canPull) settings = await pullSettings();
    settle();
  });
  connection.onDidChangeWatchedFiles(() => reload());
  connection.onDidChangeConfiguration((change) => {
    // a client that pushes its settings instead of being asked for them
    const pushed = (change.settings as { reportlint?: Settings } | null)?.reportlint;
    if (pushed && !canPull) settings = pushed;
    return reload();
  });

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => schedule(e.document, settings.debounce ?? initial.debounce ?? 300));
  // a config file edited and saved in the editor itself (a client that watches no files)
  documents.onDidSave((e) => {
    if (!watchFiles && e.document.uri.startsWith('file:') && [...CONFIG_FILES, '.reportlintignore'].includes(path.basename(fileURLToPath(e.document.uri)))) void reload();
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    linted.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    const last = linted.get(params.textDocument.uri);
    if (!doc || !last || last.version !== doc.version) return [];
    return quickFixes(doc.uri, last.result, doc.getText(), params.context.diagnostics, doc.version);
  });

  // reportlint.checkFile <path or file: URI>: the findings of a file on disk (DOCX, PDF or any
  // other format), in the JSON output's shape, for an editor to show in a panel
  connection.onExecuteCommand(async (params) => {
    if (params.command !== CHECK_FILE) throw new ResponseError(-32601, `unknown command ${params.command}`);
    const target = params.arguments?.[0];
    if (typeof target !== 'string' || target === '') throw new ResponseError(-32602, `${CHECK_FILE} needs a file path or a file: URI`);
    const file = target.startsWith('file:') ? fileURLToPath(target) : path.resolve(root, target);
    const o = await options(file).catch((error: Error) => {
      throw new ResponseError(-32603, `reportlint: ${error.message}`);
    });
    const result = await accepted(await lint(file, { ...o.lint, filePath: path.relative(root, file) || file }));
    return JSON.parse(formatJson([result]))[0] as unknown;
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

/** A rule doc's address for the editor: the Markdown file shipped with the package. */
function docUrl(url: string): string | undefined {
  return /^[a-z]+:/i.test(url) ? url : pathToFileURL(path.join(PACKAGE_ROOT, url)).href;
}
