/**
 * The terminal output (src/report/stylish.ts): one line per finding, and under a grouped finding
 * the places it covers, indented, the first ten of them and how many more there are.
 */
import { describe, it, expect } from '@jest/globals';
import { formatStylish, RELATED_SHOWN } from '../src/report/stylish.js';
import { lintFixture } from './helpers/fixtures.js';

describe('formatStylish', () => {
  it("002's blank cells: one line for the finding, its first places indented under it, then the count of the rest", async () => {
    const r = await lintFixture('seeds/002_605866c201a9c82d.txt');
    const lines = formatStylish([r]).split('\n');
    const at = lines.findIndex((l) => l.includes('blank-cells'));
    expect(lines[at]).toMatch(/^ {2}87:1 +错误 {2}表3（依申请公开）「一、本年新收政府信息公开申请数量」.*…等 22 行有 132 个单元格为空.* {2}blank-cells$/);
    const m = r.messages.find((x) => x.ruleId === 'blank-cells')!;
    const under = lines.slice(at + 1, at + 1 + RELATED_SHOWN);
    expect(under).toEqual(m.related!.slice(0, RELATED_SHOWN).map((p) => `    ↳ ${`${p.line}:${p.column}`.padEnd(8)} ${p.message}`));
    expect(under[0]).toBe('    ↳ 89:2     「一、本年新收政府信息公开申请数量」行「商业企业」列为空');
    expect(lines[at + 1 + RELATED_SHOWN]).toBe('    … 另有 122 处（完整列表见 --format json、sarif、html 或 xlsx）');
    // the next finding follows straight after
    expect(lines[at + 2 + RELATED_SHOWN]).toMatch(/^ {2}208:10 +错误 .*reporting-period$/);
    // findings of one place have nothing under them
    expect(lines.filter((l) => l.startsWith('    ↳'))).toHaveLength(RELATED_SHOWN);
  });

  it('in English, and for a DOCX each place is its table cell', async () => {
    const r = await lintFixture('docx/002_605866c201a9c82d.docx');
    const { lint } = await import('../src/index.js');
    const { fixture } = await import('./helpers/fixtures.js');
    const en = await lint(fixture('docx/002_605866c201a9c82d.docx'), { lang: 'en', filePath: r.filePath });
    const lines = formatStylish([en], 'en').split('\n');
    const at = lines.findIndex((l) => l.includes('blank-cells'));
    expect(lines[at]).toContain('22 rows (');
    expect(lines[at + 1]).toBe('    ↳ table 2 r4c5 row “一、本年新收政府信息公开申请数量”, column “商业企业”: empty');
    expect(lines[at + 1 + RELATED_SHOWN]).toBe('    … and 122 more places (all of them in --format json, sarif, html or xlsx)');
  });

  it('a group of ten places or fewer is listed whole', async () => {
    const r = await lintFixture('seeds/002_605866c201a9c82d.txt');
    const m = r.messages.find((x) => x.ruleId === 'blank-cells')!;
    const few = { ...r, messages: [{ ...m, related: m.related!.slice(0, 3) }] };
    const lines = formatStylish([few]).split('\n');
    expect(lines.filter((l) => l.startsWith('    ↳'))).toHaveLength(3);
    expect(lines.some((l) => l.includes('另有'))).toBe(false);
  });
});
