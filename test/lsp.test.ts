/**
 * `reportlint lsp --stdio`, driven as an editor drives it: a real LSP client over the child
 * process's stdin and stdout opens the seeds and drafts, receives their findings, types a
 * correction, asks for quick fixes and applies them, changes the config, and checks a DOCX
 * and a PDF through `reportlint.checkFile`.
 */
import { describe, it, expect, beforeAll, afterAll, jest } from '@jest/globals';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, uriOf } from './helpers/lsp-client.js';
import { countBy, expectedFor, fixture, root, type ExpectedFinding } from './helpers/fixtures.js';
import { lint } from '../src/index.js';
import iconv from 'iconv-lite';

// each server start and the debounce test's pauses take seconds, not milliseconds
jest.setTimeout(60000);

const SEVERITY: Record<number, number> = { 1: 2, 2: 1, 3: 0 };
/** A diagnostic in the shape of the fixtures' expected findings (1-based line and column). */
const asFinding = (d: Diagnostic): ExpectedFinding => ({
  ruleId: String(d.code),
  line: d.range.start.line + 1,
  column: d.range.start.character + 1,
  severity: SEVERITY[d.severity!],
  kind: d.source?.includes('读取疑问') ? 'doubt' : 'defect',
  // a grouped finding's places, as the fixtures' expectations list them
  ...(d.relatedInformation?.length ? { related: d.relatedInformation.map((r) => `${r.location.range.start.line + 1}:${r.location.range.start.character + 1}`) } : {}),
});
const byRule = (ds: Diagnostic[]) => countBy(ds.map((d) => ({ ruleId: String(d.code) })));
const only = (ds: Diagnostic[], rule: string) => ds.filter((d) => d.code === rule);
/** The range of the n-th occurrence of `needle` on a line that also holds `lineHas`. */
function find(text: string, lineHas: string, needle: string) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(lineHas));
  const character = lines[line].indexOf(needle, lines[line].indexOf(lineHas));
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

describe('reportlint lsp --stdio, with the repository as the workspace', () => {
  let client: LspClient;
  beforeAll(async () => {
    // started the way VS Code's client starts a server module: with --clientProcessId after --stdio
    client = await LspClient.start({ workspace: root, args: [`--clientProcessId=${process.pid}`] });
  });
  afterAll(async () => {
    expect(await client.stop()).toBe(0); // shutdown, then exit: a clean end
  });

  it('opens seed 002 and publishes exactly its findings: rule, line, column, severity, as the CLI gives them', async () => {
    const rel = 'seeds/002_605866c201a9c82d.txt';
    const uri = uriOf(fixture(rel));
    const diagnostics = await client.diagnosticsFor(uri, await client.open(uri, 'plaintext', await readFile(fixture(rel), 'utf8')));
    expect(diagnostics.map(asFinding)).toEqual(await expectedFor(rel, []));
    const period = only(diagnostics, 'reporting-period')[0];
    // the message names what was found and what is expected, in Chinese by default
    expect(period.message).toBe('报告所述期限「2021年1月1日至2021年12月31日」与报告年度 2020 年不符，应为 2020年1月1日至2020年12月31日');
    expect(period.source).toBe('reportlint');
    // the code's link opens the rule's doc, shipped with the package
    expect(period.codeDescription?.href).toBe(uriOf(path.join(root, 'docs/rules/reporting-period.md')));
    expect(existsSync(fileURLToPath(period.codeDescription!.href))).toBe(true);
    // the range covers the wrong year (the fix's range), not a bare point
    expect(client.text(uri).split('\n')[period.range.start.line].slice(period.range.start.character, period.range.end.character)).toBe('2021');
  });

  it('a grouped finding carries its places as relatedInformation: seed 002’s blank cells, one diagnostic with 132 cells', async () => {
    const rel = 'seeds/002_605866c201a9c82d.txt';
    const uri = uriOf(fixture(rel));
    const [blank, ...more] = only(client.publishedFor(uri).at(-1)!.diagnostics, 'blank-cells');
    expect(more).toEqual([]);
    expect(blank.range.start).toEqual({ line: 86, character: 0 });
    expect(blank.message).toContain('等 22 行有 132 个单元格为空');
    const direct = (await lint(fixture(rel), { filePath: rel })).messages.find((m) => m.ruleId === 'blank-cells')!;
    expect(blank.relatedInformation).toHaveLength(132);
    blank.relatedInformation!.forEach((r, i) => {
      expect(r.location.uri).toBe(uri);
      expect(r.location.range.start).toEqual({ line: direct.related![i].line! - 1, character: direct.related![i].column! - 1 });
      expect(r.message).toBe(direct.related![i].message);
    });
    expect(blank.relatedInformation![0].message).toBe('「一、本年新收政府信息公开申请数量」行「商业企业」列为空');
    // the range of a place is the cell there (an empty cell: one character)
    expect(blank.relatedInformation![0].location.range.end.line).toBe(blank.relatedInformation![0].location.range.start.line);
    // a finding of one place has none
    expect(only(client.publishedFor(uri).at(-1)!.diagnostics, 'reporting-period')[0].relatedInformation).toBeUndefined();
  });

  it('a correction typed into the text makes its finding disappear, and only that one', async () => {
    const uri = uriOf(fixture('seeds/002_605866c201a9c82d.txt'));
    const before = client.publishedFor(uri).at(-1)!;
    const text = client.text(uri);
    const version = await client.edit(uri, [{ range: find(text, '2021年1月1日至2021年12月31日', '2021年1月1日至2021年12月31日'), newText: '2020年1月1日至2020年12月31日' }]);
    const after = await client.diagnosticsFor(uri, version);
    expect(only(after, 'reporting-period')).toEqual([]);
    expect(byRule(after)).toEqual({ ...byRule(before.diagnostics), 'reporting-period': undefined });
  });

  it('quick fix: the prose total becomes the sum of its parts; offered, applied by the client, and the finding goes', async () => {
    const uri = uriOf(fixture('seeds/002_605866c201a9c82d.txt'));
    const current = client.publishedFor(uri).at(-1)!;
    const sum = only(current.diagnostics, 'narrative-sum');
    expect(sum).toHaveLength(1);
    const actions = await client.codeActions(uri, sum);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ title: '把合计 262 改为分项之和 236', kind: 'quickfix', isPreferred: true });
    // nothing was changed by asking: the text is the client's until it applies the edit
    expect(client.text(uri)).toContain('我区主动公开信息262条,其中');
    const version = await client.apply(uri, actions[0]);
    expect(client.text(uri)).toContain('我区主动公开信息236条,其中');
    const after = await client.diagnosticsFor(uri, version);
    expect(byRule(after)).toEqual({ ...byRule(current.diagnostics), 'narrative-sum': undefined });
    // where no fix is certain (a blank cell), none is offered
    expect(await client.codeActions(uri, only(after, 'blank-cells').slice(0, 1))).toEqual([]);
    // a diagnostic of an older version gets no fix: its edit would land in the wrong place
    expect(await client.codeActions(uri, only(current.diagnostics, 'blank-cells').slice(0, 1))).toEqual([]);
    await client.close(uri);
  });

  it('quick fix: the period’s year to the title’s, in the HTML page of seed 002', async () => {
    const file = fixture('html/002_605866c201a9c82d.html');
    const uri = uriOf(file);
    // the page is GBK, as its <meta charset> says; the editor decodes it and sends text
    const text = iconv.decode(await readFile(file), 'gbk');
    const diagnostics = await client.diagnosticsFor(uri, await client.open(uri, 'html', text));
    expect(diagnostics.map(asFinding)).toEqual(await expectedFor('html/002_605866c201a9c82d.html', []));
    const [action, ...more] = await client.codeActions(uri, only(diagnostics, 'reporting-period'));
    expect(more).toEqual([]);
    expect(action.title).toBe('把期限中的年份改为标题中的 2020 年');
    expect(action.edit!.changes![uri].map((e) => e.newText)).toEqual(['2020', '2020']);
    const after = await client.diagnosticsFor(uri, await client.apply(uri, action));
    expect(byRule(after)).toEqual({ ...byRule(diagnostics), 'reporting-period': undefined });
    expect(client.text(uri)).toContain('2020年1月1日至2020年12月31日');
    await client.close(uri);
  });

  it('quick fix: remove the 163 inserted pinyin annotations of seed 000 in one action', async () => {
    const file = fixture('seeds/000_82d6f7fdece5d549.txt');
    const uri = uriOf(file);
    const diagnostics = await client.diagnosticsFor(uri, await client.open(uri, 'plaintext', await readFile(file, 'utf8')));
    const [action] = await client.codeActions(uri, only(diagnostics, 'conversion-artifacts'));
    expect(action.title).toBe('删除全部 163 处拼音注音');
    expect(action.edit!.changes![uri]).toHaveLength(163);
    const after = await client.diagnosticsFor(uri, await client.apply(uri, action));
    expect(byRule(after)).toEqual({ ...byRule(diagnostics), 'conversion-artifacts': undefined });
    expect(client.text(uri)).not.toMatch(/[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]/);
    expect(client.text(uri)).toContain('飛云街道2020年政府信息公開工作年度報告');
    await client.close(uri);
  });

  it('quick fix: a row’s 总计 cell to the sum of its row, offered only where it makes every sum the cell is in hold', async () => {
    const file = fixture('2021/department-correct.txt');
    const uri = uriOf(file);
    // the clerk mistypes one total: 22 → 23 in （一）予以公开
    const text = (await readFile(file, 'utf8')).replace('（一）予以公开\t\t18\t2\t0\t1\t1\t0\t22', '（一）予以公开\t\t18\t2\t0\t1\t1\t0\t23');
    const diagnostics = await client.diagnosticsFor(uri, await client.open(uri, 'plaintext', text));
    const totals = only(diagnostics, 'application-totals');
    // the row's total against its parts, and the 总计 column against （七）总计
    expect(totals.map((d) => d.message)).toEqual([
      expect.stringContaining('表3「（一）予以公开」行：总计填报 23，但各申请人列之和为 22'),
      expect.stringContaining('表3「总计」列：（七）总计填报 45，但（一）至（六）各项之和为 46'),
    ]);
    expect(diagnostics).toHaveLength(2);
    // changing （七）总计 to 46 would break its own row: not certain, not offered
    const actions = await client.codeActions(uri, totals);
    expect(actions.map((a) => a.title)).toEqual(['把总计 23 改为 22']);
    expect(await client.diagnosticsFor(uri, await client.apply(uri, actions[0]))).toEqual([]);
    await client.close(uri);
  });

  it('an untitled Markdown draft is linted too', async () => {
    const uri = 'untitled:Untitled-1';
    const text = (await readFile(fixture('2021/break-reporting-period.txt'), 'utf8')).split('\n').slice(0, 4).join('\n\n');
    const diagnostics = await client.diagnosticsFor(uri, await client.open(uri, 'markdown', text));
    expect(only(diagnostics, 'reporting-period')).toHaveLength(1);
    await client.close(uri);
    // a new, still empty draft is not an unreadable file: nothing to show
    const empty = 'untitled:Untitled-2';
    expect(await client.diagnosticsFor(empty, await client.open(empty, 'plaintext', ''))).toEqual([]);
    await client.close(empty);
  });

  it('reportlint.checkFile: the findings of a DOCX and a PDF on disk, as the JSON output gives them', async () => {
    const docx = (await client.executeCommand('reportlint.checkFile', [uriOf(fixture('docx/002_605866c201a9c82d.docx'))])) as { filePath: string; format: string; messages: Array<{ ruleId: string; paragraph?: number; tableCell?: unknown; page: number | null }> };
    expect(docx).toMatchObject({ filePath: 'fixtures/docx/002_605866c201a9c82d.docx', format: 'docx', fatal: false });
    expect(countBy(docx.messages)).toEqual({ 'reporting-period': 1, 'publication-date': 1, 'narrative-sum': 1, 'blank-cells': 1 });
    expect(docx.messages.every((m) => m.paragraph || m.tableCell)).toBe(true);
    const direct = await lint(fixture('docx/002_605866c201a9c82d.docx'), { filePath: 'fixtures/docx/002_605866c201a9c82d.docx' });
    expect(docx.messages.map((m) => m.ruleId)).toEqual(direct.messages.map((m) => m.ruleId));
    // a path relative to the workspace works too
    const pdf = (await client.executeCommand('reportlint.checkFile', ['fixtures/pdf/002_605866c201a9c82d.lo.pdf'])) as { format: string; messages: Array<{ ruleId: string; page: number | null }> };
    expect(pdf.format).toBe('pdf');
    expect(countBy(pdf.messages)).toEqual({ 'reporting-period': 1, 'publication-date': 1, 'narrative-sum': 1, 'blank-cells': 1 });
    expect(pdf.messages.every((m) => typeof m.page === 'number')).toBe(true);
  });

  it('reportlint.checkFile: a broken or missing file is one clear fatal finding; no argument is an error', async () => {
    const broken = (await client.executeCommand('reportlint.checkFile', [fixture('bad/truncated.pdf')])) as { fatal: boolean; messages: Array<{ ruleId: string; message: string }> };
    expect(broken.fatal).toBe(true);
    expect(broken.messages).toHaveLength(1);
    expect(broken.messages[0].ruleId).toBe('fatal');
    const missing = (await client.executeCommand('reportlint.checkFile', [fixture('no-such-report.pdf')])) as { fatal: boolean; messages: Array<{ message: string }> };
    expect(missing).toMatchObject({ fatal: true, messages: [{ message: expect.stringContaining('文件不存在') }] });
    await expect(client.executeCommand('reportlint.checkFile', [])).rejects.toThrow('reportlint.checkFile needs a file path or a file: URI');
  });
});

describe('reportlint lsp: configuration, ignores and language', () => {
  let dir: string;
  const seed = () => path.join(dir, 'report.txt');
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'reportlint-lsp-'));
    await copyFile(fixture('seeds/002_605866c201a9c82d.txt'), seed());
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uses the config file found from the document’s folder, and lints again when it changes', async () => {
    await writeFile(path.join(dir, '.reportlintrc.json'), JSON.stringify({ rules: { 'narrative-sum': 'off', 'blank-cells': 'warn' } }));
    const client = await LspClient.start({ workspace: dir, watchFiles: true });
    try {
      await client.until(() => client.registrations.includes('workspace/didChangeWatchedFiles'), 'the file watcher registration');
      const uri = uriOf(seed());
      const first = await client.diagnosticsFor(uri, await client.open(uri, 'plaintext', await readFile(seed(), 'utf8')));
      expect(byRule(first)).toEqual({ 'reporting-period': 1, 'publication-date': 1, 'blank-cells': 1 });
      expect(only(first, 'blank-cells').every((d) => d.severity === 2)).toBe(true); // warning
      const published = client.published.length;
      await writeFile(path.join(dir, '.reportlintrc.json'), JSON.stringify({ rules: { 'publication-date': 'off' } }));
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(dir, '.reportlintrc.json')), type: 2 }] });
      const again = await client.until(() => client.published.slice(published).find((p) => p.uri === uri)?.diagnostics, 'diagnostics after the config changed');
      expect(byRule(again)).toEqual({ 'reporting-period': 1, 'narrative-sum': 1, 'blank-cells': 1 });
      expect(only(again, 'blank-cells').every((d) => d.severity === 1)).toBe(true); // error again
    } finally {
      await client.stop();
    }
  });

  it('a broken config file is shown as an error message, and no stale findings stay', async () => {
    await writeFile(path.join(dir, '.reportlintrc.json'), '{ "rules": { "no-such-rule": "error" } }');
    const client = await LspClient.start({ workspace: dir });
    try {
      const uri = uriOf(seed());
      expect(await client.diagnosticsFor(uri, await client.open(uri, 'plaintext', await readFile(seed(), 'utf8')))).toEqual([]);
      const shown = await client.until(() => client.shownMessages.find((m) => m.type === 1), 'an error message');
      expect(shown.message).toContain('.reportlintrc.json');
      expect(shown.message).toContain('no-such-rule');
    } finally {
      await client.stop();
      await rm(path.join(dir, '.reportlintrc.json'));
    }
  });

  it('findings accepted in the workspace’s baseline (written by check --write-baseline) are not shown', async () => {
    execFileSync(process.execPath, [path.join(root, 'bin/reportlint.js'), 'check', 'report.txt', '--write-baseline'], { cwd: dir, stdio: 'pipe' });
    const file = path.join(dir, 'reportlint-baseline.json');
    const baseline = JSON.parse(await readFile(file, 'utf8')) as { findings: Array<{ ruleId: string }> };
    // accept only the prose total, as an office would after checking it against the source
    await writeFile(file, JSON.stringify({ ...baseline, findings: baseline.findings.filter((f) => f.ruleId === 'narrative-sum').map((f) => ({ ...f, reason: '原文如此' })) }));
    const client = await LspClient.start({ workspace: dir });
    try {
      const uri = uriOf(seed());
      const ds = await client.diagnosticsFor(uri, await client.open(uri, 'plaintext', await readFile(seed(), 'utf8')));
      expect(byRule(ds)).toEqual({ 'reporting-period': 1, 'publication-date': 1, 'blank-cells': 1 });
    } finally {
      await client.stop();
      await rm(file);
    }
  });

  it('a client that does not take relatedInformation gets the grouped finding without it', async () => {
    const client = await LspClient.start({ workspace: dir, relatedInformation: false });
    try {
      const uri = uriOf(seed());
      const ds = await client.diagnosticsFor(uri, await client.open(uri, 'plaintext', await readFile(seed(), 'utf8')));
      const [blank] = only(ds, 'blank-cells');
      expect(blank.message).toContain('等 22 行有 132 个单元格为空');
      expect(blank.relatedInformation).toBeUndefined();
    } finally {
      await client.stop();
    }
  });

  it('files named in .reportlintignore get no diagnostics', async () => {
    await writeFile(path.join(dir, '.reportlintignore'), 'report.txt\n');
    const client = await LspClient.start({ workspace: dir });
    try {
      const uri = uriOf(seed());
      expect(await client.diagnosticsFor(uri, await client.open(uri, 'plaintext', await readFile(seed(), 'utf8')))).toEqual([]);
    } finally {
      await client.stop();
      await rm(path.join(dir, '.reportlintignore'));
    }
  });

  it('debounces typing: edits closer together than the pause publish once, for the last version', async () => {
    // a pause of 1.5 s, and edits 0.4 s apart: without the pause each edit would be linted (in
    // about 0.1 s) and published; with it only the last one is
    const client = await LspClient.start({ workspace: dir, initializationOptions: { debounce: 1500 } });
    try {
      const file = fixture('2021/department-correct.txt');
      const uri = uriOf(file);
      expect(await client.diagnosticsFor(uri, await client.open(uri, 'plaintext', await readFile(file, 'utf8')))).toEqual([]);
      const at = find(client.text(uri), '统计期限', '统').start;
      const pause = () => new Promise((r) => setTimeout(r, 400));
      await client.edit(uri, [{ range: { start: at, end: at }, newText: '。' }]);
      await pause();
      await client.edit(uri, [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, newText: '' }]);
      await pause();
      const last = await client.edit(uri, [{ range: { start: at, end: at }, newText: ' ' }]);
      await client.diagnosticsFor(uri, last);
      expect(client.publishedFor(uri).map((p) => p.version)).toEqual([1, last]);
      await client.close(uri);
      // closing a document clears its diagnostics
      await client.until(() => client.publishedFor(uri).length === 3 && client.publishedFor(uri)[2].diagnostics.length === 0, 'the clearing publish');
    } finally {
      await client.stop();
    }
  });

  it('messages follow the client’s locale (English), a setting overrides it, and quick-fix titles follow', async () => {
    const english = await LspClient.start({ workspace: dir, locale: 'en-US' });
    const uri = uriOf(seed());
    try {
      const ds = await english.diagnosticsFor(uri, await english.open(uri, 'plaintext', await readFile(seed(), 'utf8')));
      expect(only(ds, 'reporting-period')[0].message).toBe('the stated period “2021年1月1日至2021年12月31日” does not match the reporting year 2020; expected 2020年1月1日至2020年12月31日');
      const [action] = await english.codeActions(uri, only(ds, 'narrative-sum'));
      expect(action.title).toBe('Change the total 262 to the sum of its parts, 236');
    } finally {
      await english.stop();
    }
    // an English editor whose user set reportlint.lang to zh (workspace/configuration)
    const chinese = await LspClient.start({ workspace: dir, locale: 'en', settings: { lang: 'zh' } });
    try {
      const ds = await chinese.diagnosticsFor(uri, await chinese.open(uri, 'plaintext', await readFile(seed(), 'utf8')));
      expect(only(ds, 'reporting-period')[0].message).toMatch(/^报告所述期限/);
      // the settings were asked for before the first lint: no English flash first
      expect(chinese.published.filter((p) => p.uri === uri)).toHaveLength(1);
    } finally {
      await chinese.stop();
    }
  });
});
