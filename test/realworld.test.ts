/**
 * A report exactly as a government body published it (WPS-made PDF, tables running across
 * page breaks with the page number between rows, row labels centred across their spans),
 * against its reading by hand: fixtures/realworld/*.tables.md holds the grids transcribed
 * from the page images, *.findings.md what a careful auditor finds.
 */
import { describe, it, expect } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { Table, TableCell, Root } from 'mdast';
import { extract } from '../src/extract/index.js';
import { fixture, lintFixture, modelOf, expand } from './helpers/fixtures.js';

const NAME = 'realworld/huaian-hongze-district-gov-2024';

/** Rows of the hand transcription's Markdown tables under a heading, as cell texts. */
function handRows(md: string, heading: string): string[][] {
  const part = md.slice(md.indexOf(heading));
  const rows: string[][] = [];
  let inTable = false;
  for (const line of part.split('\n').slice(1)) {
    if (line.startsWith('## ')) break;
    if (!line.startsWith('|')) {
      if (inTable) inTable = false;
      continue;
    }
    inTable = true;
    if (/^\|[-|\s]+\|$/.test(line)) continue;
    rows.push(line.slice(1, -1).split('|').map((c) => c.trim()));
  }
  return rows;
}


const plain = (s: string) => s.replace(/\*\*/g, '').replace(/␠/g, '').replace(/\s*\((single|wrapped|template|3rd)[^)]*\)\s*$/, '').replace(/\s+/g, '');

let read: Promise<string[][][]> | null = null;
/** The PDF's tables with spans expanded, read once for all tests. */
function tables(): Promise<string[][][]> {
  read ??= (async () => {
    const doc = await extract(await readFile(fixture(`${NAME}.pdf`)), 'x.pdf');
    return (doc.tree as Root).children.filter((n): n is Table => n.type === 'table').map(expand);
  })();
  return read;
}

describe('the published PDF read like the hand transcription', () => {
  it('three tables, each one table although tables 2 and 3 run across a page break', async () => {
    const ts = await tables();
    expect(ts).toHaveLength(3);
    expect(ts.map((t) => t.length)).toEqual([14, 26, 4]);
  });

  it('table 3: the 23 data rows, labels and all 7 applicant columns, cell by cell', async () => {
    const md = await readFile(fixture(`${NAME}.tables.md`), 'utf8');
    const hand = handRows(md, '## 第三项').filter((r) => r.length === 10 && r[0] !== 'row (template path)');
    expect(hand).toHaveLength(23);
    const grid = (await tables())[1].slice(3); // below the three header rows
    expect(grid).toHaveLength(23);
    grid.forEach((row, i) => {
      const [, label, ...rest] = hand[i];
      const values = rest.slice(0, 7);
      // the row's own label: the last non-empty label cell (（六）and（七）leave the third one empty)
      const own = row.slice(0, -7).filter((t) => t !== '').pop() ?? '';
      expect({ label: plain(own), values: row.slice(-7) }).toEqual({ label: plain(label), values });
    });
  });

  it('table 3: a row label centred over rows on both pages stays one spanning cell', async () => {
    const grid = (await tables())[1].slice(3);
    // 「（四）无法提供」 is printed on page 3 only; its rows 2 and 3 are on page 4
    const rowsOfNo4 = grid.filter((r) => r[1] === '（四）无法提供').map((r) => r[2]);
    expect(rowsOfNo4).toEqual(['1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确']);
  });

  it('table 2 across pages 2 and 3, and table 4, hold the transcribed values', async () => {
    const [t2, , t4] = await tables();
    const t2Values = t2.filter((r) => /^(规章|行政规范性文件|行政许可|行政处罚|行政强制|行政事业性收费)$/.test(r[0])).map((r) => [r[0], ...new Set(r.slice(1))]);
    expect(t2Values).toEqual([
      ['规章', '0'],
      ['行政规范性文件', '3', '0', '8'],
      ['行政许可', '9487'],
      ['行政处罚', '2776'],
      ['行政强制', '84'],
      ['行政事业性收费', '7545'],
    ]);
    const md = await readFile(fixture(`${NAME}.tables.md`), 'utf8');
    const hand4 = handRows(md, '## 第四项');
    expect(t4[3]).toEqual(hand4[hand4.length - 1]);
  });
});

describe('the published PDF against its findings by hand (huaian-hongze-district-gov-2024.findings.md)', () => {
  it('the model reads what the auditor read: 2021 format, all 186 numbers, the three （六） sub-rows absent, one label mistyped', async () => {
    const m = await modelOf(`${NAME}.pdf`);
    expect([m.reportingYear, m.template, m.issuer?.type]).toEqual([2024, '2021', 'government']);
    const numbers = (['active', 'application', 'review'] as const).map((id) => m.tables[id]!.rows.flatMap((r) => r.cells).filter((c) => c.value.kind === 'number').length);
    expect(numbers).toEqual([10, 161, 15]);
    expect(m.tables.application!.missingRows.map((r) => r.key)).toEqual(['otherHandling.noCorrection', 'otherHandling.unpaidFee', 'otherHandling.other']);
    expect(m.tables.application!.rows.find((r) => r.def.key === 'withheld.prohibitedByLaw')?.label).toBe('2.其他法律行政止公开');
    for (const id of ['active', 'application', 'review'] as const) expect(m.tables[id]!.doubts).toEqual([]);
  });

  it('exactly the five hand findings, where the auditor put them — and no other', async () => {
    const r = await lintFixture(`${NAME}.pdf`);
    expect(r.fatal).toBe(false);
    const got = r.messages.map((m) => ({ ruleId: m.ruleId, page: m.page, severity: m.severity, quote: m.quote ?? null }));
    expect(got).toEqual([
      // 5: no 落款 and no date anywhere — an info note, not lateness (a district government has until 31 March)
      { ruleId: 'publication-date', page: null, severity: 0, quote: null },
      // 4: （五）监督保障 gives no 社会评议 and no 责任追究 results (考核 is there as a word)
      { ruleId: 'overview-topics', page: 1, severity: 1, quote: '一、总体情况' },
      // 3: 「受理政府信息公开申请17件」 against 表3 一、本年新收 总计 95
      { ruleId: 'narrative-table-agreement', page: 1, severity: 1, quote: '2024年，区政府办代表区政府受理政府信息公开申请17件，均已在法定期限内予以答复。' },
      // 2: the mistyped label 「2.其他法律行政止公开」, still read as （三）2
      { ruleId: 'table-shape', page: 3, severity: 2, quote: '2.其他法律行政止公开' },
      // 1: （六）其他处理 kept as one row instead of the 2021 format's three
      { ruleId: 'table-shape', page: 4, severity: 2, quote: '（六）其他处理' },
    ]);
    const [date, topics, prose, label, split] = r.messages;
    expect(date.message).toContain('2025年3月31日');
    expect(topics.message).toContain('「社会评议」「责任追究」');
    expect(topics.message).not.toContain('「工作考核」');
    expect(prose).toMatchObject({ expected: '95', actual: '17' });
    expect(label).toMatchObject({ expected: '2.其他法律行政法规禁止公开', actual: '2.其他法律行政止公开' });
    expect(split.message).toContain('应分为3项');
  });
});

describe('the reports given with their auditor labels (fixtures/realworld/expected.json), finding by finding', () => {
  // Each file's full list of messages: the labelled ones, and those of rules its label sets aside
  // (overview-topics on a government's report without 社会评议 results, the one glued row a
  // reader cannot split) — so that a place that moves, or a finding that comes or goes, is seen.
  const cases: Array<[string, string[]]> = [
    ['pingtan-zone-2021.txt', ['overview-topics@10:503', 'unreadable@10:2112']],
    ['pingtan-zone-2022.txt', ['unreadable@10:2357']],
    ['pingtan-zone-2023.txt', ['overview-topics@10:319', 'unreadable@10:1828']],
    ['pingtan-zone-2024.txt', ['overview-topics@10:227', 'unreadable@10:1397']],
    ['pingtan-zone-2025.txt', ['overview-topics@10:236', 'unreadable@10:1287']],
    // 「清理并集中发布现行有效行政规范性文件393件」 against 表二 现行有效 470, at the figure
    ['pingtan-zone-2023.html', ['overview-topics@349:443', 'narrative-table-agreement@349:855']],
    // no date anywhere (a note), and （五）监督保障 without 社会评议/责任追究 results
    ['huaian-municipal-gov-2024.pdf', ['publication-date@-', 'overview-topics@p1']],
  ];
  it.each(cases)('%s', async (file, want) => {
    const r = await lintFixture(`realworld/${file}`);
    expect(r.fatal).toBe(false);
    const got = r.messages.map((m) => `${m.ruleId}@${m.page ? `p${m.page}` : m.line ? `${m.line}:${m.column}` : '-'}`);
    expect(got).toEqual(want);
  });

  it('the places are the words the findings are about', async () => {
    const html = (await readFile(fixture('realworld/pingtan-zone-2023.html'), 'utf8')).split('\n')[348];
    expect(html.slice(854, 858)).toBe('393件');
    const t2021 = (await readFile(fixture('realworld/pingtan-zone-2021.txt'), 'utf8')).split('\n')[9];
    expect(t2021.slice(502, 508)).toBe('一、总体情况');
    expect(t2021.slice(2111, 2124)).toBe('行政规范性文件693665');
  });
});
