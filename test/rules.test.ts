/**
 * One test (at least) per rule. The two correct reports in fixtures/clean give no finding at all;
 * each case then breaks exactly one thing in them with a string replacement and checks the whole
 * list of findings: rule ids (exactly, in order), count, line, and for the tallies the expected
 * and actual values.
 *
 *   D = fixtures/clean/2020-department.html  (HTML page, tables with rowspan/colspan)
 *   T = fixtures/clean/2020-township.txt     (plain text, tables flattened one cell per line)
 *
 * Table 3 of D (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计):
 *   一 12 3 0 0 1 0 16 · 二 1 1 0 0 0 0 2 · （七）总计 11 3 0 0 1 0 15 · 四 2 1 0 0 0 0 3
 * Table 3 of T:
 *   一 5 1 0 0 0 0 6 · 二 1 0 0 0 0 0 1 · （七）总计 5 1 0 0 0 0 6 · 四 1 0 0 0 0 0 1
 */
import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { lintBytes } from '../src/engine/lint.js';
import type { RuleSettings } from '../src/engine/config.js';
import type { LintMessage, LintResult } from '../src/types.js';
import { fixture } from './helpers/fixtures.js';

const D = readFileSync(fixture('clean', '2020-department.html'), 'utf8');
const T = readFileSync(fixture('clean', '2020-township.txt'), 'utf8');

// ── helpers ────────────────────────────────────────────────────────────────────────────────

function count(base: string, s: string): number {
  return base.split(s).length - 1;
}

/** Replace `from` by `to`; `from` must occur exactly once, so a case can never pass by a no-op. */
function mutate(base: string, from: string, to: string): string {
  const n = count(base, from);
  if (n !== 1) throw new Error(`mutate: expected exactly one ${JSON.stringify(from)}, found ${n}`);
  return base.replace(from, () => to);
}

/** Remove everything from `from` (included) up to `until` (excluded); both must occur exactly once. */
function cut(base: string, from: string, until: string): string {
  for (const s of [from, until]) if (count(base, s) !== 1) throw new Error(`cut: expected exactly one ${JSON.stringify(s)}, found ${count(base, s)}`);
  const a = base.indexOf(from);
  const b = base.indexOf(until);
  if (b <= a) throw new Error('cut: `until` stands before `from`');
  return base.slice(0, a) + base.slice(b);
}

/** 1-based line of the one occurrence of `needle`. */
function lineOf(text: string, needle: string): number {
  const n = count(text, needle);
  if (n !== 1) throw new Error(`lineOf: expected exactly one ${JSON.stringify(needle)}, found ${n}`);
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

/** A table-3 row of D as written in the HTML: the label cell's end, then one cell per value. */
const hrow = (label: string, values: Array<number | string>) => `${label}</td>${values.map((v) => `<td align="center">${v}</td>`).join('')}</tr>`;
/** A table row of T: the label, then one value per line (blank lines between, as in the seeds). */
const trow = (label: string, values: Array<number | string>) => [label, ...values].join('\n\n') + '\n';
/** Line of value `i` (0-based) of a row of T. */
const tline = (text: string, label: string, i: number) => lineOf(text, `\n${label}\n`) + 1 + 2 * (i + 1);
/** Line of a table row of D (the whole row stands on one line). */
const hline = (text: string, label: string) => lineOf(text, `>${label}</td>`);

async function lint(text: string, filePath: string, rules?: RuleSettings): Promise<LintResult> {
  const r = await lintBytes(Buffer.from(text, 'utf8'), { filePath, ...(rules ? { rules } : {}) });
  expect(r.fatal).toBe(false);
  return r;
}
const html = (text: string, rules?: RuleSettings) => lint(text, 'x.html', rules);
const txt = (text: string, rules?: RuleSettings) => lint(text, 'x.txt', rules);

/** The findings must be exactly these rule ids, in this order; returns the messages. */
function only(r: LintResult, ...ruleIds: string[]): LintMessage[] {
  expect(r.messages.map((m) => m.ruleId)).toEqual(ruleIds);
  return r.messages;
}

describe('the mutate helper', () => {
  it('throws unless the text to replace occurs exactly once', () => {
    expect(() => mutate(D, '不在文中的字符串', 'x')).toThrow(/found 0/);
    expect(() => mutate(D, '<td align="center">0</td>', '<td align="center">1</td>')).toThrow(/exactly one/);
    expect(mutate('a-b-c', '-b-', '+')).toBe('a+c');
  });
});

// ── the valid case ─────────────────────────────────────────────────────────────────────────

describe('the correct reports give no finding', () => {
  it('2020-department.html: 0 findings, read as a 2020 department report in the 2019 format', async () => {
    const r = await html(D);
    expect(r.messages).toEqual([]);
    expect(r).toMatchObject({ format: 'html', reportYear: 2020, template: '2019', issuer: { name: '某县自然资源局', type: 'department' } });
  });

  it('2020-township.txt: 0 findings, read as a 2020 township report in the 2019 format', async () => {
    const r = await txt(T);
    expect(r.messages).toEqual([]);
    expect(r).toMatchObject({ format: 'text', reportYear: 2020, template: '2019', issuer: { name: '某县城关镇', type: 'township' } });
  });
});

// ── required-sections ──────────────────────────────────────────────────────────────────────

describe('required-sections', () => {
  it('HTML: section 五 (heading and content) dropped → 1, at the heading before the gap', async () => {
    const text = cut(D, '<p class="bt2"><strong>五、存在的主要问题及改进情况</strong></p>', '<p class="bt2"><strong>六、');
    const [m] = only(await html(text), 'required-sections');
    expect(m).toMatchObject({ line: lineOf(text, '<strong>四、政府信息公开行政复议'), expected: '五、存在的主要问题及改进情况' });
    expect(m.message).toContain('五');
  });

  it('text: section 五 dropped → 1', async () => {
    const text = cut(T, '五、存在的主要问题及改进情况\n', '六、其他需要报告的事项\n');
    const [m] = only(await txt(text), 'required-sections');
    expect(m).toMatchObject({ line: lineOf(text, '四、政府信息公开行政复议、行政诉讼情况'), expected: '五、存在的主要问题及改进情况' });
  });

  it('text: sections 五 and 六 swapped → 1, at 五 where it stands, said to be out of place (not missing)', async () => {
    const five = T.slice(T.indexOf('五、存在的主要问题及改进情况\n'), T.indexOf('六、其他需要报告的事项\n'));
    const rest = T.slice(T.indexOf('六、其他需要报告的事项\n'));
    const six = rest.slice(0, rest.indexOf('\n\n', rest.indexOf('\n\n') + 2) + 2); // the heading and its paragraph
    const text = T.replace(five + six, () => six + five);
    expect(text).not.toBe(T);
    const [m] = only(await txt(text), 'required-sections');
    expect(m).toMatchObject({ line: lineOf(text, '五、存在的主要问题及改进情况'), actual: '五、存在的主要问题及改进情况' });
    expect(m.message).toContain('位置不对');
  });
});

// ── section-table-present ──────────────────────────────────────────────────────────────────

describe('section-table-present', () => {
  it('HTML: table 4 removed → exactly 1, at the heading of section 四', async () => {
    const text = cut(D, '<table border="1" cellspacing="0" cellpadding="0" width="100%" class="tb4">', '<p class="bt2"><strong>五、');
    const [m] = only(await html(text), 'section-table-present');
    expect(m.line).toBe(lineOf(text, '<strong>四、政府信息公开行政复议'));
    expect(m.message).toContain('表4');
  });

  it('text: table 4 removed → exactly 1', async () => {
    const text = cut(T, '行政复议\n\n行政诉讼\n', '五、存在的主要问题及改进情况\n');
    const [m] = only(await txt(text), 'section-table-present');
    expect(m.line).toBe(lineOf(text, '四、政府信息公开行政复议、行政诉讼情况'));
  });
});

// ── application-balance ────────────────────────────────────────────────────────────────────
// 一、本年新收 自然人 +1 and its row 总计 +1 (so the row still adds up). The 总计 column is then
// out of balance as well: with every row total right, the 总计 column's balance is the sum of
// the applicant columns' balances, so one applicant column cannot be off alone. Both findings
// are application-balance, and nothing else is reported. The prose states the applications
// received, so it is changed with the table (else narrative-table-agreement would speak).

describe('application-balance', () => {
  it('HTML: 一、本年新收 自然人 12 → 13 (row 总计 16 → 17) → application-balance for 自然人 (and 总计)', async () => {
    const label = '一、本年新收政府信息公开申请数量';
    const text = mutate(mutate(D, hrow(label, [12, 3, 0, 0, 1, 0, 16]), hrow(label, [13, 3, 0, 0, 1, 0, 17])), '全年共收到政府信息公开申请16件，其中自然人申请12件', '全年共收到政府信息公开申请17件，其中自然人申请13件');
    const [natural, total] = only(await html(text), 'application-balance', 'application-balance');
    const line = hline(text, '（七）总计');
    // 13 + 1 = 14 against 11 + 2 = 13
    expect(natural).toMatchObject({ line, expected: '14', actual: '13', cell: { table: 'application', column: '自然人' } });
    expect(natural.message).toContain('自然人');
    expect(natural.message).toContain('= 14');
    expect(natural.message).toContain('= 13');
    // 17 + 2 = 19 against 15 + 3 = 18
    expect(total).toMatchObject({ line, expected: '19', actual: '18', cell: { column: '总计' } });
  });

  it('text: 一、本年新收 自然人 5 → 6 (row 总计 6 → 7) → application-balance for 自然人 (and 总计)', async () => {
    const label = '一、本年新收政府信息公开申请数量';
    const text = mutate(mutate(T, trow(label, [5, 1, 0, 0, 0, 0, 6]), trow(label, [6, 1, 0, 0, 0, 0, 7])), '全年共收到政府信息公开申请6件，其中自然人申请5件', '全年共收到政府信息公开申请7件，其中自然人申请6件');
    const [natural, total] = only(await txt(text), 'application-balance', 'application-balance');
    // 6 + 1 = 7 against 5 + 1 = 6
    expect(natural).toMatchObject({ line: tline(text, '（七）总计', 0), expected: '7', actual: '6' });
    expect(natural.message).toContain('自然人');
    expect(natural.message).toContain('= 7');
    expect(natural.message).toContain('= 6');
    expect(total).toMatchObject({ line: tline(text, '（七）总计', 6), expected: '8', actual: '7' });
  });
});

// ── application-totals ─────────────────────────────────────────────────────────────────────

describe('application-totals', () => {
  // （七）总计 自然人 +1, 四、结转 自然人 −1 (balance kept), both row totals adjusted (rows kept):
  // only （七）总计 = Σ（一）…（六） breaks, in 自然人 and — necessarily — in 总计.
  it('HTML: （七）总计 自然人 11 → 12, 四、结转 2 → 1 → application-totals (result total) only', async () => {
    let text = mutate(D, hrow('（七）总计', [11, 3, 0, 0, 1, 0, 15]), hrow('（七）总计', [12, 3, 0, 0, 1, 0, 16]));
    text = mutate(text, hrow('四、结转下年度继续办理', [2, 1, 0, 0, 0, 0, 3]), hrow('四、结转下年度继续办理', [1, 1, 0, 0, 0, 0, 2]));
    const [natural, total] = only(await html(text), 'application-totals', 'application-totals');
    const line = hline(text, '（七）总计');
    expect(natural).toMatchObject({ line, expected: '11', actual: '12', cell: { column: '自然人' } });
    expect(natural.message).toContain('（七）总计填报 12');
    expect(natural.message).toContain('之和为 11');
    expect(total).toMatchObject({ line, expected: '15', actual: '16', cell: { column: '总计' } });
  });

  it('text: （七）总计 自然人 5 → 6, 四、结转 1 → 0 → application-totals (result total) only', async () => {
    let text = mutate(T, trow('（七）总计', [5, 1, 0, 0, 0, 0, 6]), trow('（七）总计', [6, 1, 0, 0, 0, 0, 7]));
    text = mutate(text, trow('四、结转下年度继续办理', [1, 0, 0, 0, 0, 0, 1]), trow('四、结转下年度继续办理', [0, 0, 0, 0, 0, 0, 0]));
    text = mutate(text, '结转下年度继续办理1件', '结转下年度继续办理0件'); // the prose states it too
    const [natural, total] = only(await txt(text), 'application-totals', 'application-totals');
    expect(natural).toMatchObject({ line: tline(text, '（七）总计', 0), expected: '5', actual: '6' });
    expect(total).toMatchObject({ line: tline(text, '（七）总计', 6), expected: '6', actual: '7' });
  });

  // A row's 总计 off by one: the row message at that row. The same cell is one of the terms of
  // （七）总计 in the 总计 column, so that column's result total is reported too (and nothing else).
  it('HTML: row 4.保护第三方合法权益 总计 1 → 2 → application-totals (row message)', async () => {
    const label = '4.保护第三方合法权益';
    const text = mutate(D, hrow(label, [1, 0, 0, 0, 0, 0, 1]), hrow(label, [1, 0, 0, 0, 0, 0, 2]));
    const [row, column] = only(await html(text), 'application-totals', 'application-totals');
    expect(row).toMatchObject({ line: hline(text, label), expected: '1', actual: '2' });
    expect(row.message).toContain('4.保护第三方合法权益」行');
    expect(row.message).toContain('总计填报 2');
    expect(row.message).toContain('各申请人列之和为 1');
    expect(column).toMatchObject({ line: hline(text, '（七）总计'), expected: '16', actual: '15', cell: { column: '总计' } });
  });

  it('text: row 4.保护第三方合法权益 总计 1 → 2 → application-totals (row message)', async () => {
    const label = '4.保护第三方合法权益';
    const text = mutate(T, trow(label, [1, 0, 0, 0, 0, 0, 1]), trow(label, [1, 0, 0, 0, 0, 0, 2]));
    const [row, column] = only(await txt(text), 'application-totals', 'application-totals');
    expect(row).toMatchObject({ line: tline(text, label, 6), expected: '1', actual: '2' });
    expect(row.message).toContain('4.保护第三方合法权益」行');
    expect(column).toMatchObject({ line: tline(text, '（七）总计', 6), expected: '7', actual: '6' });
  });
});

// ── review-litigation-totals ───────────────────────────────────────────────────────────────

describe('review-litigation-totals', () => {
  // the prose states 行政复议2件, so the total stays and a part changes
  it('HTML: 行政复议 结果维持 1 → 2 (总计 2 kept) → exactly 1', async () => {
    const td = (v: number) => `<td align="center">${v}</td>`;
    const from = `<tr>${[1, 0, 0, 1, 2].map(td).join('')}`;
    const text = mutate(D, from, `<tr>${[2, 0, 0, 1, 2].map(td).join('')}`);
    const [m] = only(await html(text), 'review-litigation-totals');
    expect(m).toMatchObject({ line: lineOf(text, `<tr>${[2, 0, 0, 1, 2].map(td).join('')}`), expected: '3', actual: '2' });
    expect(m.message).toContain('行政复议');
  });

  it('text: 行政复议 总计 1 → 2 → exactly 1', async () => {
    const from = '总计\n\n1\n\n0\n\n0\n\n0\n\n1\n';
    const text = mutate(T, from, '总计\n\n1\n\n0\n\n0\n\n0\n\n2\n');
    const [m] = only(await txt(text), 'review-litigation-totals');
    expect(m).toMatchObject({ line: lineOf(text, '总计\n\n1\n\n0\n\n0\n\n0\n\n2\n') + 10, expected: '1', actual: '2' });
  });
});

// ── blank-cells ────────────────────────────────────────────────────────────────────────────

describe('blank-cells', () => {
  it('HTML: one empty cell → 1', async () => {
    const label = '1.属于国家秘密';
    const text = mutate(D, hrow(label, [0, 0, 0, 0, 0, 0, 0]), hrow(label, ['', 0, 0, 0, 0, 0, 0]));
    const [m] = only(await html(text), 'blank-cells');
    expect(m.line).toBe(hline(text, label));
    expect(m.message).toContain('自然人');
  });

  it('HTML: an empty cell in a row with numbers is not read as 0 — the tallies skip it, only blank-cells', async () => {
    const label = '一、本年新收政府信息公开申请数量';
    const text = mutate(D, hrow(label, [12, 3, 0, 0, 1, 0, 16]), hrow(label, ['', 3, 0, 0, 1, 0, 16]));
    const [m] = only(await html(text), 'blank-cells');
    expect(m.line).toBe(hline(text, label));
  });

  it('HTML: 商业企业 left empty in three rows → 1 finding for the table, at the first row, each empty cell a related place', async () => {
    let text = D;
    const rows: Array<[string, number[]]> = [
      ['一、本年新收政府信息公开申请数量', [12, 3, 0, 0, 1, 0, 16]],
      ['二、上年结转政府信息公开申请数量', [1, 1, 0, 0, 0, 0, 2]],
      ['四、结转下年度继续办理', [2, 1, 0, 0, 0, 0, 3]],
    ];
    for (const [label, v] of rows) text = mutate(text, hrow(label, v), hrow(label, [v[0], '', ...v.slice(2)]));
    const [m] = only(await html(text), 'blank-cells');
    expect(m.line).toBe(hline(text, rows[0][0]));
    expect(m.message).toBe(`表3（依申请公开）${rows.map(([l]) => `「${l}」`).join('')}等 3 行有 3 个单元格为空（商业企业）：没有数据应填 0，空白不等于 0`);
    expect(m.related!.map((p) => [p.line, p.cell])).toEqual(rows.map(([l]) => [hline(text, l), { table: 'application', row: l, column: '商业企业' }]));
    expect(m.related!.map((p) => p.message)).toEqual(rows.map(([l]) => `「${l}」行「商业企业」列为空`));
    // the tallies skip those cells: no other finding
  });

  it('text: value lines deleted from two table-3 rows → 1 finding naming both rows, each a related place', async () => {
    let text = mutate(T, '1.属于国家秘密\n\n0\n\n', '1.属于国家秘密\n\n');
    text = mutate(text, '2.其他法律行政法规禁止公开\n\n0\n\n', '2.其他法律行政法规禁止公开\n\n');
    const [m] = only(await txt(text), 'blank-cells');
    expect(m).toMatchObject({ line: lineOf(text, '\n1.属于国家秘密\n') + 1, expected: '7', actual: '6 / 6' });
    expect(m.message).toContain('「（三）不予公开 › 1.属于国家秘密」「（三）不予公开 › 2.其他法律行政法规禁止公开」等 2 行读到的数值少于列数，共有 2 个单元格为空');
    expect(m.related!.map((p) => p.line)).toEqual([lineOf(text, '\n1.属于国家秘密\n') + 1, lineOf(text, '\n2.其他法律行政法规禁止公开\n') + 1]);
  });

  it('text: one value line deleted from a table-3 row (6 of 7 values) → 1', async () => {
    const label = '1.属于国家秘密';
    const text = mutate(T, `${label}\n\n0\n\n`, `${label}\n\n`);
    const [m] = only(await txt(text), 'blank-cells');
    expect(m).toMatchObject({ line: lineOf(text, `\n${label}\n`) + 1, expected: '7', actual: '6' });
  });
});

// ── numeric-cells ──────────────────────────────────────────────────────────────────────────

describe('numeric-cells', () => {
  it('HTML: 无 in a table-3 cell → 1 (and the tallies skip the word)', async () => {
    const label = '1.属于国家秘密';
    const text = mutate(D, hrow(label, [0, 0, 0, 0, 0, 0, 0]), hrow(label, ['无', 0, 0, 0, 0, 0, 0]));
    const [m] = only(await html(text), 'numeric-cells');
    expect(m).toMatchObject({ line: hline(text, label), actual: '无' });
  });

  it('text: 无 in a table-3 cell → 1', async () => {
    const label = '1.属于国家秘密';
    const text = mutate(T, `${label}\n\n0\n`, `${label}\n\n无\n`);
    const [m] = only(await txt(text), 'numeric-cells');
    expect(m).toMatchObject({ line: lineOf(text, `\n${label}\n`) + 3, actual: '无' });
  });

  it('HTML: -1 in a count cell (行政处罚 上一年项目数量) → 1', async () => {
    const text = mutate(D, '<td>行政处罚</td><td align="center">28</td>', '<td>行政处罚</td><td align="center">-1</td>');
    const [m] = only(await html(text), 'numeric-cells');
    expect(m).toMatchObject({ line: lineOf(text, '<td>行政处罚</td>'), actual: '-1' });
    expect(m.message).toContain('上一年项目数量');
  });

  it('text: -1 in a count cell (行政处罚 上一年项目数量) → 1', async () => {
    const text = mutate(T, '行政处罚\n\n4\n', '行政处罚\n\n-1\n');
    const [m] = only(await txt(text), 'numeric-cells');
    expect(m).toMatchObject({ line: lineOf(text, '\n行政处罚\n') + 3, actual: '-1' });
  });

  it('HTML: +2 / -1 in 本年增/减 and 251000元 in 采购总金额 are numbers → 0', async () => {
    let text = mutate(D, '<td>行政许可</td><td align="center">32</td><td align="center">0</td>', '<td>行政许可</td><td align="center">32</td><td align="center">+2</td>');
    text = mutate(text, '<td>其他对外管理服务事项</td><td align="center">15</td><td align="center">0</td>', '<td>其他对外管理服务事项</td><td align="center">15</td><td align="center">-1</td>');
    text = mutate(text, '<td align="center">1860000</td>', '<td align="center">251000元</td>');
    only(await html(text));
  });

  it('text: +2 / -1 in 本年增/减 and 251000元 in 采购总金额 are numbers → 0', async () => {
    let text = mutate(T, trow('行政许可', [0, 0, 0]), trow('行政许可', [0, '+2', 0]));
    text = mutate(text, trow('其他对外管理服务事项', [6, 0, 38]), trow('其他对外管理服务事项', [6, '-1', 38]));
    text = mutate(text, '\n385000\n', '\n251000元\n');
    only(await txt(text));
  });
});

// ── reporting-period ───────────────────────────────────────────────────────────────────────

describe('reporting-period', () => {
  it('a date range that is not the report period (a campaign "3月1日至5月31日") → 0', async () => {
    const at = '同时通过村务公开栏';
    only(await txt(mutate(T, at, '按照县政府工作报告部署，2020年3月1日至2020年5月31日开展政务信息专项清理。' + at)));
  });

  const from = '自2020年1月1日起至2020年12月31日止';
  const to = '自2019年1月1日起至2019年12月31日止';
  it.each([
    ['HTML', D, html],
    ['text', T, txt],
  ] as const)('%s: period 2019年1月1日至2019年12月31日 in a 2020 report → 1', async (_f, base, run) => {
    const text = mutate(base, from, to);
    const [m] = only(await run(text), 'reporting-period');
    expect(m).toMatchObject({ line: lineOf(text, to), expected: '2020年1月1日至2020年12月31日', actual: '2019年1月1日至2019年12月31日' });
  });
});

// ── publication-date ───────────────────────────────────────────────────────────────────────

describe('publication-date', () => {
  const sigD = '<p style="text-align:right;">2021年1月20日</p>';
  const sigT = '\n2021年1月25日\n';

  it('HTML: signature 2020年12月30日 (before the year ended) → 1', async () => {
    const text = mutate(D, sigD, '<p style="text-align:right;">2020年12月30日</p>');
    const [m] = only(await html(text), 'publication-date');
    expect(m).toMatchObject({ line: lineOf(text, '2020年12月30日'), actual: '2020年12月30日' });
  });

  it('text: signature 2020年12月30日 → 1', async () => {
    const text = mutate(T, sigT, '\n2020年12月30日\n');
    const [m] = only(await txt(text), 'publication-date');
    expect(m).toMatchObject({ line: lineOf(text, '2020年12月30日'), actual: '2020年12月30日' });
  });

  it('HTML, department: signature 2021年2月5日 (after 31 January) → 1', async () => {
    const text = mutate(D, sigD, '<p style="text-align:right;">2021年2月5日</p>');
    const [m] = only(await html(text), 'publication-date');
    expect(m).toMatchObject({ line: lineOf(text, '2021年2月5日'), actual: '2021年2月5日', expected: '≤ 2021年1月31日' });
  });

  it('HTML, county government (title issuer 某某县): 2021年3月1日 → 0, 2021年4月2日 → 1', async () => {
    const gov = mutate(D, '<h1>某县自然资源局2020年', '<h1>某某县2020年');
    // a government's report must also give 考核/评议/追究 results, which this department's text lacks
    const rules: RuleSettings = { 'overview-topics': 'off' };
    const onTime = await html(mutate(gov, sigD, '<p style="text-align:right;">2021年3月1日</p>'), rules);
    expect(onTime.issuer).toEqual({ name: '某某县', type: 'government' });
    only(onTime);
    const lateText = mutate(gov, sigD, '<p style="text-align:right;">2021年4月2日</p>');
    const [m] = only(await html(lateText, rules), 'publication-date');
    expect(m).toMatchObject({ line: lineOf(lateText, '2021年4月2日'), actual: '2021年4月2日', expected: '≤ 2021年3月31日' });
  });

  it('text, township: 2021年2月5日 is late by the default deadline (01-31), on time with townshipDeadline 02-20', async () => {
    const text = mutate(T, sigT, '\n2021年2月5日\n');
    only(await txt(text), 'publication-date');
    only(await txt(text, { 'publication-date': ['error', { townshipDeadline: '02-20' }] }));
  });
});

// ── narrative-sum ──────────────────────────────────────────────────────────────────────────

describe('narrative-sum', () => {
  it('HTML: total 320 → 330 while the parts add up to 320 → 1', async () => {
    const text = mutate(D, '主动公开政府信息320条', '主动公开政府信息330条');
    const [m] = only(await html(text), 'narrative-sum');
    expect(m).toMatchObject({ line: lineOf(text, '主动公开政府信息330条'), actual: '330条', expected: '320条' });
  });

  it('text: total 85 → 86 → 1', async () => {
    const text = mutate(T, '主动公开政府信息85条', '主动公开政府信息86条');
    const [m] = only(await txt(text), 'narrative-sum');
    expect(m).toMatchObject({ line: lineOf(text, '主动公开政府信息86条'), actual: '86条', expected: '85条' });
  });

  it('"抖音、今日头条、学习强国各2条" counts 6: 38 → 39 makes the parts 57 against 56', async () => {
    // the clean fixture states 56条 = 38 + 12 + 3×2 and gets no finding
    const text = mutate(D, '微信公众号38条', '微信公众号39条');
    const [m] = only(await html(text), 'narrative-sum');
    expect(m).toMatchObject({ line: lineOf(text, '微信公众号39条'), actual: '56条', expected: '57条' });
    expect(m.message).toContain('各2×3');
  });

  it('text: "A、B、C各2条" counts 6 (inserted sentence right → 0, wrong → 1)', async () => {
    const at = '同时通过村务公开栏';
    const right = mutate(T, at, '全年发布各类公告12条，其中征兵公告、防汛通知、秸秆禁烧通告各2条，村务公示6条。' + at);
    only(await txt(right));
    const wrong = mutate(T, at, '全年发布各类公告14条，其中征兵公告、防汛通知、秸秆禁烧通告各2条，村务公示6条。' + at);
    const [m] = only(await txt(wrong), 'narrative-sum');
    expect(m).toMatchObject({ actual: '14条', expected: '12条' });
  });

  it('a parenthesised subset "共23件（其中县政府3件）" is not a breakdown → 0', async () => {
    const at = '均已按期办结，答复内容已按规定公开。';
    only(await html(mutate(D, at, at + '全年受理群众来信来访共23件（其中县政府3件），均已按期办结。')));
    // …nor does it spoil a real breakdown around it: 15 + 8 = 23
    only(await html(mutate(D, at, at + '全年受理群众来信来访共23件，其中来信15件（其中县政府转办3件），来访8件。')));
  });

  it('a comparison after the parts ("同比增加12条", "较上年增加2件") is not a part → 0', async () => {
    only(await html(mutate(D, '财政信息50条。', '财政信息50条，同比增加12条。')));
    only(await txt(mutate(T, '商业企业申请1件；', '商业企业申请1件，较上年增加2件；')));
  });

  it('text: the same parenthesised subset → 0', async () => {
    const at = '无其他需要报告的事项。';
    only(await txt(mutate(T, at, at + '全年受理群众来信来访共23件（其中县政府转办3件），均已按期办结。')));
    only(await txt(mutate(T, at, at + '全年受理群众来信来访共23件，其中来信15件（其中县政府转办3件），来访8件。')));
  });
});

// ── injected-content ───────────────────────────────────────────────────────────────────────

describe('injected-content', () => {
  it('HTML: 澳门金沙娱乐官网 inserted into a paragraph → 1', async () => {
    const text = mutate(D, '（四）平台建设情况。依托', '（四）平台建设情况。依托澳门金沙娱乐官网');
    const [m] = only(await html(text), 'injected-content');
    expect(m).toMatchObject({ line: lineOf(text, '澳门金沙娱乐官网'), actual: '澳门金沙娱乐官网' });
  });

  it('text: 澳门金沙娱乐官网 inserted into a paragraph → 1', async () => {
    const text = mutate(T, '依托县政府门户网站城关镇专栏', '依托澳门金沙娱乐官网县政府门户网站城关镇专栏');
    const [m] = only(await txt(text), 'injected-content');
    expect(m).toMatchObject({ line: lineOf(text, '澳门金沙娱乐官网'), actual: '澳门金沙娱乐官网' });
  });

  it('real place names that share a casino brand (金沙县, 银河街道, 永利村) → 0; with a gambling word → 1', async () => {
    for (const name of ['金沙县人民政府官网', '金沙县政务服务平台', '银河街道政务服务平台', '永利村村务公开平台'])
      only(await txt(mutate(T, '依托县政府门户网站城关镇专栏', `依托${name}城关镇专栏`)));
    only(await txt(mutate(T, '依托县政府门户网站城关镇专栏', '依托永利娱乐城关镇专栏')), 'injected-content');
  });

  it('legitimate words (体育彩票公益金, 打击赌博违法犯罪, 文化娱乐场所) → 0', async () => {
    const sentence = '全年公开体育彩票公益金资助项目、打击赌博违法犯罪专项行动和文化娱乐场所安全检查等信息。';
    only(await html(mutate(D, '（四）平台建设情况。', '（四）平台建设情况。' + sentence)));
    only(await txt(mutate(T, '同时通过村务公开栏', sentence + '同时通过村务公开栏')));
  });
});

// ── conversion-artifacts ───────────────────────────────────────────────────────────────────

describe('conversion-artifacts', () => {
  const atD = '针对上述问题，2021年我局';
  const atT = '一是建立信息报送提醒机制';
  it.each([
    ['HTML', D, atD, html],
    ['text', T, atT, txt],
  ] as const)('%s: 現(xiàn)在 inserted → 1 (pinyin)', async (_f, base, at, run) => {
    const text = mutate(base, at, '現(xiàn)在' + at);
    const [m] = only(await run(text), 'conversion-artifacts');
    expect(m.line).toBe(lineOf(text, '現(xiàn)在'));
    expect(m.message).toContain('拼音');
  });

  it.each([
    ['HTML', D, atD, html],
    ['text', T, atT, txt],
  ] as const)('%s: 锟斤拷 inserted → 1 (mojibake)', async (_f, base, at, run) => {
    const text = mutate(base, at, '锟斤拷' + at);
    const [m] = only(await run(text), 'conversion-artifacts');
    expect(m.line).toBe(lineOf(text, '锟斤拷'));
    expect(m.message).toContain('乱码');
  });
});

// ── unreadable ─────────────────────────────────────────────────────────────────────────────

describe('unreadable', () => {
  it('text: a table-3 row with 8 values → 1 doubt, and no tally or blank finding for that row', async () => {
    const label = '4.保护第三方合法权益';
    // 8 values, the last one an extra 1: read as is, the row total would be off
    const text = mutate(T, trow(label, [1, 0, 0, 0, 0, 0, 1]), trow(label, [1, 0, 0, 0, 0, 0, 1, 1]));
    const [m] = only(await txt(text), 'unreadable');
    expect(m).toMatchObject({ kind: 'doubt', severity: 1, line: lineOf(text, `\n${label}\n`) + 1 });
    expect(m.message).toContain('8');
  });

  // 「11」 in 自然人 read as 1 | 1 across the border into 商业企业: the row total 11 no longer adds up.
  // The tally rule reports the sum as written (never repaired) with a hint; unreadable adds the doubt.
  it('HTML: neighbouring cells 1 | 1 in a row whose 总计 is 11 → the row finding carries the split hint, and a doubt', async () => {
    const label = '4.保护第三方合法权益';
    const text = mutate(D, hrow(label, [1, 0, 0, 0, 0, 0, 1]), hrow(label, [1, 1, 0, 0, 0, 0, 11]));
    const r = await html(text);
    const row = r.messages.find((m) => m.ruleId === 'application-totals' && m.line === hline(text, label))!;
    expect(row).toMatchObject({ expected: '2', actual: '11' });
    expect(row.message).toContain('「1」「1」原是一个数「11」');
    // a number split across two cells is to be checked first: no quick fix rewrites the total
    expect(row.fix).toBeUndefined();
    const doubts = r.messages.filter((m) => m.ruleId === 'unreadable');
    expect(doubts).toHaveLength(1);
    expect(doubts[0]).toMatchObject({ kind: 'doubt', severity: 1, line: hline(text, label), expected: '11', actual: '1 | 1' });
    expect(doubts[0].message).toContain('读取存疑');
    // the defects stay defects: （七）总计 of 商业企业 and of 总计 no longer add up either
    expect(r.messages.filter((m) => m.ruleId === 'application-totals')).toHaveLength(3);
  });

  it('HTML: a table-3 row with 8 cells → 1 doubt only', async () => {
    const label = '1.属于国家秘密';
    const text = mutate(D, hrow(label, [0, 0, 0, 0, 0, 0, 0]), hrow(label, [0, 0, 0, 0, 0, 0, 0, 0]));
    const [m] = only(await html(text), 'unreadable');
    expect(m).toMatchObject({ kind: 'doubt', line: hline(text, label) });
  });
});

// ── rule settings through the API ──────────────────────────────────────────────────────────

describe('rule settings (the --rule flag through the API)', () => {
  const label = '1.属于国家秘密';
  const blank = mutate(D, hrow(label, [0, 0, 0, 0, 0, 0, 0]), hrow(label, ['', 0, 0, 0, 0, 0, 0]));

  it('the default level of blank-cells is error (severity 2)', async () => {
    const [m] = only(await html(blank), 'blank-cells');
    expect(m.severity).toBe(2);
  });

  it("'off' drops the rule", async () => {
    const r = await html(blank, { 'blank-cells': 'off' });
    only(r);
    expect(r.errorCount).toBe(0);
  });

  it("'warn' gives severity 1", async () => {
    const r = await html(blank, { 'blank-cells': 'warn' });
    const [m] = only(r, 'blank-cells');
    expect(m.severity).toBe(1);
    expect(r).toMatchObject({ errorCount: 0, warningCount: 1 });
  });

  it("'info' gives severity 0", async () => {
    const r = await html(blank, { 'blank-cells': 'info' });
    const [m] = only(r, 'blank-cells');
    expect(m.severity).toBe(0);
    expect(r).toMatchObject({ errorCount: 0, warningCount: 0, infoCount: 1 });
  });
});
