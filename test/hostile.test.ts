/**
 * Hostile input: every crash and hang the fuzzer found (scripts/fuzz.ts), regenerated from its
 * seed and index rather than kept as a binary, now gives exactly one result with the reason of
 * the limit that stops it; plus one small hand-made input per class, and the guarantee that
 * nothing escapes lintBytes. No test here is timed: the limits are shown by the reason they give
 * (each run has no time budget, so a slow path cannot hide behind 'too slow').
 */
import { describe, it, expect, beforeAll, jest } from '@jest/globals';
import { zipSync, unzipSync, strToU8, strFromU8 } from 'fflate';
import { readFileSync } from 'node:fs';
import { lintBytes, lintText } from '../src/engine/lint.js';
import { defineRule } from '../src/engine/rule.js';
import { fuzzInput, loadBases, type Base } from '../scripts/fuzz/inputs.js';
import { fixture } from './helpers/fixtures.js';
import { nodePdfThreads } from '../src/node/pdf-threads.js';
import type { PdfThread, PdfThreads } from '../src/extract/pdf/thread.js';

jest.setTimeout(60_000);
const NO_BUDGET = { timeLimit: Infinity, fixes: false } as const;

let bases: Base[];
beforeAll(() => {
  bases = loadBases(process.cwd());
});

async function lintFuzz(seed: number, index: number) {
  const input = fuzzInput(seed, index, bases);
  return { input, result: await lintBytes(input.bytes, { filePath: input.name, ...NO_BUDGET }) };
}

function expectFatal(r: Awaited<ReturnType<typeof lintBytes>>, reason: string | RegExp) {
  expect(r.fatal).toBe(true);
  expect(r.messages).toHaveLength(1);
  expect(r.messages[0]).toMatchObject({ ruleId: 'fatal', fatal: true, severity: 2 });
  expect(r.messages[0].message).toMatch(reason);
}

describe('what the fuzzer found, regenerated from seed and index', () => {
  // [seed, index, mutation, what it did before, the reason it gives now]
  const found: [number, number, string, string, RegExp][] = [
    [1, 139, 'docx:gridSpan', 'V8 aborted the process (gridSpan "NaN" and 4294967295)', /表格中有单元格跨 \S+ 行或列（上限 1000）/],
    [1, 60, 'deep-markdown', 'stack overflow escaped lintBytes (recursive walk in normalize)', /嵌套过深（第 1 行，\d+ 层，上限 20 层）/],
    [1, 0, 'docx:long-run', 'no answer in 10 s (4.3 MB of XML)', /DOCX 的 XML 内容过大（4.3 MB，上限 4.0 MB）/],
    [1, 119, 'regex-runs', 'no answer in 10 s', /文件文字过多（1,470,429 字）/],
    [1, 1, 'docx:many-paragraphs', 'no answer in 10 s (16 MB of document.xml for mammoth)', /DOCX 的 XML 内容过大（15.3 MB，上限 4.0 MB）/],
    [2, 34, 'docx:many-paragraphs', 'no answer in 10 s (180,000 XML elements)', /DOCX 的 XML 元素过多（> 40,000 个，上限 40,000 个/],
    [10, 235, 'pdf-synth:operators', 'no answer for minutes (60,000 nested graphics-state saves: pdf.js is quadratic in them and starves timers)', /图形状态嵌套超过 1000 层/],
    [20, 1162, 'repeat', 'no answer for minutes (a repeated slice opening thousands of dictionaries: pdf.js parses them by recursion in one step)', /数组或字典嵌套超过 500 层/],
    [20, 1270, 'docx:inflate-large', 'no answer in 10 s (xmldom recovering from 4 MB of bare "<")', /word\/document.xml 不是合格的 XML/],
    [20, 1167, 'docx:rels', 'no answer in 10 s (ten thousand unclosed Relationship tags)', /document.xml.rels 不是合格的 XML/],
    [10, 2312, 'long-line', 'no answer in 10 s (a page repeated on one line: 30,000 elements for hast-util-to-mdast)', /网页元素过多（> 12,000 个，上限 12,000 个）/],
    [1, 10, 'repeat', 'no answer in 10 s (a repeated slice of HTML)', /网页元素过多/],
    [1, 102, 'pdf-synth:many-pages', 'no answer in 10 s (18,768 pages)', /PDF 页数过多（18768 页，上限 300 页）/],
    [1, 172, 'pdf-synth:many-items', 'no answer in 10 s (a page of 262,602 text pieces)', /PDF 第 1 页内容过密（> 30,000 个文字片段/],
    [1, 104, 'long-line', 'no answer in 10 s', /文件文字过多（2,189,354 字）/],
    [1, 120, 'deep-markdown', 'no answer in 10 s', /第 1 行，199,649 字，上限 100,000 字/],
    [1, 112, 'wide-table-html', 'no answer in 10 s (14 MB page)', /网页过大/],
    [2, 184, 'wide-table-html', 'no answer in 10 s (spans of 4294967295 in a 4.8 MB table)', /网页元素过多/],
    [2, 197, 'wide-table-md', 'no answer in 10 s (remark on a wide pipe table)', /表格过大（> 10,000 个单元格/],
    [3, 354, 'docx:entity-bomb', 'no answer in 10 s (xmldom expanding entities)', /含有文档类型声明/],
  ];
  it.each(found)('seed %i index %i (%s): was %s', async (seed, index, mutation, _before, reason) => {
    const { input, result } = await lintFuzz(seed, index);
    expect(input.mutation).toBe(mutation); // the generator still makes the same input
    expectFatal(result, reason);
  });

  it('seed 2 index 185 (a line of 92,000 spaces, once quadratic in the heading pattern): read to the end, its findings and no doubt of ours', async () => {
    const { input, result } = await lintFuzz(2, 185);
    expect(input.mutation).toBe('regex-runs');
    expect(result.fatal).toBe(false);
    expect(result.messages.map((m) => m.ruleId)).not.toContain('unreadable');
    expect(result.messages.length).toBeGreaterThan(0);
  });
});

describe('one small input per class', () => {
  const docx = (change: (xml: string) => string, part = 'word/document.xml') => {
    const parts = unzipSync(new Uint8Array(readFileSync(fixture('docx/clean-headings-numbered.docx'))));
    parts[part] = strToU8(change(strFromU8(parts[part])));
    return zipSync(parts);
  };

  it('a Word numbering level outside 0–8 is a damaged file, not two billion counters', async () => {
    const bytes = docx((xml) => xml.replace('<w:ilvl w:val="0"/>', '<w:ilvl w:val="2147483647"/>'));
    expectFatal(await lintBytes(bytes, { filePath: 'x.docx', ...NO_BUDGET }), /编号超出 Word 的范围（第 2147483647 级，Word 只有 0–8 级）/);
  });

  it('a numbering start past 32767 (Word’s largest) likewise', async () => {
    const bytes = docx((xml) => xml.replace(/<w:start w:val="\d+"\/>/, '<w:start w:val="99999999999"/>'), 'word/numbering.xml');
    expectFatal(await lintBytes(bytes, { filePath: 'x.docx', ...NO_BUDGET }), /起始值 99999999999，Word 最大为 32767/);
  });

  it('a Word table cell spanning 2147483647 grid columns', async () => {
    const bytes = docx((xml) => xml.replace('<w:tcPr>', '<w:tcPr><w:gridSpan w:val="2147483647"/>'));
    expectFatal(await lintBytes(bytes, { filePath: 'x.docx', ...NO_BUDGET }), /跨 2147483647 行或列/);
  });

  it('HTML tables nested 1,000 deep (hast-util-from-parse5 overflowed the stack at 500)', async () => {
    const html = `<html><body>${'<table><tr><td>'.repeat(1000)}一、总体情况</body></html>`;
    expectFatal(await lintText(html, { filePath: 'x.html', ...NO_BUDGET }), /嵌套过深（> 200 层，上限 200 层）/);
  });

  it('an HTML colspan of 4294967295', async () => {
    const html = '<html><body><p>二、主动公开政府信息情况</p><table><tr><td colspan="4294967295">1</td></tr></table></body></html>';
    expectFatal(await lintText(html, { filePath: 'x.html', ...NO_BUDGET }), /跨 4294967295 行或列/);
  });

  it('a Markdown list nested 30 levels by indentation (remark’s time grows with the square of the depth)', async () => {
    const md = Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i)}- 一、总体情况`).join('\n');
    expectFatal(await lintText(md, { filePath: 'x.md', ...NO_BUDGET }), /嵌套过深（第 21 行，21 层，上限 20 层）/);
  });

  it('…while a signature pushed right by spaces opens nothing', async () => {
    const text = readFileSync(fixture('2021/department-correct.txt'), 'utf8').replace('\n某市生态环境局\n', `\n${' '.repeat(60)}某市生态环境局\n`);
    expect(text).toContain(`${' '.repeat(60)}某市生态环境局`);
    const r = await lintText(text, { filePath: 'x.md', ...NO_BUDGET });
    expect(r.fatal).toBe(false);
  });

  it('a line of 90,000 spaces between a report’s lines is a gap, read in bounded time: the report’s findings are its own', async () => {
    const file = fixture('2021/department-correct.txt');
    const text = readFileSync(file, 'utf8');
    const clean = await lintText(text, { filePath: file, ...NO_BUDGET });
    const padded = text.replace('\n', `\n${' '.repeat(90_000)}x\n`);
    const r = await lintText(padded, { filePath: file, ...NO_BUDGET });
    expect(r.fatal).toBe(false);
    expect(r.messages.map((m) => m.ruleId)).toEqual(clean.messages.map((m) => m.ruleId));
  });
});

describe('nothing escapes lintBytes', () => {
  it('a rule that throws says it could not check (a reading doubt), and the other rules’ findings stand', async () => {
    const broken = defineRule({ id: 'plugin/throws', type: 'problem', kind: 'defect', severity: 'error', templates: ['2019', '2021'], description: { zh: '抛错', en: 'throws' }, messages: {} }, () => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    const text = readFileSync(fixture('2021/break-narrative-sum.txt'), 'utf8');
    const alone = await lintText(text, { filePath: 'x.txt', ...NO_BUDGET });
    const r = await lintText(text, { filePath: 'x.txt', plugins: [broken], ...NO_BUDGET });
    expect(r.fatal).toBe(false);
    expect(r.messages.filter((m) => m.ruleId !== 'plugin/throws')).toEqual(alone.messages);
    const [doubt] = r.messages.filter((m) => m.ruleId === 'plugin/throws');
    expect(doubt).toMatchObject({ kind: 'doubt', line: null });
    expect(doubt.message).toBe('规则 plugin/throws 检查这份报告时出错（reportlint 的内部错误：Maximum call stack size exceeded），未能给出结论；请把文件报告给维护者');
    expect(r.doubtCount).toBe(alone.doubtCount + 1);
  });

  it('a time budget spent ends the file with its own reason', async () => {
    const r = await lintBytes(readFileSync(fixture('pdf/clean-2020-department.lo.pdf')), { filePath: 'x.pdf', timeLimit: 1, fixes: false });
    expectFatal(r, /检查超时（超过 0.001 秒），已中止/);
  });
});

describe('pdf.js’s unreachable rejections end no process', () => {
  it('seed 10 index 2714 (a damaged cross-reference table): the file’s fatal reason, and the process lives on', async () => {
    const { execFile } = await import('node:child_process');
    const script = `
      const { fuzzInput, loadBases } = await import('./dist/scripts/fuzz/inputs.js');
      const { lintBytes } = await import('./dist/src/engine/lint.js');
      const x = fuzzInput(10, 2714, loadBases(process.cwd()));
      const r = await lintBytes(x.bytes, { filePath: x.name });
      await new Promise((done) => setTimeout(done, 1000)); // pdf.js's late rejections arrive here
      console.log(x.mutation, r.messages[0].message);`;
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((done) => {
      const child = execFile(process.execPath, ['--input-type=module', '-e', script], (error, out) => done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout: out }));
      child.stdin?.end();
    });
    expect({ code, stdout: stdout.trim() }).toEqual({ code: 0, stdout: 'pdf:xref PDF 文件已损坏或不完整，无法打开（SOI not found）' });
  });
});

describe('pdf.js parses in a thread of its own (src/node/pdf-threads.ts), so a budget stops it mid-parse', () => {
  // every thread handed out and how it came back
  const watched = (threads: PdfThreads) => {
    const log: boolean[] = [];
    return {
      log,
      threads: { take: () => threads.take(), give: (t: PdfThread, well: boolean) => (log.push(well), threads.give(t, well)) } satisfies PdfThreads,
    };
  };

  it('seed 20 index 420 (a CFF font of tens of thousands of glyphs: pdf.js compiles it for seconds without yielding) ends at the budget, its thread ended; the next PDF gets a new thread and its findings', async () => {
    const input = fuzzInput(20, 420, bases);
    expect(input.mutation).toBe('repeat');
    const { log, threads } = watched(nodePdfThreads());
    const r = await lintBytes(input.bytes, { filePath: input.name, timeLimit: 1000, fixes: false, pdfThreads: threads });
    expectFatal(r, /检查超时（超过 1 秒），已中止/);
    expect(log).toEqual([false]); // given back unwell: terminated, not kept
    const clean = await lintBytes(readFileSync(fixture('pdf/clean-2020-department.lo.pdf')), { filePath: 'x.pdf', pdfThreads: threads, ...NO_BUDGET });
    expect({ fatal: clean.fatal, findings: clean.messages.length, log }).toEqual({ fatal: false, findings: 0, log: [false, true] });
  });

  it('a thread that runs out of its memory ends that PDF with its own reason, and the process goes on', async () => {
    const pdf = readFileSync(fixture('pdf/clean-2020-department.lo.pdf'));
    const r = await lintBytes(pdf, { filePath: 'x.pdf', pdfThreads: nodePdfThreads({ memoryMb: 4 }), ...NO_BUDGET });
    expectFatal(r, /^解析这个 PDF 用尽了内存（上限 4 MB），已中止；其他文件照常检查$/);
  });

  it('the same findings in a thread as in the caller’s own thread', async () => {
    const pdf = readFileSync(fixture('pdf/003_079ed3c1b799cbd0.lo.pdf'));
    const here = await lintBytes(pdf, { filePath: 'x.pdf', ...NO_BUDGET });
    const apart = await lintBytes(pdf, { filePath: 'x.pdf', pdfThreads: nodePdfThreads(), ...NO_BUDGET });
    expect(apart.messages.length).toBeGreaterThan(0);
    expect(apart.messages).toEqual(here.messages);
  });
});
