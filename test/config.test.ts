/**
 * Configuration as a user meets it, through the built command line in a scratch folder outside
 * the repository: config files found upward from each report (JSON, YAML, JS, package.json),
 * presets through `extends`, options checked against each rule's schema (a bad config is exit 2
 * naming the key), rules from a plugin written outside rules/, .reportlintignore, a baseline of
 * accepted findings (suppressed, then stale), and inline disable comments in a draft.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, fixture } from './helpers/fixtures.js';

let dir: string;
const SEED = '002_605866c201a9c82d.txt'; // reporting-period, publication-date, narrative-sum, blank-cells (22 rows, one finding)

function run(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'reportlint.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const json = (cwd: string, ...args: string[]) => {
  const r = run(cwd, 'check', '--format', 'json', ...args);
  if (r.code === 2) throw new Error(r.err);
  type Related = Array<{ line: number | null; column: number | null; message: string }>;
  return JSON.parse(r.out) as Array<{ filePath: string; template: string; messages: Array<{ ruleId: string; severity: number; line: number; related?: Related }>; suppressedMessages?: Array<{ ruleId: string; suppressions: Array<{ kind: string; justification: string }>; related?: Related }>; staleBaseline?: unknown[] }>;
};
const rulesOf = (r: { messages: Array<{ ruleId: string }> }) => [...new Set(r.messages.map((m) => m.ruleId))].sort();
function place(rel: string, from = fixture('seeds', SEED)) {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  copyFileSync(from, path.join(dir, rel));
}
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'reportlint-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('config files, found upward from each report', () => {
  it('no config: the recommended preset', () => {
    place('none/r.txt');
    expect(rulesOf(json(dir, 'none/r.txt')[0])).toEqual(['blank-cells', 'narrative-sum', 'publication-date', 'reporting-period']);
  });

  it('JSON in a parent folder, YAML nearer, package.json field and reportlint.config.js: the nearest wins', () => {
    write('a/.reportlintrc.json', JSON.stringify({ rules: { 'blank-cells': 'off' } }));
    place('a/r.txt');
    write('a/b/.reportlintrc.yaml', 'rules:\n  narrative-sum: "off"\n  blank-cells: warn\n');
    place('a/b/r.txt');
    write('c/package.json', JSON.stringify({ name: 'x', reportlint: { rules: { 'publication-date': 'off', 'blank-cells': 'off' } } }));
    place('c/r.txt');
    write('d/reportlint.config.js', "export default { rules: { 'reporting-period': 'off', 'blank-cells': 'off' } };\n");
    place('d/r.txt');
    const [a, ab, c, d] = json(dir, 'a/r.txt', 'a/b/r.txt', 'c/r.txt', 'd/r.txt');
    expect(rulesOf(a)).toEqual(['narrative-sum', 'publication-date', 'reporting-period']);
    expect(rulesOf(ab)).toEqual(['blank-cells', 'publication-date', 'reporting-period']);
    expect(ab.messages.filter((m) => m.ruleId === 'blank-cells').every((m) => m.severity === 1)).toBe(true);
    expect(rulesOf(c)).toEqual(['narrative-sum', 'reporting-period']);
    expect(rulesOf(d)).toEqual(['narrative-sum', 'publication-date']);
  });

  it('--config names one file for every report; --rule still goes on top', () => {
    write('cfg/strict.json', JSON.stringify({ rules: { 'blank-cells': 'off', 'narrative-sum': 'off' } }));
    const [r] = json(dir, '--config', 'cfg/strict.json', '--rule', 'publication-date:off', 'a/b/r.txt');
    expect(rulesOf(r)).toEqual(['reporting-period']);
  });

  it('extends: a preset that forces the format, and another config file', () => {
    write('e/base.yaml', 'extends: reportlint:format-2021\nrules:\n  blank-cells: "off"\n');
    write('e/.reportlintrc.json', JSON.stringify({ extends: './base.yaml', rules: { 'table-shape': 'warn' } }));
    place('e/r.txt');
    const [r] = json(dir, 'e/r.txt');
    expect(r.template).toBe('2021'); // a 2020 report read against the 2021 format, as the preset asks
    expect(rulesOf(r)).toContain('template-version');
    expect(rulesOf(r)).not.toContain('blank-cells');
  });

  it('options reach the rule: townshipDeadline', () => {
    write('t/.reportlintrc.json', JSON.stringify({ rules: { 'publication-date': ['error', { townshipDeadline: '02-20' }] } }));
    const town = readFileSync(fixture('clean', '2020-township.txt'), 'utf8').replace('\n2021年1月25日\n', '\n2021年2月5日\n');
    write('t/town.txt', town);
    write('u/town.txt', town);
    const [late, onTime] = json(dir, 'u/town.txt', 't/town.txt');
    expect(rulesOf(late)).toEqual(['publication-date']);
    expect(onTime.messages).toEqual([]);
  });
});

describe('a bad config is exit 2, naming the key', () => {
  it.each([
    ['an unknown key', { rule: {} }, /rule: unknown key/],
    ['an unknown rule', { rules: { 'no-such-rule': 'error' } }, /rules\.no-such-rule: unknown rule/],
    ['a bad level', { rules: { 'blank-cells': 'loud' } }, /rules\.blank-cells: level must be one of/],
    ['an option the schema refuses', { rules: { 'publication-date': ['error', { townshipDeadline: '2-20' }] } }, /rules\.publication-date\[1\]\.townshipDeadline: must match pattern/],
    ['an option the rule does not have', { rules: { 'empty-section': ['warn', { minimum: 3 }] } }, /rules\.empty-section\[1\]\.minimum: must NOT have additional properties/],
    ['options for a rule that takes none', { rules: { 'blank-cells': ['error', { x: 1 }] } }, /rules\.blank-cells\[1\]: this rule takes no options/],
    ['an unknown preset', { extends: 'reportlint:strictest' }, /unknown preset 'reportlint:strictest'/],
  ])('%s', (_name, config, message) => {
    write('bad/.reportlintrc.json', JSON.stringify(config));
    place('bad/r.txt');
    const r = run(dir, 'check', 'bad/r.txt');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toContain('.reportlintrc.json');
    expect(r.out).toBe('');
  });

  it('broken JSON and YAML name the file', () => {
    write('bad2/.reportlintrc.yaml', 'rules: [unclosed\n');
    place('bad2/r.txt');
    const r = run(dir, 'check', 'bad2/r.txt');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad2\/\.reportlintrc\.yaml: cannot be read/);
  });
});

describe('rules from outside the pack', () => {
  it('a plugin file next to the config, written with defineRule, runs beside the pack and can be configured', () => {
    const api = pathToFileURL(path.join(root, 'dist', 'src', 'engine', 'rule.js')).href;
    write(
      'p/local-rules.mjs',
      `import { defineRule } from ${JSON.stringify(api)};
export const rules = [
  defineRule(
    {
      id: 'local/contact-phone', type: 'suggestion', kind: 'defect', severity: 'warn', templates: ['2019', '2021'],
      description: { zh: '报告写明咨询电话', en: 'the report gives a phone number' },
      messages: { missing: { zh: () => '报告未写明咨询电话', en: () => 'no phone number in the report' } },
    },
    ({ model, report }) => {
      if (!model.blocks.some((b) => /电话[:：]?\\s*\\d{6,}/.test(b.text))) report('missing', {}, {});
    },
  ),
];
`,
    );
    write('p/.reportlintrc.json', JSON.stringify({ plugins: ['./local-rules.mjs'], rules: { 'blank-cells': 'off' } }));
    place('p/r.txt');
    const [r] = json(dir, 'p/r.txt');
    expect(r.messages.filter((m) => m.ruleId === 'local/contact-phone')).toEqual([expect.objectContaining({ severity: 1 })]);
    write('p/.reportlintrc.json', JSON.stringify({ plugins: ['./local-rules.mjs'], rules: { 'local/contact-phone': 'off' } }));
    expect(rulesOf(json(dir, 'p/r.txt')[0])).not.toContain('local/contact-phone');
    write('p/.reportlintrc.json', JSON.stringify({ plugins: ['./no-such-file.mjs'] }));
    const bad = run(dir, 'check', 'p/r.txt');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/plugins: '\.\/no-such-file\.mjs' cannot be loaded/);
  });
});

describe('.reportlintignore and ignorePatterns', () => {
  it('ignored files are not checked, in folders walked or named', () => {
    const ig = mkdtempSync(path.join(tmpdir(), 'reportlint-ignore-'));
    try {
      for (const f of ['keep/r.txt', 'drafts/old.txt', 'keep/tmp-x.txt']) {
        mkdirSync(path.dirname(path.join(ig, f)), { recursive: true });
        copyFileSync(fixture('seeds', SEED), path.join(ig, f));
      }
      writeFileSync(path.join(ig, '.reportlintignore'), 'drafts/\n');
      writeFileSync(path.join(ig, 'keep', '.reportlintrc.json'), JSON.stringify({ ignorePatterns: ['tmp-*.txt'] }));
      const files = json(ig, '.').map((r) => r.filePath).sort();
      expect(files).toEqual(['keep/r.txt']);
    } finally {
      rmSync(ig, { recursive: true, force: true });
    }
  });
});

describe('a baseline of accepted findings', () => {
  it('--write-baseline, then the same findings are suppressed with their reason; moved lines keep them; fixed ones are stale', () => {
    place('base/r.txt');
    const w = run(path.join(dir, 'base'), 'check', '--write-baseline', 'r.txt');
    expect(w.code).toBe(0);
    const file = path.join(dir, 'base', 'reportlint-baseline.json');
    const baseline = JSON.parse(readFileSync(file, 'utf8'));
    expect(baseline.version).toBe(1);
    expect(baseline.findings).toHaveLength(4);
    expect(baseline.findings[0]).toEqual({ ruleId: expect.any(String), file: 'r.txt', fingerprint: expect.stringMatching(/^[0-9a-f]{16}:\d+$/), message: expect.any(String), reason: '' });
    // a person writes why the period finding is accepted
    for (const f of baseline.findings) if (f.ruleId === 'reporting-period') f.reason = '已发更正说明';
    writeFileSync(file, JSON.stringify(baseline));

    const again = run(path.join(dir, 'base'), 'check', 'r.txt');
    expect(again.code).toBe(0);
    expect(again.out).toContain('另有 4 个问题已按基线或行内注释接受');
    const [r] = json(path.join(dir, 'base'), 'r.txt');
    expect(r.messages).toEqual([]);
    expect(r.suppressedMessages).toHaveLength(4);
    // the grouped blank-cells finding is accepted with all its places
    expect(r.suppressedMessages!.find((m) => m.ruleId === 'blank-cells')!.related).toHaveLength(132);
    expect(r.suppressedMessages!.find((m) => m.ruleId === 'reporting-period')!.suppressions).toEqual([{ kind: 'baseline', justification: '已发更正说明' }]);

    // three lines added at the top: every finding moves down, and stays accepted
    const text = readFileSync(fixture('seeds', SEED), 'utf8');
    write('base/r.txt', '\n\n\n' + text);
    expect(json(path.join(dir, 'base'), 'r.txt')[0].messages).toEqual([]);

    // the period corrected: that entry is stale, and said to be
    write('base/r.txt', text.replace('2021年1月1日至2021年12月31日', '2020年1月1日至2020年12月31日'));
    const [fixed] = json(path.join(dir, 'base'), 'r.txt');
    expect(fixed.messages).toEqual([]);
    expect(fixed.staleBaseline).toEqual([expect.objectContaining({ ruleId: 'reporting-period', reason: '已发更正说明' })]);
    expect(run(path.join(dir, 'base'), 'check', 'r.txt').out).toContain('基线中有 1 条记录已不再出现');

    // a new defect is not in the baseline
    write('base/r.txt', text.replace('我区主动公开信息262条', '我区主动公开信息263条'));
    const [fresh] = json(path.join(dir, 'base'), 'r.txt');
    expect(rulesOf(fresh)).toEqual(['narrative-sum']);

    // a blank cell filled in: the table's blank-cells finding covers other cells now, so it is a new
    // finding (with 131 places) and the accepted one is stale — a blank added would be caught the same way
    const lines = text.split('\n');
    const cell = r.suppressedMessages!.find((m) => m.ruleId === 'blank-cells')!.related![0]; // 一、本年新收 × 商业企业
    lines[cell.line! - 1] = lines[cell.line! - 1].slice(0, cell.column! - 1) + '0' + lines[cell.line! - 1].slice(cell.column! - 1);
    write('base/r.txt', lines.join('\n'));
    const [filled] = json(path.join(dir, 'base'), 'r.txt');
    expect(rulesOf(filled)).toEqual(['blank-cells']);
    expect(filled.messages[0].related).toHaveLength(131);
    expect(filled.staleBaseline).toEqual([expect.objectContaining({ ruleId: 'blank-cells' })]);
  });
});

describe('inline control in a text, Markdown or HTML draft', () => {
  const text = readFileSync(fixture('seeds', SEED), 'utf8').split('\n');
  const at = (line: number, comment: string) => [...text.slice(0, line - 1), comment, ...text.slice(line - 1)].join('\n');

  it('reportlint-disable with a reason: from there on that rule is suppressed, with the reason kept', () => {
    write('inline/a.txt', at(200, '<!-- reportlint-disable reporting-period publication-date -- 更正说明已另行发布 -->'));
    const [r] = json(dir, 'inline/a.txt');
    expect(rulesOf(r)).toEqual(['blank-cells', 'narrative-sum']);
    expect(r.suppressedMessages!.map((m) => [m.ruleId, m.suppressions[0].justification])).toEqual([
      ['reporting-period', '更正说明已另行发布'],
      ['publication-date', '更正说明已另行发布'],
    ]);
  });

  it('reportlint-disable-next-line only covers the next line; enable turns it back on', () => {
    write('inline/b.txt', at(208, '<!-- reportlint-disable-next-line reporting-period -->')); // the period stands on line 208
    expect(rulesOf(json(dir, 'inline/b.txt')[0])).toEqual(['blank-cells', 'narrative-sum', 'publication-date']);
    write('inline/c.txt', at(1, '<!-- reportlint-disable -->').split('\n').map((l, i) => (i === 150 ? `<!-- reportlint-enable blank-cells -->\n${l}` : l)).join('\n'));
    const [c] = json(dir, 'inline/c.txt');
    expect(rulesOf(c)).toEqual(['blank-cells']);
    // the table's blank cells are one finding: kept while some of its places are not turned off
    expect(c.messages[0]).toMatchObject({ line: 88, related: expect.any(Array) });
    expect(c.messages[0].related!.some((p) => p.line! < 151) && c.messages[0].related!.some((p) => p.line! > 151)).toBe(true);
    // and turned off when all of them are
    write('inline/e.txt', at(80, '<!-- reportlint-disable blank-cells -- 空白按县里的表样填报 -->'));
    const [e] = json(dir, 'inline/e.txt');
    expect(rulesOf(e)).toEqual(['narrative-sum', 'publication-date', 'reporting-period']);
    expect(e.suppressedMessages!.map((m) => [m.ruleId, m.related?.length])).toEqual([['blank-cells', 132]]);
  });

  it('in an HTML page too', () => {
    const page = readFileSync(fixture('2021', 'break-blank-cells.html'), 'utf8');
    expect(rulesOf(json(dir, fixture('2021', 'break-blank-cells.html'))[0])).toEqual(['blank-cells']);
    write('inline/d.html', page.replace('<body', '<!-- reportlint-disable blank-cells -- 空白按县里的表样填报 --><body'));
    const [d] = json(dir, 'inline/d.html');
    expect(d.messages).toEqual([]);
    expect(d.suppressedMessages!.map((m) => [m.ruleId, m.suppressions[0].justification])).toEqual([['blank-cells', '空白按县里的表样填报']]);
  });
});

describe('output flags', () => {
  it('--format repeated, each to its own file; --quiet lists errors only', () => {
    place('out/r.txt');
    const r = run(dir, 'check', '--format', 'stylish', '--format', 'json:out/r.json', '--format', 'sarif:out/r.sarif', 'out/r.txt');
    expect(r.code).toBe(1);
    expect(r.out).toContain('out/r.txt');
    expect(JSON.parse(readFileSync(path.join(dir, 'out/r.json'), 'utf8'))[0].messages).toHaveLength(4);
    expect(JSON.parse(readFileSync(path.join(dir, 'out/r.sarif'), 'utf8')).version).toBe('2.1.0');
    write('out/w.txt', readFileSync(fixture('clean', '2020-township.txt'), 'utf8').replace('\n2021年1月25日\n', '\n'));
    const quiet = run(dir, 'check', '--quiet', '--rule', 'publication-date:warn', 'out/w.txt');
    expect(quiet.out).not.toContain('publication-date');
    expect(quiet.code).toBe(0);
  });

  it('xlsx needs a file; an unknown format is exit 2', () => {
    place('out/r.txt');
    const x = run(dir, 'check', '--format', 'xlsx', 'out/r.txt');
    expect(x.code).toBe(2);
    expect(x.err).toContain('须指定输出文件');
    expect(run(dir, 'check', '--format', 'xlsx:out/r.xlsx', 'out/r.txt').code).toBe(1);
    expect(readFileSync(path.join(dir, 'out/r.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(run(dir, 'check', '--format', 'yaml', 'out/r.txt').code).toBe(2);
  });
});
