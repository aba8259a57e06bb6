/**
 * The VS Code extension (editors/vscode) packs into a .vsix that VS Code can install: the
 * manifest, the compiled extension and its runtime dependencies, and no sources; and it finds
 * the server the way its README says (the setting, the workspace's node_modules, PATH).
 */
import { describe, it, expect, beforeAll } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { root } from './helpers/fixtures.js';

const extensionDir = path.join(root, 'editors', 'vscode');

interface ServerChoice {
  kind: 'module' | 'command';
  module?: string;
  command?: string;
  args: string[];
  source: string;
}
type ChooseServer = (lookup: { serverPath?: string | null; workspaceFolders?: string[]; exists?: (file: string) => boolean; platform?: string }) => ServerChoice;

let vsix = '';
let files: Record<string, Uint8Array> = {};
const text = (name: string) => new TextDecoder().decode(files[name]);

beforeAll(() => {
  const r = spawnSync(process.execPath, [path.join(extensionDir, 'pack.mjs')], { cwd: root, encoding: 'utf8', timeout: 290_000 });
  if (r.status !== 0) throw new Error(`pack.mjs failed (${r.status ?? r.signal}):\n${r.stderr.slice(-4000)}`);
  vsix = r.stdout.trim().split('\t')[0];
  files = unzipSync(readFileSync(vsix));
}, 300_000);

describe('editors/vscode/pack.mjs', () => {
  it('prints the path of the .vsix it made', () => {
    expect(vsix).toBe(path.join(extensionDir, 'reportlint.vsix'));
    expect(Object.keys(files).length).toBeGreaterThan(10);
  });

  it('the .vsix has the VSIX package files', () => {
    expect(files['extension.vsixmanifest']).toBeDefined();
    expect(files['[Content_Types].xml']).toBeDefined();
    expect(text('extension.vsixmanifest')).toContain('Id="reportlint"');
  });

  it('its package.json: main, activation on the three languages, the panel command and no client-side reportlint.checkFile', () => {
    const manifest = JSON.parse(text('extension/package.json'));
    const rootManifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'reportlint', publisher: 'reportlint', version: rootManifest.version, main: './out/extension.js', engines: { vscode: '^1.96.0' } });
    expect(manifest.activationEvents).toEqual(expect.arrayContaining(['onLanguage:plaintext', 'onLanguage:markdown', 'onLanguage:html']));
    const commands = (manifest.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    expect(commands).toContain('reportlint.checkFileInPanel');
    // vscode-languageclient registers reportlint.checkFile itself, from the server's capabilities
    expect(commands).not.toContain('reportlint.checkFile');
    expect(Object.keys(manifest.contributes.configuration.properties)).toEqual(
      expect.arrayContaining(['reportlint.lang', 'reportlint.debounce', 'reportlint.serverPath', 'reportlint.trace.server']),
    );
  });

  it('holds the compiled extension and its runtime dependencies, and no sources', () => {
    const names = Object.keys(files);
    expect(files['extension/out/extension.js']).toBeDefined();
    expect(files['extension/out/server-path.js']).toBeDefined();
    expect(files['extension/node_modules/vscode-languageclient/package.json']).toBeDefined();
    expect(names.filter((n) => n.startsWith('extension/src/'))).toEqual([]);
    expect(names.filter((n) => /^extension\/(tsconfig\.json|pack\.mjs|package-lock\.json)$/.test(n))).toEqual([]);
    // build tools stay out
    expect(names.filter((n) => /^extension\/node_modules\/(@vscode\/vsce|typescript|@types)\//.test(n))).toEqual([]);
  });
});

describe('the server the extension starts (out/server-path.js)', () => {
  const load = () => createRequire(import.meta.url)(path.join(extensionDir, 'out', 'server-path.js')) as { chooseServer: ChooseServer };

  it('the reportlint.serverPath setting comes first: a .js file runs as a Node module', () => {
    const { chooseServer } = load();
    const choice = chooseServer({ serverPath: '/opt/reportlint/bin/reportlint.js', workspaceFolders: ['/work/a'], exists: () => true });
    expect(choice).toMatchObject({ kind: 'module', module: '/opt/reportlint/bin/reportlint.js', args: ['lsp'], source: 'setting' });
    // a relative setting is taken from the first workspace folder
    expect(chooseServer({ serverPath: 'tools/reportlint/bin/reportlint.js', workspaceFolders: ['/work/a'] }).module).toBe(path.resolve('/work/a', 'tools/reportlint/bin/reportlint.js'));
  });

  it("else the workspace's node_modules/reportlint", () => {
    const { chooseServer } = load();
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'reportlint-vscode-'));
    try {
      const empty = path.join(tmp, 'empty');
      const project = path.join(tmp, 'project');
      const bin = path.join(project, 'node_modules', 'reportlint', 'bin');
      mkdirSync(empty, { recursive: true });
      mkdirSync(bin, { recursive: true });
      writeFileSync(path.join(bin, 'reportlint.js'), '');
      expect(chooseServer({ serverPath: '', workspaceFolders: [empty, project] })).toMatchObject({
        kind: 'module',
        module: path.join(bin, 'reportlint.js'),
        args: ['lsp'],
        source: 'workspace',
      });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('else the reportlint command on PATH, told to talk over stdio', () => {
    const { chooseServer } = load();
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'reportlint-vscode-'));
    try {
      expect(chooseServer({ serverPath: '', workspaceFolders: [tmp] })).toMatchObject({ kind: 'command', command: 'reportlint', args: ['lsp', '--stdio'], source: 'path' });
      expect(chooseServer({})).toMatchObject({ kind: 'command', command: 'reportlint', source: 'path' });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
