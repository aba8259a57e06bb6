/**
 * The JSON output is a contract (design.md): other tools read it. Its shape is pinned here —
 * every key of a result and of a message, in order — so a change to it is a decision, not an
 * accident.
 */
import { describe, it, expect } from '@jest/globals';
import { formatJson } from '../src/report/json.js';
import { lintBytes } from '../src/engine/lint.js';
import { lintFixture } from './helpers/fixtures.js';
import { readFileSync } from 'node:fs';
import { fixture } from './helpers/fixtures.js';

describe('--format json', () => {
  it('a result and its messages have exactly these keys', async () => {
    const [r] = JSON.parse(formatJson([await lintFixture('seeds/002_605866c201a9c82d.txt')]));
    expect(Object.keys(r)).toEqual(['filePath', 'format', 'encoding', 'reportYear', 'template', 'title', 'issuer', 'messages', 'errorCount', 'warningCount', 'infoCount', 'doubtCount', 'fatal']);
    const period = r.messages.find((m: { ruleId: string }) => m.ruleId === 'reporting-period');
    expect(Object.keys(period)).toEqual(['ruleId', 'severity', 'kind', 'message', 'line', 'column', 'page', 'expected', 'actual', 'quote', 'url', 'fix']);
    expect(period).toMatchObject({ ruleId: 'reporting-period', severity: 2, kind: 'defect', line: 208, column: 10, page: null, url: 'docs/rules/reporting-period.md' });
    // a certain fix: each written year of the period, replaced (1-based, end exclusive)
    expect(period.fix).toEqual({
      title: '把期限中的年份改为标题中的 2020 年',
      edits: [
        { line: 208, column: 10, endLine: 208, endColumn: 14, text: '2020' },
        { line: 208, column: 20, endLine: 208, endColumn: 24, text: '2020' },
      ],
    });
    // a finding with no certain fix has no key for it
    expect(r.messages.find((m: { ruleId: string }) => m.ruleId === 'blank-cells')).not.toHaveProperty('fix');
  });

  it('a grouped finding lists every place it covers under `related`, each located like a message and with its own text', async () => {
    const [r] = JSON.parse(formatJson([await lintFixture('seeds/002_605866c201a9c82d.txt')]));
    const blank = r.messages.filter((m: { ruleId: string }) => m.ruleId === 'blank-cells');
    expect(blank).toHaveLength(1);
    expect(Object.keys(blank[0])).toEqual(['ruleId', 'severity', 'kind', 'message', 'line', 'column', 'page', 'expected', 'actual', 'cell', 'url', 'related']);
    expect(blank[0]).toMatchObject({ line: 87, column: 1, cell: { table: 'application' } });
    expect(blank[0].related).toHaveLength(132);
    expect(blank[0].related[0]).toEqual({ line: 89, column: 2, page: null, cell: { table: 'application', row: '一、本年新收政府信息公开申请数量', column: '商业企业' }, message: '「一、本年新收政府信息公开申请数量」行「商业企业」列为空' });
    // the rows and columns the message names are the places' rows and columns
    const rows = [...new Set(blank[0].related.map((p: { cell: { row: string } }) => p.cell.row))];
    expect(rows).toHaveLength(22);
    expect(blank[0].message).toContain(`「${rows[0]}」「${rows[1]}」「${rows[2]}」…等 22 行`);
    // a finding of one place has no `related`
    expect(r.messages.find((m: { ruleId: string }) => m.ruleId === 'reporting-period')).not.toHaveProperty('related');
  });

  it('in a DOCX each place is its table cell; in a PDF its page and line', async () => {
    const [docx, pdf] = JSON.parse(formatJson([await lintFixture('docx/002_605866c201a9c82d.docx'), await lintFixture('pdf/002_605866c201a9c82d.lo.pdf')]));
    const of = (r: { messages: Array<{ ruleId: string }> }) => r.messages.find((m) => m.ruleId === 'blank-cells') as unknown as { tableCell: object; related: Array<{ line: number | null; page: number | null; tableCell?: { table: number; row: number; column: number } }> };
    const d = of(docx);
    expect(d.tableCell).toEqual({ table: 2, row: 4, column: 1 });
    expect(d.related).toHaveLength(132);
    expect(d.related.slice(0, 6).map((p) => p.tableCell)).toEqual([5, 6, 7, 8, 9, 10].map((column) => ({ table: 2, row: 4, column })));
    expect(d.related.every((p) => p.line === null && p.tableCell)).toBe(true);
    const p = of(pdf);
    expect(p.related).toHaveLength(132);
    expect(p.related.every((x) => typeof x.page === 'number' && typeof x.line === 'number')).toBe(true);
  });

  it('a PDF finding has its page; a DOCX finding its paragraph or table cell', async () => {
    const [pdf, docx] = JSON.parse(formatJson([await lintFixture('pdf/002_605866c201a9c82d.lo.pdf'), await lintFixture('docx/002_605866c201a9c82d.docx')]));
    expect(pdf.messages.every((m: { page: number | null }) => typeof m.page === 'number')).toBe(true);
    expect(docx.messages.every((m: { paragraph?: number; tableCell?: object }) => m.paragraph !== undefined || m.tableCell !== undefined)).toBe(true);
  });

  it('an unreadable file: one fatal message; accepted findings under suppressedMessages with their reason', async () => {
    const [bad] = JSON.parse(formatJson([await lintFixture('bad/truncated.pdf')]));
    expect(bad).toMatchObject({ fatal: true, errorCount: 1, messages: [expect.objectContaining({ ruleId: 'fatal', fatal: true, line: null })] });
    const text = readFileSync(fixture('seeds', '002_605866c201a9c82d.txt'), 'utf8').replace('六、其他需要报告的事项', '<!-- reportlint-disable reporting-period -- 已更正 -->\n六、其他需要报告的事项');
    const [draft] = JSON.parse(formatJson([await lintBytes(Buffer.from(text), { filePath: 'draft.txt' })]));
    expect(draft.suppressedMessages).toEqual([expect.objectContaining({ ruleId: 'reporting-period', suppressions: [{ kind: 'directive', justification: '已更正' }] })]);
    expect(draft.messages.some((m: { ruleId: string }) => m.ruleId === 'reporting-period')).toBe(false);
  });
});
