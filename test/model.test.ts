/**
 * The model on real documents: sections, tables as grids (the text and the HTML of the same
 * report give the same grid, cell by cell), blank kept apart from zero, normalisation with
 * positions that still point into the original file.
 */
import { describe, it, expect } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { extract } from '../src/extract/index.js';
import { normalizeTree, normalizeText } from '../src/extract/normalize.js';
import { fixture, modelOf as model, gridOf as grid } from './helpers/fixtures.js';
import { parseCell } from '../src/model/numbers.js';

describe('sections', () => {
  it.each(['000_82d6f7fdece5d549', '001_9c5af0f5dc6921f6', '002_605866c201a9c82d', '003_079ed3c1b799cbd0', '004_e501d39fb7faf04c'])(
    '%s: all six, in order, in the text and in the HTML (also when a page runs them inline)',
    async (name) => {
      for (const rel of [`seeds/${name}.txt`, `html/${name}.html`]) {
        const m = await model(rel);
        expect(m.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
      }
    },
  );
});

describe('tables as grids', () => {
  it('002: text (cells ending in " |") and HTML give the same grid, cell by cell; blanks stay blank', async () => {
    const text = await model('seeds/002_605866c201a9c82d.txt');
    const html = await model('html/002_605866c201a9c82d.html');
    for (const id of ['active', 'application', 'review'] as const) {
      expect(grid(html, id)).not.toBeNull();
      expect(grid(text, id)).toEqual(grid(html, id));
    }
    const received = text.tables.application!.rows.find((r) => r.def.key === 'received')!;
    expect(received.cells.map((c) => c.value.kind)).toEqual(['number', 'blank', 'blank', 'blank', 'blank', 'blank', 'blank']);
    const procurement = text.tables.active!.rows.find((r) => r.def.key === 'procurement')!;
    expect(procurement.cells.map((c) => c.value)).toEqual([
      { kind: 'number', value: 14, raw: '14' },
      { kind: 'number', value: 104150, unit: '元', raw: '104150元' },
    ]);
    expect(text.tables.application!.rows).toHaveLength(23);
    expect(text.tables.application!.missingRows).toEqual([]);
  });

  it('003: tab-separated rows with split labels — every template row found, 无增减 kept as words, 6324 万元 as an amount', async () => {
    const m = await model('seeds/003_079ed3c1b799cbd0.txt');
    expect(m.tables.application!.rows.map((r) => r.def.key)).toEqual(m.tables.application!.def.rows.map((r) => r.key));
    const licensing = m.tables.active!.rows.find((r) => r.def.key === 'licensing')!;
    expect(licensing.cells.map((c) => c.value.kind)).toEqual(['number', 'word', 'number']);
    const procurement = m.tables.active!.rows.find((r) => r.def.key === 'procurement')!;
    expect(procurement.cells[1].value).toMatchObject({ kind: 'number', value: 6324, unit: '万元' });
    // a row with one value of seven, in a table whose empty fields do not line up: not placed, not guessed
    const received = m.tables.application!.rows[0];
    expect(received.placement).toBe('unplaced');
    expect(received.values.map((v) => v.text)).toEqual(['0']);
    expect(received.blanks).toBe(6);
  });

  it('001: one cell per line — rows with all their values are placed, rows with fewer are kept unplaced', async () => {
    const m = await model('seeds/001_9c5af0f5dc6921f6.txt');
    const t2 = m.tables.active!;
    expect(t2.rows.every((r) => r.placement === 'placed' && r.blanks === 0)).toBe(true);
    const t3 = m.tables.application!;
    expect(t3.rows).toHaveLength(23);
    expect(t3.rows.filter((r) => r.placement === 'unplaced')).toHaveLength(23);
    expect(m.tables.review!.rows[0]).toMatchObject({ placement: 'unplaced', blanks: 9 });
  });

  it('000 and 004: no tables at all', async () => {
    for (const rel of ['seeds/000_82d6f7fdece5d549.txt', 'seeds/004_e501d39fb7faf04c.txt']) {
      const m = await model(rel);
      expect(m.tables).toEqual({ active: null, application: null, review: null });
    }
  });
});

describe('report facts', () => {
  it('title, year, issuer and its type, dates with their roles', async () => {
    const m002 = await model('seeds/002_605866c201a9c82d.txt');
    expect(m002.title?.text).toBe('桃江经济开发区2020年政府信息公开工作年度报告');
    expect(m002.reportingYear).toBe(2020);
    expect(m002.issuer).toEqual({ name: '桃江经济开发区', type: 'department' });
    expect(m002.signature?.date).toEqual({ year: 2020, month: 12, day: 31 });
    expect(m002.periods.map((p) => p.text)).toEqual(['2021年1月1日至2021年12月31日']);
    const m001 = await model('seeds/001_9c5af0f5dc6921f6.txt');
    expect(m001.published?.date).toEqual({ year: 2021, month: 1, day: 29 });
    expect(m001.issuer?.type).toBe('township');
    const m004 = await model('seeds/004_e501d39fb7faf04c.txt');
    expect(m004.issuer).toEqual({ name: '泰顺县', type: 'government' });
    expect(m004.signature?.date).toEqual({ year: 2021, month: 1, day: 29 });
    const m000 = await model('seeds/000_82d6f7fdece5d549.txt');
    expect(m000.title?.text).toBe('飞云街道2020年政府信息公开工作年度报告');
    expect(m000.periods.map((p) => [p.start, p.end])).toEqual([[{ year: 2020, month: 1, day: 1 }, { year: 2020, month: 12, day: 31 }]]);
  });

  it('prose claims: 004 totals are read and add up; the parenthesised subset is not a breakdown', async () => {
    const m = await model('seeds/004_e501d39fb7faf04c.txt');
    expect(m.claims.map((c) => [c.total, c.parts.length])).toEqual([
      [45543, 4],
      [23, 3],
      [293, 3],
    ]);
  });
});

describe('numbers as the format allows them', () => {
  it.each([
    // signed where the format allows a sign (2019 本年增/减)
    ['+2', 'signed', 2],
    ['-1', 'signed', -1],
    ['－1', 'signed', -1],
    ['减3', 'signed', -3],
    ['增2', 'signed', 2],
    // decimals and units where an amount is asked for (2021 本年收费金额（单位：万元）, 2019 采购总金额)
    ['12.35', 'amount', 12.35],
    ['104150元', 'amount', 104150],
    ['6324 万元', 'amount', 6324],
    ['1,234,567', 'count', 1234567],
    ['0', 'count', 0],
  ] as const)('%s in a %s cell is %d', (raw, kind, value) => {
    const v = parseCell(raw, kind);
    expect(v.kind === 'number' ? v.value : v.kind).toBe(value);
  });

  it('the unit typed into the cell is kept with the number', () => {
    expect(parseCell('6324 万元', 'amount')).toMatchObject({ kind: 'number', value: 6324, unit: '万元' });
    expect(parseCell('104150元', 'amount')).toMatchObject({ kind: 'number', value: 104150, unit: '元' });
  });

  it.each([
    ['-1', 'count'], // a count has no sign
    ['12.5', 'count'], // nor decimals
    ['5万元', 'count'], // nor a money unit
    ['无增减', 'signed'],
    ['无', 'count'],
  ] as const)('%s in a %s cell is words, not a number', (raw, kind) => {
    expect(parseCell(raw, kind).kind).toBe('word');
  });

  it('blank is not zero', () => {
    expect(parseCell(' ', 'count').kind).toBe('blank');
  });

  it('full-width digits are read after normalisation', () => {
    expect(normalizeText('１２３').text).toBe('123');
  });
});

describe('what the prose states', () => {
  it('the realworld report: 受理…申请17件 is the applications received; 均已…答复 a claim that all were dealt with', async () => {
    const m = await model('realworld/huaian-hongze-district-gov-2024.pdf');
    expect(m.statements.map((s) => (s.kind === 'count' ? `${s.topic}=${s.value}` : s.kind))).toEqual(['received=17', 'finished']);
  });

  it('seed 000: one 行政复议 received, then none — a count and a denial of the same thing', async () => {
    const m = await model('seeds/000_82d6f7fdece5d549.txt');
    expect(m.statements.map((s) => (s.kind === 'count' ? `${s.topic}=${s.value}/${s.how}` : s.kind))).toEqual(['review=1/number', 'review=0/denial', 'litigation=0/denial']);
  });
});

describe('format version of each table', () => {
  it('a 2024 report whose table 2 is the 2019 one: read with the 2019 rows, the markers kept', async () => {
    const m = await model('2021/break-template-version.txt');
    expect(m.template).toBe('2021');
    expect(m.tables.active!.version).toBe('2019');
    expect(m.tables.application!.version).toBe('2021');
    expect(m.otherVersionTables.map((t) => [t.id, t.markers[0].marker])).toEqual([['active', '本年新制作数量']]);
    expect(m.tables.active!.rows.every((r) => r.placement === 'placed')).toBe(true);
  });

  it('parts numbered out of place: a shifted part keeps its title, sub-topics numbered like parts are listed', async () => {
    const shifted = await model('2021/break-section-numbering-shifted.txt');
    expect(shifted.sections.map((s) => [s.number, s.written])).toEqual([[1, 1], [2, 3], [3, 4], [4, 5], [5, 6], [6, 7]]);
    expect(shifted.partLike.map((p) => p.text)).toEqual(['二、重点领域信息公开情况']);
    const sub = await model('2021/break-section-numbering.txt');
    expect(sub.sections.map((s) => [s.number, s.written])).toEqual([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [6, 6]]);
    expect(sub.partLike.map((p) => [p.text, p.inSection])).toEqual([
      ['一、主动公开', 1], ['二、依申请公开', 1], ['三、政府信息管理', 1], ['四、政府信息公开平台建设', 1], ['五、监督保障', 1],
    ]);
  });
});

describe('normalisation', () => {
  it('removes inserted pinyin, converts traditional to simplified, unifies punctuation and CJK spaces', () => {
    expect(normalizeText('您現(xiàn)在的位置').text).toBe('您现在的位置');
    expect(normalizeText('昭阳街道 2020 年度政府信息公开 工作年度报告').text).toBe('昭阳街道2020年度政府信息公开工作年度报告');
    expect(normalizeText('第二十条第(一)项').text).toBe('第二十条第（一）项');
    expect(normalizeText('２０２０年').text).toBe('2020年');
    // a legitimate parenthesis is left alone
    expect(normalizeText('公開欄(牆)').text).toBe('公开栏（墙）');
  });

  it('keeps a map back to the original offsets', () => {
    const t = normalizeText('您現(xiàn)在的位置');
    expect(t.text[2]).toBe('在');
    expect(t.map[2]).toBe(8);
  });

  it('000: the pinyin is counted and its first place is exact', async () => {
    const m = await model('seeds/000_82d6f7fdece5d549.txt');
    expect(m.normalization.counts.pinyin).toBe(163);
    expect(m.normalization.samples[0].place?.start).toMatchObject({ line: 1, column: 3 });
  });
});

describe('extraction keeps positions and takes chrome out of the body', () => {
  it.each(['seeds/001_9c5af0f5dc6921f6.txt', 'html/001_9c5af0f5dc6921f6.html', 'html/002_605866c201a9c82d.html'])(
    '%s: every text node and table cell has a line/column in the original file',
    async (rel) => {
      const { visit } = await import('unist-util-visit');
      const doc = await extract(await readFile(fixture(rel)), rel);
      let missing = 0;
      let seen = 0;
      visit(doc.tree, (node) => {
        if (node.type === 'text' || node.type === 'tableCell' || node.type === 'paragraph') {
          seen++;
          if (!node.position?.start.line) missing++;
        }
      });
      expect(seen).toBeGreaterThan(50);
      expect(missing).toBe(0);
    },
  );

  it.each(['seeds/001_9c5af0f5dc6921f6.txt', 'html/001_9c5af0f5dc6921f6.html', 'seeds/004_e501d39fb7faf04c.txt'])(
    '%s: breadcrumbs, 发布日期/点击次数, 打印 关闭, 上一篇/下一篇 are metadata, not body',
    async (rel) => {
      const m = await model(rel);
      const body = m.blocks.map((b) => b.text).join('\n');
      expect(body).not.toMatch(/当前位置|发布日期[:：]|点击次数|上一篇[:：]|下一篇[:：]|^打印\s*关闭/m);
      expect(m.normalization.chrome.length).toBeGreaterThan(0);
    },
  );
});
