/**
 * One report, every format: each seed's hand-made HTML page rendered to DOCX and PDF by
 * LibreOffice, and printed to PDF by Chromium (fixtures/render/render.sh), gives the same
 * findings as the HTML — same rule ids, same counts — and the same table grids, cell by cell.
 * Findings in a PDF point to a page and a line on it, in a DOCX to a paragraph or table cell,
 * each with a quote of the text there.
 */
import { describe, it, expect } from '@jest/globals';
import type { ReportModel } from '../src/model/index.js';
import { listFixtures, lintFixture, countBy, modelOf, gridOf } from './helpers/fixtures.js';

const SEEDS = ['000_82d6f7fdece5d549', '001_9c5af0f5dc6921f6', '002_605866c201a9c82d', '003_079ed3c1b799cbd0', '004_e501d39fb7faf04c'];

const grids = (m: ReportModel) => (['active', 'application', 'review'] as const).map((id) => gridOf(m, id));

/** The renderings of one seed: its DOCX and every PDF made of it. */
async function renderings(base: string): Promise<string[]> {
  const docx = (await listFixtures('docx', '.docx')).filter((f) => f.startsWith(base)).map((f) => `docx/${f}`);
  const pdf = (await listFixtures('pdf', '.pdf')).filter((f) => f.startsWith(base)).map((f) => `pdf/${f}`);
  return [...docx, ...pdf];
}

describe('every seed rendered to DOCX and PDF reads like its HTML', () => {
  it('each seed has a DOCX, a LibreOffice PDF and a Chromium PDF', async () => {
    for (const base of SEEDS) {
      const files = await renderings(base);
      expect(files).toEqual(expect.arrayContaining([`docx/${base}.docx`, `pdf/${base}.lo.pdf`, `pdf/${base}.chromium.pdf`]));
    }
  });

  it.each(SEEDS)('%s: same rule ids and counts as the HTML', async (base) => {
    const html = countBy((await lintFixture(`html/${base}.html`)).messages);
    for (const rel of await renderings(base)) {
      const r = await lintFixture(rel);
      expect({ rel, fatal: r.fatal, findings: countBy(r.messages) }).toEqual({ rel, fatal: false, findings: html });
    }
  });

  it.each(SEEDS)('%s: the same table grids, cell by cell', async (base) => {
    const html = grids(await modelOf(`html/${base}.html`));
    for (const rel of await renderings(base)) expect({ rel, grids: grids(await modelOf(rel)) }).toEqual({ rel, grids: html });
  });

  it.each(SEEDS)('%s: PDF findings name a page and a line on it, DOCX findings a paragraph or table cell, all with a quote', async (base) => {
    for (const rel of await renderings(base)) {
      const r = await lintFixture(rel);
      for (const m of r.messages.filter((m) => m.line !== null || m.page !== null || m.paragraph || m.tableCell)) {
        if (rel.endsWith('.pdf')) {
          expect(m.page).toBeGreaterThan(0);
          expect(m.line).toBeGreaterThan(0);
        } else {
          expect(m.line).toBeNull();
          expect(Boolean(m.paragraph) !== Boolean(m.tableCell)).toBe(true);
        }
        // an empty cell has nothing to quote: its message names the cell instead
        if (m.ruleId !== 'blank-cells') expect(m.quote?.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('a correct report gives no finding in any format', () => {
  it('the clean report as DOCX (headings styled, bold only, numbered by Word) and as PDF (LibreOffice, Chromium, a long table with repeated header rows)', async () => {
    const files = [...(await listFixtures('docx', '.docx')), ...(await listFixtures('pdf', '.pdf'))].filter((f) => f.startsWith('clean-'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) {
      const r = await lintFixture(`${f.endsWith('.pdf') ? 'pdf' : 'docx'}/${f}`);
      expect({ f, fatal: r.fatal, messages: r.messages.map((m) => m.message) }).toEqual({ f, fatal: false, messages: [] });
    }
  });
});

describe('where findings point', () => {
  // Checked by hand: `pdftotext -layout` of the same page gives the line at that number
  // (blank lines not counted); a DOCX paragraph number counts the non-empty paragraphs
  // outside tables in word/document.xml.
  const where = (r: Awaited<ReturnType<typeof lintFixture>>) =>
    r.messages.filter((m) => m.ruleId !== 'blank-cells').map((m) => [m.ruleId, m.page, m.line, m.paragraph ?? null, m.quote?.slice(0, 8)]);

  it('002 as a LibreOffice PDF: page and line on the page, with the text there', async () => {
    expect(where(await lintFixture('pdf/002_605866c201a9c82d.lo.pdf'))).toEqual([
      ['narrative-sum', 2, 6, null, '据统计，2020'],
      ['reporting-period', 4, 28, null, '2021年1月1'],
      ['publication-date', 4, 31, null, '2020年12月'],
    ]);
  });

  it('002 as DOCX: the paragraph, with the text there', async () => {
    expect(where(await lintFixture('docx/002_605866c201a9c82d.docx'))).toEqual([
      ['narrative-sum', null, null, 16, '据统计，2020'],
      ['reporting-period', null, null, 26, '2021年1月1'],
      ['publication-date', null, null, 28, '2020年12月'],
    ]);
  });

  it('a blank cell in a DOCX table is pointed to by table, row and column', async () => {
    const r = await lintFixture('docx/003_079ed3c1b799cbd0.docx');
    const t4 = r.messages.find((m) => m.ruleId === 'blank-cells' && m.message.startsWith('表4'));
    expect(t4?.tableCell).toEqual({ table: 3, row: 4, column: 1 });
  });
});
