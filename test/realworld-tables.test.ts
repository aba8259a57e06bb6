/**
 * Tables of real reports as they really arrive, cell by cell against a hand transcription
 * (fixtures/realworld/pingtan-zone.tables.json, from the auditor's labels.md): a crawler's
 * text whose cells are glued together with no separator, and the original page's HTML tables.
 */
import { describe, it, expect } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { fixture, lintFixture, modelOf } from './helpers/fixtures.js';
import { lintBytes } from '../src/index.js';
import { splits, resolveGlued } from '../src/model/glued.js';
import { templateTables } from '../src/format/template.js';
import type { ReportModel } from '../src/model/index.js';

type Hand = Record<string, Record<'active' | 'application' | 'review', Record<string, number[] | null>>>;
const hand = async () => JSON.parse(await readFile(fixture('realworld/pingtan-zone.tables.json'), 'utf8')) as Hand & { about: string };

/** Every row of the model's table: its numbers, or null when the row is a reading doubt (unplaced). */
function grid(m: ReportModel, id: 'active' | 'application' | 'review'): Record<string, number[] | null> {
  const out: Record<string, number[] | null> = {};
  for (const r of m.tables[id]!.rows) out[r.def.key] = r.placement === 'placed' ? r.cells.map((c) => (c.value.kind === 'number' ? c.value.value : NaN)) : null;
  return out;
}

/** The transcription with its unlisted rows filled in as zeros. */
function expected(rows: Record<string, number[] | null>, model: Record<string, number[] | null>): Record<string, number[] | null> {
  const out: Record<string, number[] | null> = {};
  for (const [key, v] of Object.entries(model)) out[key] = key in rows ? rows[key] : v === null ? [] : v.map(() => 0);
  return out;
}

describe('a crawler text with the table cells glued together (pingtan-zone-2021…2025.txt)', () => {
  for (const year of ['2021', '2022', '2023', '2024', '2025']) {
    it(`${year}: all three tables read cell-exact, and the one row the digits leave ambiguous is a doubt`, async () => {
      const h = (await hand())[year];
      const m = await modelOf(`realworld/pingtan-zone-${year}.txt`);
      for (const id of ['active', 'application', 'review'] as const) {
        const got = grid(m, id);
        expect({ id, rows: got }).toEqual({ id, rows: expected(h[id], got) });
      }
      // the six parts are still found, also those glued to a table's digits
      expect(m.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
      // 行政规范性文件 (three counts, no sum between them) is a reading doubt, and the only one
      const r = await lintFixture(`realworld/pingtan-zone-${year}.txt`);
      expect(r.messages.filter((x) => x.ruleId === 'unreadable').map((x) => x.quote ?? x.message)).toHaveLength(1);
      expect(r.messages.filter((x) => x.kind === 'defect' && x.ruleId !== 'overview-topics').map((x) => x.ruleId)).toEqual([]);
    });
  }

  it('the original page of 2023 (HTML tables with spans) reads the same cells', async () => {
    const h = (await hand())['2023'];
    const m = await modelOf('realworld/pingtan-zone-2023.html');
    for (const id of ['application', 'review'] as const) {
      const got = grid(m, id);
      expect({ id, rows: got }).toEqual({ id, rows: expected(h[id], got) });
    }
    expect(grid(m, 'active').normativeDocs).toEqual([77, 132, 470]);
  });

  it('a glued table whose sums do not hold is never split into a reading that makes them hold: its rows are doubts', async () => {
    // the 2021 text with one digit of 「（一）予以公开270020130」 changed: 27/0/0/2/0/1/30 no longer sums
    const text = (await readFile(fixture('realworld/pingtan-zone-2021.txt'), 'utf8')).replace('（一）予以公开270020130', '（一）予以公开270020131');
    const r = await lintBytes(new TextEncoder().encode(text), { filePath: 'damaged.txt' });
    // one grouped doubt names the rows; each row's run of figures is a related place of it
    const doubts = r.messages.filter((x) => x.ruleId === 'unreadable').map((x) => JSON.stringify({ m: x.message, related: (x as { related?: unknown }).related ?? [] }));
    expect(doubts.some((d) => d.includes('（一）予以公开') && d.includes('270020131'))).toBe(true);
    // no tally is reported on a row we could not read
    expect(r.messages.filter((x) => ['application-totals', 'application-balance', 'blank-cells', 'numeric-cells'].includes(x.ruleId))).toEqual([]);
  });
});

describe('the 2023 page as Markdown, as converters break its tables (fixtures/markdown, made by make.mjs from the real page)', () => {
  for (const name of ['pingtan-zone-2023.md', 'pingtan-zone-2023.per-row.md', 'pingtan-zone-2023.fragments.md', 'pingtan-zone-2023.cell-note.md']) {
    it(`${name}: the tables read cell-exact, no reading doubt, and the findings of the page itself`, async () => {
      const h = (await hand())['2023'];
      const m = await modelOf(`markdown/${name}`);
      for (const id of ['active', 'application', 'review'] as const) {
        const got = grid(m, id);
        const want = { ...h[id], ...(id === 'active' ? { normativeDocs: [77, 132, 470] } : {}) };
        expect({ id, rows: got }).toEqual({ id, rows: expected(want, got) });
        expect(m.tables[id]!.doubts).toEqual([]);
      }
      const r = await lintFixture(`markdown/${name}`);
      // the page's one defect (393 in force in the prose, 470 in table 2); the converted text kept no date
      expect(r.messages.map((x) => x.ruleId)).toEqual(['publication-date', 'overview-topics', 'narrative-table-agreement']);
      expect(r.messages[2]).toMatchObject({ expected: '470', actual: '393' });
    });
  }
});

describe('a WPS PDF whose table 3 crosses a page break, with a vertical row-group label (huaian-municipal-gov-2024.pdf)', () => {
  it('all three tables read cell-exact against the hand transcription, the rows at the page break included', async () => {
    const h = JSON.parse(await readFile(fixture('realworld/huaian-municipal-gov-2024.tables.json'), 'utf8')) as Hand[string];
    const m = await modelOf('realworld/huaian-municipal-gov-2024.pdf');
    for (const id of ['active', 'application', 'review'] as const) {
      const got = grid(m, id);
      expect({ id, rows: got }).toEqual({ id, rows: expected(h[id], got) });
      expect(m.tables[id]!.doubts).toEqual([]);
    }
  });
});

describe('splitting a run of figures', () => {
  it('no number but 0 starts with 0, and a space the page kept is a cell boundary', () => {
    expect(splits('000', 3)).toEqual([['0', '0', '0']]);
    expect(splits('500000 5', 7)).toEqual([['5', '0', '0', '0', '0', '0', '5']]);
    expect(splits('105', 2)).toEqual([['10', '5']]);
    expect(splits('12', 3)).toEqual([]);
  });

  it('a row is placed only when every split that satisfies the format agrees on it', () => {
    const [, application, review] = templateTables('2021');
    const row = (key: string, run: string) => ({ def: application.rows.find((r) => r.key === key)!, run });
    // 「640020470」: 64/0/0/2/0/4/70 is the only split whose 总计 is the sum of the six
    const received = row('received', '640020470');
    expect(resolveGlued(application, [received]).get(received)).toEqual(['64', '0', '0', '2', '0', '4', '70']);
    // 「1120002」: seven digits for seven cells allow one split only — read as written, although
    // 1+1+2 ≠ 2: the sums never choose a reading the digits do not leave open (the tally rules report it)
    const asWritten = row('received', '1120002');
    expect(resolveGlued(application, [asWritten]).get(asWritten)).toEqual(['1', '1', '2', '0', '0', '0', '2']);
    // 「270020131」: nine digits, many splits, none whose 总计 is the sum of the six — no reading
    const none = row('disclosed', '270020131');
    expect(resolveGlued(application, [none]).get(none)).toBeNull();
    // 「693665」 for 本年制发/本年废止/现行有效 (no sum among them): ten splits, none certain
    const [active] = templateTables('2021');
    const docs = { def: active.rows.find((r) => r.key === 'normativeDocs')!, run: '693665' };
    expect(splits(docs.run, 3)).toHaveLength(10);
    expect(resolveGlued(active, [docs]).get(docs)).toBeNull();
    const all = { def: review.rows[0], run: '10203120001200000' };
    expect(resolveGlued(review, [all]).get(all)).toEqual('1 0 2 0 3 12 0 0 0 12 0 0 0 0 0'.split(' '));
  });
});
