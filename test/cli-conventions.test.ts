/**
 * The conventions people expect of a command-line linter, through the built CLI: --version, `rules`,
 * `init`, --stdin with --stdin-filename (text and binary), --print-config, the progress line on a
 * terminal and never off one, and exit code 2 for flags that cannot go together.
 */
import { describe, it, expect } from '@jest/globals';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, onTerminal, tempDir, BIN } from './helpers/cli.js';
import { fixture, root } from './helpers/fixtures.js';
import { loadConfig } from '../src/cli/config.js';
import { rules } from '../rules/index.js';
import { wantsProgress } from '../src/cli/progress.js';
import type { LintResult } from '../src/types.js';

const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
const ruleIds = (out: string) => (JSON.parse(out) as LintResult[])[0].messages.map((m) => m.ruleId);

describe('--version', () => {
  it.each([['--version'], ['-v']])('%s prints the package version and exits 0', async (flag) => {
    const r = await cli([flag]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${version}\n`);
  });
});

describe('reportlint rules', () => {
  it('lists every rule with its level, formats, whether it is fixable, and both descriptions', async () => {
    const r = await cli(['rules']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('共 21 条规则（级别为默认级别；格式指适用的年报格式版本）');
    expect(r.out).toMatch(/^reporting-period +错误  2019格式、2021格式  可自动修正\n +报告所述统计期限为报告年度的1月1日至12月31日\n +the stated period is/m);
    expect(r.out).toMatch(/^fee-reporting +警告  2021格式\n/m);
    for (const rule of rules) expect(r.out).toContain(rule.meta.id);
  });

  it('--lang en puts the English first; --format json gives every rule as data', async () => {
    const en = await cli(['rules', '--lang', 'en']);
    expect(en.out.split('\n')[0]).toBe('21 rules (the level is the default; formats are the report format versions each checks)');
    expect(en.out).toMatch(/^section-numbering +warning  2019, 2021\n +the six parts are numbered/m);
    const list = JSON.parse((await cli(['rules', '--format', 'json'])).out) as Array<{ id: string; level: string; templates: string[]; fixable: boolean; description: { zh: string; en: string } }>;
    expect(list.map((x) => x.id)).toEqual(rules.map((x) => x.meta.id));
    expect(list.filter((x) => x.fixable).map((x) => x.id).sort()).toEqual(['application-totals', 'conversion-artifacts', 'narrative-sum', 'reporting-period', 'review-litigation-totals']);
    expect(list.find((x) => x.id === 'publication-date')).toMatchObject({ level: 'error', templates: ['2019', '2021'], description: { zh: expect.stringContaining('落款'), en: expect.stringContaining('publication date') } });
  });
});

describe('reportlint init', () => {
  it('from flags: writes a commented .reportlintrc.yaml that loads and validates, and applies to the files beside it', async () => {
    const dir = tempDir();
    const r = await cli(['init', '--issuer', 'township', '--deadline', '02-20'], { cwd: dir });
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(dir, '.reportlintrc.yaml'), 'utf8');
    expect(text).toContain('# 本单位：乡镇人民政府、街道办事处');
    expect(text).toContain('publication-date: [error, { townshipDeadline: "02-20" }]');
    const config = await loadConfig(path.join(dir, '.reportlintrc.yaml'));
    expect(config.rules).toMatchObject({ 'publication-date': ['error', { townshipDeadline: '02-20' }], 'required-sections': 'error' });
    // the township fixture signed 24 January passes either way; one signed 15 February passes only with 02-20
    const late = readFileSync(fixture('2021/township-correct.txt'), 'utf8').replace('2025年1月24日', '2025年2月15日');
    writeFileSync(path.join(dir, 'late.txt'), late);
    expect(ruleIds((await cli(['check', '--format', 'json', 'late.txt'], { cwd: dir })).out)).toEqual([]);
    const elsewhere = tempDir();
    writeFileSync(path.join(elsewhere, 'late.txt'), late);
    expect(ruleIds((await cli(['check', '--format', 'json', 'late.txt'], { cwd: elsewhere })).out)).toEqual(['publication-date']);
  });

  it('refuses to overwrite a config unless --force; refuses bad flags; needs --issuer off a terminal', async () => {
    const dir = tempDir();
    await cli(['init', '--issuer', 'department'], { cwd: dir });
    const file = path.join(dir, '.reportlintrc.yaml');
    const first = readFileSync(file, 'utf8');
    expect(first).toContain('townshipDeadline: "01-31"');
    const again = await cli(['init', '--issuer', 'township', '--deadline', '03-01'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.err).toContain('.reportlintrc.yaml 已存在；要覆盖请加 --force');
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect((await cli(['init', '--issuer', 'township', '--deadline', '03-01', '--force'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('townshipDeadline: "03-01"');
    const bad = await cli(['init', '--issuer', 'township', '--deadline', '02-30', '--force'], { cwd: dir });
    expect([bad.code, bad.err]).toEqual([2, 'reportlint: --deadline: 应为 月-日，如 02-20 (02-30)\n']);
    expect((await cli(['init', '--issuer', 'village'], { cwd: tempDir() })).code).toBe(2);
    const noTty = await cli(['init'], { cwd: tempDir() });
    expect(noTty.code).toBe(2);
    expect(noTty.err).toContain('不在终端中运行：请用 --issuer');
  });

  it('on a terminal: asks the two questions and writes the answers', async () => {
    const dir = tempDir();
    const r = await onTerminal(`${process.execPath} ${BIN} init`, dir, [
      [/请选择 1-3：/, '3\r'],
      [/公布期限（月-日，直接回车为 01-31）：/, '02-20\r'],
    ]);
    expect(r.code).toBe(0);
    expect(r.screen).toContain('1) 县级以上人民政府部门');
    const config = await loadConfig(path.join(dir, '.reportlintrc.yaml'));
    expect(config.rules['publication-date']).toEqual(['error', { townshipDeadline: '02-20' }]);
    expect(readFileSync(path.join(dir, '.reportlintrc.yaml'), 'utf8')).toContain('# 本单位：乡镇人民政府、街道办事处 / issuer: a township government or street office (township)');
  }, 30_000);
});

describe('--stdin', () => {
  it('text, HTML and Markdown: the same findings as the file, named by --stdin-filename', async () => {
    for (const rel of ['seeds/002_605866c201a9c82d.txt', 'html/002_605866c201a9c82d.html', 'markdown/pingtan-zone-2023.period.md']) {
      const file = await cli(['check', '--format', 'json', `fixtures/${rel}`]);
      const piped = await cli(['check', '--format', 'json', '--stdin', '--stdin-filename', `fixtures/${rel}`], { input: readFileSync(fixture(rel)) });
      expect(piped.code).toBe(file.code);
      expect(JSON.parse(piped.out)).toEqual(JSON.parse(file.out));
    }
  });

  it('DOCX and PDF bytes: read as bytes, not text', async () => {
    const docx = await cli(['check', '--format', 'json', '--stdin', '--stdin-filename', 'draft.docx'], { input: readFileSync(fixture('docx/002_605866c201a9c82d.docx')) });
    expect([docx.code, ruleIds(docx.out)]).toEqual([1, ['narrative-sum', 'blank-cells', 'reporting-period', 'publication-date']]);
    // no name: the bytes say it is a PDF
    const pdf = await cli(['check', '--format', 'json', '--stdin'], { input: readFileSync(fixture('pdf/002_605866c201a9c82d.lo.pdf')) });
    const [r] = JSON.parse(pdf.out) as LintResult[];
    expect([r.filePath, r.format]).toEqual(['<stdin>', 'pdf']);
    expect(r.messages.map((m) => m.ruleId)).toContain('reporting-period');
  }, 60_000);

  it('--fix-dry-run: the fixed text in the JSON output; --fix: the fixed document on stdout, the report on stderr', async () => {
    const input = readFileSync(fixture('seeds/002_605866c201a9c82d.txt'));
    const dry = await cli(['check', '--fix-dry-run', '--format', 'json', '--stdin', '--stdin-filename', 'draft.txt'], { input });
    const [r] = JSON.parse(dry.out) as Array<LintResult & { output: string }>;
    expect(r.messages.map((m) => m.ruleId)).toEqual(['blank-cells', 'publication-date']);
    expect(r.output).toContain('本报告的起止时间为2020年1月1日至2020年12月31日');
    const fix = await cli(['check', '--fix', '--stdin', '--stdin-filename', 'draft.txt'], { input });
    expect(fix.code).toBe(1);
    expect(fix.out).toBe(r.output);
    expect(fix.err).toContain('draft.txt: 已修正 3 处');
    expect(fix.err).toMatch(/210:1 +错误 +落款日期为 2020年12月31日/);
    // a Word draft through a pipe: the corrected package comes out
    const word = await cli(['check', '--fix', '--stdin', '--stdin-filename', 'draft.docx'], { input: readFileSync(fixture('2021/break-reporting-period.docx')) });
    expect(word.code).toBe(0);
    const dir = tempDir();
    writeFileSync(path.join(dir, 'out.docx'), word.bytes);
    expect(ruleIds((await cli(['check', '--format', 'json', 'out.docx'], { cwd: dir })).out)).toEqual([]);
  }, 60_000);
});

describe('--print-config', () => {
  it('prints what applies to the file: presets, the config found, then the command line', async () => {
    const dir = tempDir();
    await cli(['init', '--issuer', 'township', '--deadline', '02-20', '--lang', 'en'], { cwd: dir });
    copyFileSync(fixture('seeds/002_605866c201a9c82d.txt'), path.join(dir, 'r.txt'));
    const r = await cli(['check', '--print-config', 'r.txt', '--rule', 'fee-reporting:off', '--template', '2021'], { cwd: dir });
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    expect(c).toMatchObject({ filePath: 'r.txt', configFile: path.join(dir, '.reportlintrc.yaml'), ignored: false, lang: 'en', template: '2021', plugins: [] });
    expect(Object.keys(c.rules)).toEqual(rules.map((x) => x.meta.id));
    expect(c.rules['publication-date']).toEqual(['error', { townshipDeadline: '02-20' }]);
    expect(c.rules['fee-reporting']).toBe('off');
    expect(c.rules['section-numbering']).toBe('warn');
    // no config: the recommended preset with each rule's default options
    const none = JSON.parse((await cli(['check', '--print-config', 'fixtures/seeds/002_605866c201a9c82d.txt'])).out);
    expect([none.configFile, none.rules['publication-date']]).toEqual([null, ['error', { townshipDeadline: '01-31' }]]);
  });
});

describe('progress on stderr', () => {
  const four = ['docx/002_605866c201a9c82d.docx', 'docx/004_e501d39fb7faf04c.docx', 'docx/clean-2020-department.docx', 'pdf/004_e501d39fb7faf04c.lo.pdf'].map((f) => `fixtures/${f}`);

  it('shown only on a terminal, for more than 3 PDF or Word files', () => {
    expect(wantsProgress(four, true)).toBe(true);
    expect(wantsProgress(four, false)).toBe(false);
    expect(wantsProgress(four.slice(1), true)).toBe(false);
    expect(wantsProgress([...four.slice(1), 'a.txt', 'b.html'], true)).toBe(false);
  });

  it('not a terminal: no progress line, only the report', async () => {
    const r = await cli(['check', ...four]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
  }, 60_000);

  it('a terminal: the bar counts the files', async () => {
    const r = await onTerminal(`${process.execPath} ${BIN} check ${four.join(' ')} >/dev/null`, root);
    expect(r.code).toBe(1);
    expect(r.screen).toMatch(/\r\[#{24}\] 4\/4 份 · /);
    expect(r.screen).not.toContain('reportlint audit');
  }, 60_000);
});

describe('flags that cannot go together: exit code 2', () => {
  it.each([
    [['check', '--fix', '--fix-dry-run', 'fixtures/seeds'], '--fix and --fix-dry-run cannot be used together'],
    [['check', '--stdin', 'fixtures/seeds'], '--stdin reads the document from standard input'],
    [['check', '--stdin-filename', 'a.txt', 'fixtures/seeds'], '--stdin-filename needs --stdin'],
    [['check', '--fix', '--write-baseline', 'fixtures/seeds'], '--fix cannot be used with --write-baseline'],
    [['check'], 'no files to check'],
    [['check', '--print-config', 'a.txt', 'fixtures/seeds'], '--print-config takes one file'],
  ])('%j', async (args, message) => {
    const r = await cli(args as string[], { input: '' });
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });
});
