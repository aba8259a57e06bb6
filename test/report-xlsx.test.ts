/**
 * The Excel reporter: the workbook written for the five seeds and an unreadable PDF, read back
 * with exceljs — one row per finding, one summary row per file with the results' counts — and
 * text that a spreadsheet would run as a formula (from a tampered page, say) kept as text.
 */
import { describe, it, expect, beforeAll } from '@jest/globals';
import ExcelJS from 'exceljs';
import { lintFixture, listFixtures } from './helpers/fixtures.js';
import { formatXlsx } from '../src/report/xlsx.js';
import { rules } from '../rules/index.js';
import type { LintResult } from '../src/types.js';

const metas = rules.map((r) => r.meta);

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

/** A sheet's rows below the header, as arrays of cell values (column 1 first). */
function body(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

function header(ws: ExcelJS.Worksheet): unknown[] {
  return (ws.getRow(1).values as unknown[]).slice(1);
}

/** No cell anywhere in the workbook is a formula. */
function expectNoFormula(wb: ExcelJS.Workbook) {
  let cells = 0;
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        cells++;
        expect(cell.formula).toBeUndefined();
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      });
    });
  }
  expect(cells).toBeGreaterThan(0);
}

describe('formatXlsx on the seeds and an unreadable PDF', () => {
  let results: LintResult[];
  let wb: ExcelJS.Workbook;
  const F = 0, ISSUER = 1, YEAR = 2, RULE = 3, LEVEL = 4, MESSAGE = 7, EXPECTED = 8, ACTUAL = 9, PLACES = 11;

  beforeAll(async () => {
    const seeds = await listFixtures('seeds', '.txt');
    results = [];
    for (const f of seeds) results.push(await lintFixture(`seeds/${f}`));
    results.push(await lintFixture('bad/truncated.pdf'));
    wb = await load(await formatXlsx(results, { lang: 'zh', rules: metas }));
  });

  it('lists one row per finding, in order, under the Chinese headers, with an autofilter over them all', () => {
    expect(results).toHaveLength(6);
    const ws = wb.getWorksheet('问题清单')!;
    expect(wb.worksheets.map((s) => s.name)).toEqual(['问题清单', '汇总']);
    expect(header(ws)).toEqual(['文件', '发布机关', '年度', '规则', '级别', '位置', '引文', '问题说明', '应为', '实际', '类型', '涉及位置']);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const total = results.reduce((s, r) => s + r.messages.length, 0);
    const rows = body(ws);
    expect(rows).toHaveLength(total);
    expect(ws.autoFilter).toBe(`A1:L${total + 1}`);
    // the same findings, file by file, in the order of the results
    const expected = results.flatMap((r) => r.messages.map((m) => [r.filePath, m.fatal ? '无法读取' : m.ruleId, m.message]));
    expect(rows.map((row) => [row[F], row[RULE], row[MESSAGE]])).toEqual(expected);
    // the year is a number, so it sorts and filters as one
    expect(rows.find((row) => row[F] === 'fixtures/seeds/002_605866c201a9c82d.txt')![YEAR]).toBe(2020);
    expect(ws.getColumn(8).alignment?.wrapText).toBe(true);
  });

  it('gives a grouped finding one row, with every place it covers in 涉及位置, one a line', () => {
    const ws = wb.getWorksheet('问题清单')!;
    const rows = body(ws).filter((row) => row[F] === 'fixtures/seeds/002_605866c201a9c82d.txt' && row[RULE] === 'blank-cells');
    expect(rows).toHaveLength(1);
    const m = results[2].messages.find((x) => x.ruleId === 'blank-cells')!;
    expect(rows[0][5]).toBe('87:1');
    expect(rows[0][MESSAGE]).toBe(m.message);
    const places = String(rows[0][PLACES]).split('\n');
    expect(places).toHaveLength(132);
    expect(places).toEqual(m.related!.map((r) => `${r.line}:${r.column} ${r.message}`));
    expect(places[0]).toBe('89:2 「一、本年新收政府信息公开申请数量」行「商业企业」列为空');
    expect(ws.getColumn(12).alignment?.wrapText).toBe(true);
    // a finding about one place has an empty cell there
    const period = body(ws).find((row) => row[F] === 'fixtures/seeds/002_605866c201a9c82d.txt' && row[RULE] === 'reporting-period')!;
    expect(period[PLACES] ?? null).toBeNull();
    // seed 001's 23 rows of table 3 with fewer values than columns: one row, 23 places
    const s001 = body(ws).filter((row) => row[F] === 'fixtures/seeds/001_9c5af0f5dc6921f6.txt' && row[RULE] === 'blank-cells');
    expect(s001.map((row) => (row[PLACES] ? String(row[PLACES]).split('\n').length : 0))).toEqual([23, 0]);
  });

  it('gives the unreadable file one row, with the reason', () => {
    const pdf = results[5];
    expect(pdf.fatal).toBe(true);
    const rows = body(wb.getWorksheet('问题清单')!).filter((row) => row[F] === 'fixtures/bad/truncated.pdf');
    expect(rows).toHaveLength(1);
    expect(rows[0][RULE]).toBe('无法读取');
    expect(rows[0][LEVEL]).toBe('错误');
    expect(rows[0][MESSAGE]).toBe(pdf.messages[0].message);
    expect(rows[0][MESSAGE]).toContain('PDF 文件已损坏或不完整');
  });

  it("gives seed 002's reporting period as expected and actual", () => {
    const rows = body(wb.getWorksheet('问题清单')!).filter((row) => row[F] === 'fixtures/seeds/002_605866c201a9c82d.txt' && row[RULE] === 'reporting-period');
    expect(rows).toHaveLength(1);
    expect(rows[0][ISSUER]).toBe('桃江经济开发区');
    expect(rows[0][5]).toBe('208:10');
    expect(rows[0][EXPECTED]).toBe('2020年1月1日至2020年12月31日');
    expect(rows[0][ACTUAL]).toBe('2021年1月1日至2021年12月31日');
  });

  it('sums up one row per file with the counts of the results', () => {
    const ws = wb.getWorksheet('汇总')!;
    expect(header(ws)).toEqual(['文件', '发布机关', '年度', '格式版本', '错误数', '警告数', '提示数', '读取存疑数', '最主要的问题', '是否可读']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:J${results.length + 1}`);
    const rows = body(ws);
    expect(rows.map((row) => [row[0], row[4], row[5], row[7], row[9]])).toEqual(
      results.map((r) => [r.filePath, r.errorCount, r.warningCount, r.doubtCount, r.fatal ? '否' : '是']),
    );
    const seed002 = rows.find((row) => row[0] === 'fixtures/seeds/002_605866c201a9c82d.txt')!;
    // one finding per rule in 002 (its blank cells are one finding): the first in the text comes first
    expect(seed002[8]).toBe('narrative-sum（1 个错误）：正文中的合计数与其分项之和一致');
    const seed003 = rows.find((row) => row[0] === 'fixtures/seeds/003_079ed3c1b799cbd0.txt')!;
    expect(seed003[8]).toBe('numeric-cells（5 个错误）：数字单元格填了文字或格式不正确的数字');
  });

  it('holds no formula', () => expectNoFormula(wb));

  it('speaks English when asked', async () => {
    const en = await load(await formatXlsx(results, { lang: 'en', rules: metas }));
    expect(en.worksheets.map((s) => s.name)).toEqual(['Findings', 'Summary']);
    expect(header(en.getWorksheet('Findings')!)).toEqual(['File', 'Issuer', 'Year', 'Rule', 'Level', 'Location', 'Quote', 'Message', 'Expected', 'Actual', 'Kind', 'Places']);
  });
});

describe('formula injection', () => {
  const payloads = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', ' =1+1', '\t=1+1', '\r=1+1'];
  // XML turns a raw CR into LF when the file is read (exceljs does not write it as &#13;)
  const readBack = (p: string) => `'${p.replace(/\r/g, '\n')}`;
  // a result per payload, the payload in every text a report or a page can put in the workbook
  const results: LintResult[] = payloads.map((p) => ({
    filePath: p,
    format: 'text',
    reportYear: 2020,
    template: '2019',
    issuer: { name: p, type: 'department' },
    messages: [{ ruleId: 'narrative-sum', severity: 2, kind: 'defect', message: p, line: 3, column: 1, page: null, quote: p, expected: p, actual: p }],
    errorCount: 1,
    warningCount: 0,
    infoCount: 0,
    doubtCount: 0,
    fatal: false,
  }));

  it("keeps each as text behind a ' in every cell, and writes no formula", async () => {
    const wb = await load(await formatXlsx(results, { lang: 'zh', rules: metas }));
    const findings = body(wb.getWorksheet('问题清单')!);
    expect(findings).toHaveLength(payloads.length);
    findings.forEach((row, i) => {
      // 文件, 发布机关, 引文, 问题说明, 应为, 实际
      for (const c of [0, 1, 6, 7, 8, 9]) expect(row[c]).toBe(readBack(payloads[i]));
      expect(row[3]).toBe('narrative-sum');
      expect(row[5]).toBe('3:1');
    });
    const summary = body(wb.getWorksheet('汇总')!);
    summary.forEach((row, i) => {
      for (const c of [0, 1]) expect(row[c]).toBe(readBack(payloads[i]));
    });
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string' && payloads.some((p) => (cell.value as string).endsWith(readBack(p).slice(1)))) {
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            expect(cell.value.startsWith("'")).toBe(true);
          }
        }),
      );
    }
    expectNoFormula(wb);
  });

  it('leaves other text alone', async () => {
    const plain: LintResult = { ...results[0], filePath: 'a-b.txt', issuer: { name: '某县人民政府', type: 'government' }, messages: [{ ...results[0].messages[0], message: '相差 -26条', quote: '2020年', expected: '1-2', actual: '0' }] };
    const row = body((await load(await formatXlsx([plain], { lang: 'zh', rules: metas }))).getWorksheet('问题清单')!)[0];
    expect([row[0], row[1], row[6], row[7], row[8], row[9]]).toEqual(['a-b.txt', '某县人民政府', '2020年', '相差 -26条', '1-2', '0']);
  });
});
