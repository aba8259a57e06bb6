/**
 * Which reportlint the extension starts, chosen without VS Code (so it can be tested alone):
 * the `reportlint.serverPath` setting; else the workspace's node_modules/reportlint; else the
 * `reportlint` command on PATH.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A script run with Node (VS Code forks it; the language client adds `--stdio`). */
export interface ModuleServer {
  kind: 'module';
  module: string;
  args: string[];
  /** where it was found */
  source: 'setting' | 'workspace';
}

/** A program started as it is (the `reportlint` command, or a setting that is not a .js file). */
export interface CommandServer {
  kind: 'command';
  command: string;
  args: string[];
  /** Windows starts npm's `reportlint.cmd` shim only through a shell */
  shell: boolean;
  source: 'setting' | 'path';
}

export type ServerChoice = ModuleServer | CommandServer;

export interface ServerLookup {
  /** the `reportlint.serverPath` setting ('' or undefined: not set) */
  serverPath?: string | null;
  /** the workspace folders' paths on disk, first folder first */
  workspaceFolders?: readonly string[];
  /** whether a file exists (for tests; default: fs.existsSync) */
  exists?: (file: string) => boolean;
  /** default: process.platform */
  platform?: NodeJS.Platform;
}

/** bin/reportlint.js inside a folder's node_modules */
export const WORKSPACE_SERVER = path.join('node_modules', 'reportlint', 'bin', 'reportlint.js');

export function chooseServer(lookup: ServerLookup = {}): ServerChoice {
  const exists = lookup.exists ?? fs.existsSync;
  const folders = lookup.workspaceFolders ?? [];
  const platform = lookup.platform ?? process.platform;
  const setting = lookup.serverPath?.trim();
  if (setting) {
    const file = resolveSetting(setting, folders[0]);
    if (/\.[cm]?js$/i.test(file)) return { kind: 'module', module: file, args: ['lsp'], source: 'setting' };
    return { kind: 'command', command: file, args: ['lsp', '--stdio'], shell: platform === 'win32' && /\.(cmd|bat)$/i.test(file), source: 'setting' };
  }
  for (const folder of folders) {
    const file = path.join(folder, WORKSPACE_SERVER);
    if (exists(file)) return { kind: 'module', module: file, args: ['lsp'], source: 'workspace' };
  }
  return { kind: 'command', command: 'reportlint', args: ['lsp', '--stdio'], shell: platform === 'win32', source: 'path' };
}

/** `~` is the home folder, `${workspaceFolder}` the first folder; a relative path is taken from the first folder. */
function resolveSetting(setting: string, folder: string | undefined): string {
  let file = setting;
  if (folder) file = file.replace(/\$\{workspaceFolder\}/g, folder);
  if (file === '~' || file.startsWith('~/') || file.startsWith('~\\')) file = path.join(os.homedir(), file.slice(1));
  if (!path.isAbsolute(file) && folder) file = path.resolve(folder, file);
  return file;
}
