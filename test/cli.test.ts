/**
 * The command line as a user runs it (the built bin/reportlint.js): Chinese by default,
 * JSON that follows the contract, exit codes 0/1/2, and a batch that goes on past a file
 * it cannot read.
 */
import { describe, it, expect } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './helpers/fixtures.js';

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'reportlint.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('reportlint check', () => {
  it('prints Chinese findings grouped by file, with a summary, and exits 1 on errors', () => {
    const r = run('check', 'fixtures/seeds/002_605866c201a9c82d.txt');
    expect(r.code).toBe(1);
    expect(r.out).toContain('fixtures/seeds/002_605866c201a9c82d.txt');
    expect(r.out).toMatch(/208:10\s+错误\s+报告所述期限「2021年1月1日至2021年12月31日」与报告年度 2020 年不符/);
    expect(r.out).toContain('个错误');
  });

  it('--lang en prints English', () => {
    const r = run('check', '--lang', 'en', 'fixtures/seeds/002_605866c201a9c82d.txt');
    expect(r.out).toMatch(/208:10\s+error\s+the stated period/);
  });

  it('--format json follows the contract of design.md', () => {
    const r = run('check', '--format', 'json', 'fixtures/seeds/002_605866c201a9c82d.txt');
    const results = JSON.parse(r.out);
    expect(results).toHaveLength(1);
    const [file] = results;
    expect(file).toMatchObject({ filePath: 'fixtures/seeds/002_605866c201a9c82d.txt', format: 'text', reportYear: 2020, template: '2019', fatal: false });
    expect(file.errorCount).toBe(file.messages.filter((m: { severity: number }) => m.severity === 2).length);
    expect(file.messages.find((m: { ruleId: string }) => m.ruleId === 'reporting-period')).toEqual(
      expect.objectContaining({
        ruleId: 'reporting-period',
        severity: 2,
        kind: 'defect',
        message: expect.any(String),
        line: 208,
        column: 10,
        page: null,
        expected: '2020年1月1日至2020年12月31日',
        actual: '2021年1月1日至2021年12月31日',
      }),
    );
    for (const m of file.messages) expect(Object.keys(m)).toEqual(expect.arrayContaining(['ruleId', 'severity', 'kind', 'message', 'line', 'column', 'page']));
  });

  it('a folder mixing unreadable files with good ones: each bad file one fatal message, the good ones still checked', () => {
    const good = ['fixtures/seeds/004_e501d39fb7faf04c.txt', 'fixtures/docx/004_e501d39fb7faf04c.docx', 'fixtures/pdf/004_e501d39fb7faf04c.lo.pdf'];
    const r = run('check', '--format', 'json', 'fixtures/bad', ...good, 'fixtures/no-such-file.txt');
    expect(r.code).toBe(1);
    const results = JSON.parse(r.out) as Array<{ filePath: string; fatal: boolean; messages: Array<{ ruleId: string; message: string }> }>;
    const fatal = results.filter((x) => x.fatal).map((x) => path.basename(x.filePath));
    expect(fatal).toEqual([
      'binary.txt', 'blank-lines.txt', 'broken-zip.docx', 'empty.txt', 'encrypted.docx', 'encrypted.pdf', 'garbage.txt', 'no-document.docx',
      'not-a-pdf.pdf', 'not-a-zip.docx', 'truncated.pdf', 'zip-bomb.docx', 'no-such-file.txt',
    ]);
    // the image-only PDF (two scanned pages at 110 ppi) is read by OCR, not refused
    const scan = results.find((x) => path.basename(x.filePath) === 'scanned.pdf') as unknown as { fatal: boolean; ocr?: { pages: number[] } };
    expect({ fatal: scan.fatal, pages: scan.ocr?.pages }).toEqual({ fatal: false, pages: [1, 2] });
    // each unreadable file: exactly one message, and its own reason
    const reasons = results.filter((x) => x.fatal).map((x) => { expect(x.messages).toHaveLength(1); return x.messages[0].message; });
    expect(new Set(reasons.slice(2, 6)).size).toBe(4);
    for (const g of good) {
      const res = results.find((x) => x.filePath === g)!;
      expect({ g, fatal: res.fatal, rules: res.messages.map((m) => m.ruleId) }).toEqual({ g, fatal: false, rules: ['overview-topics', ...Array(3).fill('section-table-present')] });
    }
  });

  it('--rule turns a rule off or changes its level', () => {
    // 004 (a county government) has three missing tables and no 社会评议/责任追究 results
    const off = JSON.parse(run('check', '--format', 'json', '--rule', 'section-table-present:off', 'fixtures/seeds/004_e501d39fb7faf04c.txt').out);
    expect(off[0].messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(['overview-topics']);
    const bothOff = JSON.parse(run('check', '--format', 'json', '--rule', 'section-table-present:off', '--rule', 'overview-topics:off', 'fixtures/seeds/004_e501d39fb7faf04c.txt').out);
    expect(bothOff[0].messages).toEqual([]);
    const warn = run('check', '--rule', 'section-table-present:warn', 'fixtures/seeds/004_e501d39fb7faf04c.txt');
    expect(warn.code).toBe(0);
    expect(run('check', '--rule', 'section-table-present:warn', '--max-warnings', '2', 'fixtures/seeds/004_e501d39fb7faf04c.txt').code).toBe(1);
  });

  it('exits 2 when it cannot run: unknown rule, bad level, bad format', () => {
    expect(run('check', '--rule', 'no-such-rule:off', 'fixtures/seeds').code).toBe(2);
    expect(run('check', '--rule', 'blank-cells:loud', 'fixtures/seeds').code).toBe(2);
    expect(run('check', '--format', 'yaml', 'fixtures/seeds').code).toBe(2);
  });

  it('exits 0 on a clean run', () => {
    const r = run('check', '--rule', 'section-table-present:off', '--rule', 'overview-topics:off', 'fixtures/seeds/004_e501d39fb7faf04c.txt');
    expect(r.code).toBe(0);
    expect(r.out).toContain('未发现问题');
  });
});
