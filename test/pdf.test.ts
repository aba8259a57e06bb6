/**
 * The PDF reader on real files: bad PDFs each get their own fatal reason; page numbers and
 * running headers/footers are not body text; a table broken over pages is one table.
 */
import { describe, it, expect } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { Root, Table } from 'mdast';
import { extract } from '../src/extract/index.js';
import { ExtractError } from '../src/extract/errors.js';
import { lintBytes } from '../src/engine/lint.js';
import { fixture, lintFixture } from './helpers/fixtures.js';

async function fatalOf(rel: string): Promise<ExtractError> {
  try {
    await extract(await readFile(fixture(rel)), rel);
  } catch (e) {
    return e as ExtractError;
  }
  throw new Error(`${rel} was read`);
}

const text = (tree: Root) => JSON.stringify(tree.children.filter((n) => n.type === 'paragraph'));

describe('bad PDFs: one clear fatal message each', () => {
  it.each([
    ['bad/encrypted.pdf', 'pdf-encrypted', /打开密码/],
    ['bad/truncated.pdf', 'pdf-broken', /损坏或不完整/],
    ['bad/not-a-pdf.pdf', 'wrong-signature', /不是 PDF/],
  ])('%s → %s', async (rel, code, zh) => {
    const e = await fatalOf(rel);
    expect(e.code).toBe(code);
    const r = await lintFixture(rel);
    expect(r.fatal).toBe(true);
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0].message).toMatch(zh);
  });

  it('a scan, read by a core given no OCR engine, is one fatal message saying it needs OCR (test/ocr.test.ts reads it)', async () => {
    expect((await fatalOf('bad/scanned.pdf')).code).toBe('pdf-no-text-layer');
    const r = await lintBytes(await readFile(fixture('bad/scanned.pdf')), { filePath: 'scan.pdf' });
    expect(r.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringMatching(/没有文字层.*OCR/) })]);
  });

  it('the English reason of a scan says it needs OCR', async () => {
    const r = await lintBytes(await readFile(fixture('bad/scanned.pdf')), { filePath: 'scan.pdf', lang: 'en' });
    expect(r.messages[0].message).toMatch(/no text layer.*OCR/);
  });
});

describe('a PDF with an owner password only (printing/copying restricted) opens like any other', () => {
  it('and the correct report in it gives no finding', async () => {
    const r = await lintFixture('pdf/clean-2020-department.owner-password.pdf');
    expect({ fatal: r.fatal, messages: r.messages }).toEqual({ fatal: false, messages: [] });
  });
});

describe('page furniture', () => {
  it('the page numbers 「- N -」 of the published report are not body text', async () => {
    const doc = await extract(await readFile(fixture('realworld/huaian-hongze-district-gov-2024.pdf')), 'x.pdf');
    expect(text(doc.tree)).not.toMatch(/"- ?\d ?-"/);
    expect(text(doc.tree)).not.toMatch(/\\n- \d -/);
  });

  it('a Chromium print with its header (date, title) and footer (file URL, page n/N) gives the same body', async () => {
    const plain = await extract(await readFile(fixture('pdf/clean-2020-department.chromium.pdf')), 'a.pdf');
    const framed = await extract(await readFile(fixture('pdf/clean-2020-department.chromium-headers.pdf')), 'b.pdf');
    // footer: the page's address and "1/3"; header: the print date and the page title
    expect(text(framed.tree)).not.toMatch(/example\.gov\.cn|\d+\/\d+\/21|"\d\/\d"/);
    expect(text(framed.tree)).toBe(text(plain.tree));
    const tables = (t: Root) => t.children.filter((n): n is Table => n.type === 'table').length;
    expect(tables(framed.tree)).toBe(tables(plain.tree));
  });
});
