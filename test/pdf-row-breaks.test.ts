/**
 * A PDF table row cut by a page break is one row with its values. The real page
 * fixtures/realworld/pingtan-zone-2023.html printed by LibreOffice (fixtures/render/render.sh
 * pagebreak) so that breaks fall inside rows of table 3 that hold figures: in
 * pingtan-zone-2023.row-split.lo.pdf the figures stand on the first page and the label runs
 * on over the break; in pingtan-zone-2023.values-split.lo.pdf the label is on one page and
 * its figures alone at the top of the next. Both against the hand transcription of their page
 * images (fixtures/pdf/pingtan-zone-2023.split.tables.json), and the rule by which fragments
 * join on small tables made here.
 */
import { describe, it, expect } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { Root, Table, TableCell } from 'mdast';
import { extract } from '../src/extract/index.js';
import { toFlow, type PageContent } from '../src/extract/pdf/layout.js';
import type { PdfCell, PdfTable } from '../src/extract/pdf/tables.js';
import { fixture, lintFixture, modelOf, expand } from './helpers/fixtures.js';

const PDFS = ['pingtan-zone-2023.row-split.lo.pdf', 'pingtan-zone-2023.values-split.lo.pdf'] as const;
const IDS = ['active', 'application', 'review'] as const;

interface Split {
  row: string;
  pages: number[];
  labelPage: number;
  figuresPage: number;
}
interface Hand {
  tables: Record<(typeof IDS)[number], string[][]>;
  splits: Record<string, Split[]>;
}
const hand = async () => JSON.parse(await readFile(fixture('pdf/pingtan-zone-2023.split.tables.json'), 'utf8')) as Hand;

const textOf = (cell: TableCell) => cell.children.map((t) => ('value' in t ? t.value : '')).join('');


async function read(name: string) {
  const doc = await extract(await readFile(fixture(`pdf/${name}`)), name);
  return { doc, tables: (doc.tree as Root).children.filter((n): n is Table => n.type === 'table') };
}

describe.each(PDFS)('%s: rows cut by a page break, read as the page shows them', (name) => {
  it('three tables, each one table, cell by cell as transcribed from the page images', async () => {
    const h = await hand();
    const { tables } = await read(name);
    expect(tables.map(expand)).toEqual(IDS.map((id) => h.tables[id]));
  });

  it('the rows cut by the break are each one row, its label and its figures on the pages where they are printed', async () => {
    const h = await hand();
    const { doc, tables } = await read(name);
    const pageOf = (c: TableCell) => doc.locate!(c.position!.start).page;
    const got = h.splits[name].map((s) => {
      const row = tables[1].children.find((r) => r.children.some((c) => textOf(c as TableCell) === s.row))!;
      const cells = row.children as TableCell[];
      const label = cells.find((c) => textOf(c) === s.row)!;
      const figures = cells.filter((c) => /^\d+$/.test(textOf(c)));
      return { row: s.row, labelPage: pageOf(label), figuresPage: [...new Set(figures.map(pageOf))], figures: figures.length };
    });
    expect(got).toEqual(h.splits[name].map((s) => ({ row: s.row, labelPage: s.labelPage, figuresPage: [s.figuresPage], figures: 7 })));
  });

  it('the model places every row of table 3 with its figures: none blank, none extra, no reading doubt', async () => {
    const h = await hand();
    const m = await modelOf(`pdf/${name}`);
    const t = m.tables.application!;
    const want = h.tables.application.filter((r) => /^\d/.test(r[3])).map((r) => ({ label: r[2], values: r.slice(3).map(Number) }));
    expect(t.rows.map((r) => ({ label: r.label, values: r.cells.map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind)) }))).toEqual(want);
    expect(t.rows.every((r) => r.placement === 'placed' && r.blanks === 0)).toBe(true);
    expect({ extra: t.extraRows, missing: t.missingRows, doubts: t.doubts }).toEqual({ extra: [], missing: [], doubts: [] });
  });

  it('exactly the findings of the original page: 393 in force in the prose against 470 in table 2, and overview-topics', async () => {
    const page = await lintFixture('realworld/pingtan-zone-2023.html');
    const r = await lintFixture(`pdf/${name}`);
    expect(r.fatal).toBe(false);
    // the print keeps the page's date line (时间：2024-03-08), so no publication-date note
    expect(r.messages.map((x) => x.ruleId)).toEqual(['overview-topics', 'narrative-table-agreement']);
    expect(r.messages.map((x) => x.ruleId)).toEqual(page.messages.map((x) => x.ruleId));
    expect(r.messages[1]).toMatchObject({ expected: '470', actual: '393', page: 1 });
  });
});

// ───────────────────────── the rule, on small tables ─────────────────────────

/** A one-page table: rows of cell texts, each cell one grid column ('^' = the cell above goes on here). */
function pageTable(page: number, rows: string[][]): PageContent {
  const xs = [0, ...rows[0].map((_, j) => 200 + 40 * j)].map((x) => x + 50);
  const cells: PdfCell[] = [];
  rows.forEach((row, i) =>
    row.forEach((text, j) => {
      if (text === '^') {
        const above = cells.find((c) => c.c0 === j && c.r1 === i)!;
        above.r1 = i + 1;
        above.bottom = 680 - 20 * i;
        return;
      }
      cells.push({ page, r0: i, r1: i + 1, c0: j, c1: j + 1, left: xs[j], right: xs[j + 1], top: 700 - 20 * i, bottom: 680 - 20 * i, runs: [], text });
    }),
  );
  const table: PdfTable = { page, endPage: page, top: 700, bottom: 700 - 20 * rows.length, left: xs[0], right: xs[xs.length - 1], xs, rowCount: rows.length, cells };
  return { number: page, width: 595, height: 842, lines: [], tables: [table] };
}

/** The flow of two pages, each holding one table: the tables it makes, as rows of cell texts. */
function joined(first: string[][], second: string[][]): string[][][] {
  return toFlow([pageTable(1, first), pageTable(2, second)]).flatMap((b) => {
    if (b.kind !== 'table') return [];
    const t = b.table;
    return [Array.from({ length: t.rowCount }, (_, r) => t.cells.filter((c) => c.r0 === r).sort((p, q) => p.c0 - q.c0).map((c) => c.text))];
  });
}

describe('which fragments at a page break are one row', () => {
  it('figures on the old page, the label running on over the break: one row', () => {
    expect(joined([['（二）部分公开（区分处理的，', '19', '20']], [['只计这一情形，不计其他情形）', '', '']])).toEqual([[['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '19', '20']]]);
  });

  it('the label on the old page, its figures alone at the top of the new one: one row', () => {
    expect(joined([['1.申请人无正当理由逾期不补正', '', '']], [['', '1', '1']])).toEqual([[['1.申请人无正当理由逾期不补正', '1', '1']]]);
  });

  it('a label cut in the middle and its figures with the second half: one row', () => {
    expect(joined([['5.要求行政机关确认或', '', '']], [['重新出具已获取信息', '0', '0']])).toEqual([[['5.要求行政机关确认或重新出具已获取信息', '0', '0']]]);
  });

  it('a header row repeated on the new page is skipped, then the row is joined', () => {
    expect(joined([['申请人情况', '自然人', '总计'], ['1.申请人无正当理由逾期不补正', '', '']], [['申请人情况', '自然人', '总计'], ['', '1', '1']])).toEqual([
      [
        ['申请人情况', '自然人', '总计'],
        ['1.申请人无正当理由逾期不补正', '1', '1'],
      ],
    ]);
  });

  it('a row group label runs on over the break; the row under it on the new page is a row of its own', () => {
    const second = [
      ['理', '2.申请人逾期未按收费通知要求缴纳费用', '0'],
      ['^', '3.其他', '1'],
    ];
    expect(joined([['（六）其他处', '1.申请人无正当理由逾期不补正', '1']], second)).toEqual([
      [
        ['（六）其他处理', '1.申请人无正当理由逾期不补正', '1'],
        ['2.申请人逾期未按收费通知要求缴纳费用', '0'],
        ['3.其他', '1'],
      ],
    ]);
    // …and one printed whole on the old page goes on, empty, over its rows on the new one
    expect(joined([['（四）无法提供', '1.本机关不掌握相关政府信息', '31']], [['', '2.没有现成信息需要另行制作', '0']])[0][0]).toEqual(['（四）无法提供', '1.本机关不掌握相关政府信息', '31']);
  });

  it.each([
    ['a break between two whole rows', [['1.信访举报投诉类申请', '0', '0']], [['2.重复申请', '1', '1']]],
    // never repaired: the blank row is the report's defect, and the next label opens a row
    ['a row left blank, then a labelled row with figures', [['4.保护第三方合法权益', '', '']], [['5.属于三类内部事务信息', '0', '0']]],
    ['a row of the format whose label is not numbered', [['行政规范性文件', '77', '470']], [['行政许可', '2629', '']]],
    ['figures on both pages in one column', [['（一）予以公开', '22', '22']], [['', '19', '20']]],
    ['header words over figures (table 4 cut between its header and its data row)', [['结果维持', '总计']], [['1', '2']]],
  ])('not one row: %s', (_, first, second) => {
    const [t] = joined(first, second);
    expect(t).toHaveLength(2);
    expect(t).toEqual([first[0], second[0]]);
  });
});
