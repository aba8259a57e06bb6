/**
 * An editor, as far as the server can tell: starts `reportlint lsp --stdio` as a child process
 * and talks LSP to it over its stdin and stdout with vscode-languageserver-protocol (the
 * protocol layer vscode-languageclient itself uses) — initialize, open, change, ask for code
 * actions, run commands — answering the server's own requests as VS Code would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import protocol from 'vscode-languageserver-protocol/node.js';
import type { ClientCapabilities, CodeAction, Diagnostic, ProtocolConnection, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { root } from './fixtures.js';

const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = protocol;
const BIN = path.join(root, 'bin', 'reportlint.js');

export const uriOf = (file: string) => pathToFileURL(file).href;

export interface StartOptions {
  /** the workspace folder (and the server's working folder) */
  workspace: string;
  locale?: string;
  initializationOptions?: unknown;
  /** what `workspace/configuration` answers for the `reportlint` section (undefined: the client cannot be asked) */
  settings?: Record<string, unknown>;
  /** the client watches files for the server (dynamic registration), as VS Code does */
  watchFiles?: boolean;
  /** more arguments on the server's command line (VS Code's client adds --clientProcessId=…) */
  args?: string[];
  /** the client shows a diagnostic's related places (publishDiagnostics.relatedInformation); default true, as VS Code */
  relatedInformation?: boolean;
}

export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly shownMessages: Array<{ type: number; message: string }> = [];
  readonly registrations: string[] = [];
  private docs = new Map<string, TextDocument>();
  /** where in `published` the current opening of each document starts (a reopened document starts at version 1 again) */
  private openedAt = new Map<string, number>();
  private waiters: Array<() => void> = [];

  private constructor(
    private child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {}

  static async start(options: StartOptions): Promise<LspClient> {
    const child = spawn(process.execPath, [BIN, 'lsp', '--stdio', ...(options.args ?? [])], { cwd: options.workspace, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection);
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.published.push(p);
      client.wake();
    });
    connection.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      client.shownMessages.push(p);
      client.wake();
    });
    connection.onNotification('window/logMessage', () => {});
    connection.onRequest('window/showMessageRequest', (p: { type: number; message: string }) => {
      client.shownMessages.push(p);
      client.wake();
      return null;
    });
    connection.onRequest('client/registerCapability', (p: { registrations: Array<{ method: string }> }) => {
      client.registrations.push(...p.registrations.map((r) => r.method));
      return null;
    });
    connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => p.items.map((i) => (i.section === 'reportlint' ? (options.settings ?? null) : null)));
    connection.listen();
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: options.settings !== undefined,
        didChangeWatchedFiles: { dynamicRegistration: options.watchFiles ?? false },
        didChangeConfiguration: { dynamicRegistration: options.settings !== undefined },
      },
      textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true, relatedInformation: options.relatedInformation ?? true }, codeAction: { dataSupport: true } },
    };
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(options.workspace),
      workspaceFolders: [{ uri: uriOf(options.workspace), name: path.basename(options.workspace) }],
      capabilities,
      locale: options.locale,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  /** Wait until `check` holds (checked on every message from the server), or fail after `ms`. */
  async until<T>(check: () => T | undefined | null | false, what: string, ms = 30000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = check();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        timer = setTimeout(resolve, 200);
      });
      clearTimeout(timer);
    }
  }

  /** The diagnostics published for a document at exactly this version. */
  diagnosticsFor(uri: string, version: number, what = `diagnostics for ${path.basename(uri)} v${version}`): Promise<Diagnostic[]> {
    return this.until(() => this.publishedFor(uri).find((p) => p.version === version)?.diagnostics, what);
  }

  /** What was published for a document since it was (last) opened. */
  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.slice(this.openedAt.get(uri) ?? 0).filter((p) => p.uri === uri);
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  async open(uri: string, languageId: string, text: string): Promise<number> {
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text));
    this.openedAt.set(uri, this.published.length);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return 1;
  }

  /** Apply edits to the open document, as a user typing (incremental changes); returns the new version. */
  async edit(uri: string, edits: TextEdit[]): Promise<number> {
    const doc = this.docs.get(uri)!;
    const version = doc.version + 1;
    // each change is sent against the text after the previous one, as an editor does
    const ordered = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    let current = doc;
    for (const e of ordered) current = TextDocument.update(current, [{ range: e.range, text: e.newText }], version);
    this.docs.set(uri, current);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: ordered.map((e) => ({ range: e.range, text: e.newText })) });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only: ['quickfix'] } }) as Promise<CodeAction[]>;
  }

  /** Apply a code action's edits to the document, as the editor does when the user picks it. */
  apply(uri: string, action: CodeAction): Promise<number> {
    const edits = action.edit?.changes?.[uri];
    if (!edits) throw new Error(`the action “${action.title}” has no edits for ${uri}`);
    return this.edit(uri, edits);
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest('workspace/executeCommand', { command, arguments: args });
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest('shutdown').catch(() => {});
    await this.connection.sendNotification('exit').catch(() => {});
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<null>((r) => (timer = setTimeout(() => r(null), 5000)))]);
    clearTimeout(timer);
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
    return code;
  }
}
