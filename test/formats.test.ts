/**
 * One report, every format: each seed's hand-made HTML page rendered to DOCX and PDF by
 * LibreOffice, and printed to PDF by Chromium (fixtures/render/render.sh), gives the same
 * findings as the HTML — same rule ids, same counts — and the same table grids, cell by cell.
 * Findings in a PDF point to a page and a line on it, in a DOCX to a paragraph or table cell,
 * each with a quote of the text there.
 */
import { describe, it, expect } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { extract } from '../src/extract/index.js';
import { normalizeTree } from '../src/extract/normalize.js';
import { buildModel, type ReportModel } from '../src/model/index.js';
import { fixture, listFixtures, lintFixture, countBy } from './helpers/fixtures.js';

const SEEDS = ['000_82d6f7fdece5d549', '001_9c5af0f5dc6921f6', '002_605866c201a9c82d', '003_079ed3c1b799cbd0', '004_e501d39fb7faf04c'];

async function model(rel: string): Promise<ReportModel> {
  const doc = await extract(await readFile(fixture(rel)), rel);
  return buildModel(doc.tree, normalizeTree(doc.tree), { pageTitle: doc.pageTitle });
}

/** Each template table as rows of [row key, placement, cell values] (blank and words kept apart from numbers). */
const grids = (m: ReportModel) =>
  (['active', 'application', 'review'] as const).map((id) =>
    m.tables[id] ? m.tables[id].rows.map((r) => [r.def.key, r.placement, r.cells.map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind))]) : null,
  );

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
    const html = grids(await model(`html/${base}.html`));
    for (const rel of await renderings(base)) expect({ rel, grids: grids(await model(rel)) }).toEqual({ rel, grids: html });
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

describe('where findings point in a PDF', () => {
  it('002 (LibreOffice PDF): the wrong reporting period is quoted on the page and line where it stands', async () => {
    const r = await lintFixture('pdf/002_605866c201a9c82d.lo.pdf');
    const period = r.messages.find((m) => m.ruleId === 'reporting-period')!;
    const doc = await extract(await readFile(fixture('pdf/002_605866c201a9c82d.lo.pdf')), 'x.pdf');
    // the quote is the text at that place in the rebuilt page, and it holds the wrong year
    expect(period.quote).toMatch(/2021/);
    expect(period.page).toBeGreaterThanOrEqual(2);
    expect(doc.locate!({ line: 1, column: 1 }).page).toBe(1);
  });
});
