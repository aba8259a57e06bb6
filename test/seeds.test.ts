/**
 * The five real 2020 reports (fixtures/seeds, unchanged) and their HTML pages (fixtures/html):
 * every finding checked exactly — rule id, count, line and column — against the expectation
 * beside each fixture, and the defects the project was started for named one by one.
 */
import { describe, it, expect } from '@jest/globals';
import { lintFixture, findings, expectedFor, countBy, listFixtures } from './helpers/fixtures.js';

const seeds = await listFixtures('seeds', '.txt');
const pages = await listFixtures('html', '.html');

describe.each([...seeds.map((f) => `seeds/${f}`), ...pages.map((f) => `html/${f}`)])('%s', (rel) => {
  it('gives exactly the expected findings (rule id, line, column, severity)', async () => {
    const result = await lintFixture(rel);
    expect(result.fatal).toBe(false);
    const actual = findings(result);
    expect(actual).toEqual(await expectedFor(rel, actual));
  });
});

describe('the defects of each seed, by rule and count (text and HTML alike)', () => {
  const cases: Array<[string, Record<string, number>]> = [
    // 000: no tables in 二, 三, 四; pinyin inserted throughout (one finding, with the count);
    // 「收到1例…行政复议」 then 「未发生一例…行政复议」; no date at all (an info note)
    ['000_82d6f7fdece5d549', { 'section-table-present': 3, 'conversion-artifacts': 1, 'narrative-table-agreement': 1, 'publication-date': 1 }],
    // 001: the gambling spam at its 5 places; 23 rows of table 3 with fewer values than columns (one finding
    // listing them) and the row of table 4; a 镇人民政府 that gives no 工作考核、社会评议和责任追究 results (《条例》第五十条（四）)
    ['001_9c5af0f5dc6921f6', { 'injected-content': 5, 'blank-cells': 2, 'overview-topics': 1 }],
    // 002: 2021 period in a 2020 report; signed 2020-12-31; 262 ≠ 236; blank applicant columns in 22 rows of table 3 (one finding)
    ['002_605866c201a9c82d', { 'reporting-period': 1, 'publication-date': 1, 'narrative-sum': 1, 'blank-cells': 1 }],
    // 003: blanks in 23 rows of table 3 (one finding) and in table 4 (another); 无增减 in five cells of table 2; no date at all
    ['003_079ed3c1b799cbd0', { 'blank-cells': 2, 'numeric-cells': 5, 'publication-date': 1 }],
    // 004: no tables; its totals (45543, 23, 293) all add up, so no narrative-sum; a county
    // government's report with 考核 but no 社会评议 or 责任追究 results
    ['004_e501d39fb7faf04c', { 'section-table-present': 3, 'overview-topics': 1 }],
  ];
  it.each(cases)('%s', async (name, counts) => {
    const text = await lintFixture(`seeds/${name}.txt`);
    const html = await lintFixture(`html/${name}.html`);
    expect(countBy(text.messages)).toEqual(counts);
    expect(countBy(html.messages)).toEqual(counts);
  });
});

describe('what the findings say', () => {
  it('002: the period, the date and the prose total, with expected and actual values', async () => {
    const r = await lintFixture('seeds/002_605866c201a9c82d.txt');
    const period = r.messages.find((m) => m.ruleId === 'reporting-period')!;
    expect(period).toMatchObject({ line: 208, expected: '2020年1月1日至2020年12月31日', actual: '2021年1月1日至2021年12月31日' });
    expect(period.message).toContain('2021年1月1日至2021年12月31日');
    const date = r.messages.find((m) => m.ruleId === 'publication-date')!;
    expect(date).toMatchObject({ line: 210, actual: '2020年12月31日' });
    const sum = r.messages.find((m) => m.ruleId === 'narrative-sum')!;
    expect(sum).toMatchObject({ line: 9, expected: '236条', actual: '262条' });
    // the six outlets of "各1条" count six times
    expect(sum.message).toContain('各1×6');
    expect(sum.message).toMatch(/262条.*236条/);
  });

  it('001: every place the spam stands, title and page metadata included', async () => {
    const r = await lintFixture('seeds/001_9c5af0f5dc6921f6.txt');
    const lines = r.messages.filter((m) => m.ruleId === 'injected-content').map((m) => m.line);
    expect(lines).toEqual([1, 3, 8, 24, 454]);
  });

  it('000: the contradiction about 行政复议 names both statements; the missing date is an info note', async () => {
    const r = await lintFixture('seeds/000_82d6f7fdece5d549.txt');
    const [m] = r.messages.filter((x) => x.ruleId === 'narrative-table-agreement');
    expect(m).toMatchObject({ line: 4, expected: '1', actual: '0', severity: 1 });
    expect(m.message).toContain('收到1例政府信息公开方面的行政复议');
    expect(m.message).toContain('未发生一例');
    const date = r.messages.find((x) => x.ruleId === 'publication-date')!;
    expect(date).toMatchObject({ severity: 0, line: null });
    expect(r.errorCount).toBe(3); // the three missing tables; the note does not count
  });

  it('003: 无增减 is named with its cell; the split label 「（四）无法提/供」 is not taken for a value', async () => {
    const r = await lintFixture('seeds/003_079ed3c1b799cbd0.txt');
    const words = r.messages.filter((m) => m.ruleId === 'numeric-cells');
    expect(words.map((m) => m.actual)).toEqual(Array(5).fill('无增减'));
    expect(words[0].message).toContain('行政许可');
    expect(words[0].message).toContain('本年增/减');
    expect(r.messages.some((m) => m.message.includes('「供」'))).toBe(false);
  });

  it('002: the blank cells of table 3 are one finding at its first row, naming the rows and columns, each cell a related place', async () => {
    for (const rel of ['seeds/002_605866c201a9c82d.txt', 'html/002_605866c201a9c82d.html']) {
      const r = await lintFixture(rel);
      const blank = r.messages.filter((m) => m.ruleId === 'blank-cells');
      expect(blank).toHaveLength(1);
      const [m] = blank;
      expect(m.message).toBe(
        '表3（依申请公开）「一、本年新收政府信息公开申请数量」「二、上年结转政府信息公开申请数量」「（一）予以公开」…等 22 行有 132 个单元格为空（商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）：没有数据应填 0，空白不等于 0',
      );
      expect(m.cell).toEqual({ table: 'application' });
      // 22 rows × the six columns after 自然人, each cell once, in the order of the table
      const cells = m.related!.map((p) => p.cell!);
      expect(new Set(cells.map((c) => c.row)).size).toBe(22);
      expect(new Set(cells.map((c) => `${c.row}|${c.column}`)).size).toBe(132);
      expect(cells.slice(0, 6).map((c) => c.column)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
      expect(m.related![0]).toMatchObject({ message: '「一、本年新收政府信息公开申请数量」行「商业企业」列为空', cell: { table: 'application', row: '一、本年新收政府信息公开申请数量', column: '商业企业' } });
      // every place is a line of the source, at or after the finding's
      for (const p of m.related!) expect(p.line).toBeGreaterThanOrEqual(m.line!);
    }
  });

  it('001 (text): the 23 rows of table 3 with fewer values than columns are one finding, the row of table 4 another', async () => {
    const r = await lintFixture('seeds/001_9c5af0f5dc6921f6.txt');
    const [t3, t4] = r.messages.filter((m) => m.ruleId === 'blank-cells');
    expect(t3.message).toMatch(/^表3（依申请公开）「一、本年新收政府信息公开申请数量」「二、上年结转政府信息公开申请数量」「（一）予以公开」…等 23 行读到的数值少于列数，共有 74 个单元格为空；/);
    expect(t3.related!.map((p) => p.line)).toHaveLength(23);
    expect(t3.related![0]).toMatchObject({ line: 160, message: '「一、本年新收政府信息公开申请数量」行应有 7 个数值，只读到 6 个（0、0、0、0、0、0）' });
    expect(t4).toMatchObject({ line: 428, cell: { table: 'review' } });
    expect(t4.related).toBeUndefined();
  });

  it('messages are Chinese by default and English with lang en', async () => {
    const { lint } = await import('../src/index.js');
    const { fixture } = await import('./helpers/fixtures.js');
    const zh = await lint(fixture('seeds/002_605866c201a9c82d.txt'));
    const en = await lint(fixture('seeds/002_605866c201a9c82d.txt'), { lang: 'en' });
    expect(zh.messages.every((m) => /[\u4e00-\u9fff]/.test(m.message))).toBe(true);
    expect(en.messages.find((m) => m.ruleId === 'reporting-period')!.message).toMatch(/^the stated period/);
  });
});
