/**
 * Certain fixes (the quick fixes an editor offers): applying each one to the source removes
 * exactly its finding and adds none; a fix is not offered where the source does not hold what
 * the finding read, where the year is not all that is wrong, or in PDF.
 */
import { describe, it, expect } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { lintBytes, lintText } from '../src/engine/lint.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { decodeText } from '../src/extract/detect.js';
import type { Fix, LintResult } from '../src/types.js';
import { countBy, fixture, listFixtures, lintFixture } from './helpers/fixtures.js';
import { defineRule } from '../src/engine/rule.js';

/**
 * The source with a fix's edits applied, as an editor applies them (vscode-languageserver-textdocument,
 * not the core's own applyFix, which the core uses to check its fixes).
 */
function applyFix(text: string, fix: Fix): string {
  const doc = TextDocument.create('file:///draft', 'plaintext', 1, text);
  return TextDocument.applyEdits(doc, fix.edits.map((e) => ({ range: { start: { line: e.line - 1, character: e.column - 1 }, end: { line: e.endLine - 1, character: e.endColumn - 1 } }, newText: e.text })));
}
/** Lint text as an editor hands it over (decoded already, whatever the page declares). */
const lintDraft = (text: string, name: string) => lintText(text, { filePath: name });
const withFix = (r: LintResult) => r.messages.filter((m) => m.fix);

const drafts = [
  ...(await listFixtures('seeds', '.txt')).map((f) => `seeds/${f}`),
  ...(await listFixtures('html', '.html')).map((f) => `html/${f}`),
  ...(await listFixtures('2021', '.txt')).map((f) => `2021/${f}`),
  ...(await listFixtures('2021', '.html')).map((f) => `2021/${f}`),
];

describe('every fix offered on the fixtures', () => {
  // not in break-review-litigation-totals: its 行政复议 总计 1 is what the prose says (行政复议1件),
  // and a part is the mistake — writing 2 into the total would contradict the prose
  // not in break-application-totals: the （七）总计 cells fixed would break their rows' sums
  it('is offered for exactly these findings', async () => {
    const offered: string[] = [];
    for (const rel of drafts) for (const m of withFix(await lintFixture(rel))) offered.push(`${rel} ${m.ruleId}`);
    expect(offered).toEqual([
      'seeds/000_82d6f7fdece5d549.txt conversion-artifacts',
      'seeds/002_605866c201a9c82d.txt narrative-sum',
      'seeds/002_605866c201a9c82d.txt reporting-period',
      'html/000_82d6f7fdece5d549.html conversion-artifacts',
      'html/002_605866c201a9c82d.html narrative-sum',
      'html/002_605866c201a9c82d.html reporting-period',
      '2021/break-narrative-sum.txt narrative-sum',
      '2021/break-reporting-period.txt reporting-period',
      '2021/break-narrative-sum.html narrative-sum',
      '2021/break-reporting-period.html reporting-period',
    ]);
  });

  it.each(drafts)('%s: applying each fix removes its finding and changes no other', async (rel) => {
    const bytes = await readFile(fixture(rel));
    const before = await lintFixture(rel);
    const { text } = decodeText(bytes, rel.endsWith('.html') ? 'html' : 'text');
    for (const m of withFix(before)) {
      const after = await lintDraft(applyFix(text, m.fix!), `fixtures/${rel}`);
      const expected = countBy(before.messages);
      expected[m.ruleId] -= 1;
      if (expected[m.ruleId] === 0) delete expected[m.ruleId];
      expect(countBy(after.messages)).toEqual(expected);
    }
  });
});

describe('no fix where it is not certain', () => {
  it('a table-4 total that the prose also states: the tally finding stands, with no fix', async () => {
    const r = await lintFixture('2021/break-review-litigation-totals.txt');
    const [total] = r.messages.filter((m) => m.ruleId === 'review-litigation-totals');
    expect(total.message).toContain('总计填报 1，但结果维持、结果纠正、其他结果、尚未审结之和为 2');
    expect(total.fix).toBeUndefined();
    // the same defect with the prose silent about it: now writing the sum into the total is certain
    const text = (await readFile(fixture('2021/break-review-litigation-totals.txt'), 'utf8')).replace(/全年因政府信息公开被申请行政复议\d+件，/, '');
    const silent = await lintDraft(text, 'draft.txt');
    const [fixable] = silent.messages.filter((m) => m.ruleId === 'review-litigation-totals');
    expect(fixable.fix).toMatchObject({ title: '把总计 1 改为 2', edits: [{ text: '2' }] });
  });

  it('the total written in full-width digits: the finding stands, with no fix (the source does not hold "336")', async () => {
    const text = (await readFile(fixture('2021/break-narrative-sum.txt'), 'utf8')).replace(/336(条|件)/, '３３６$1');
    const r = await lintDraft(text, 'draft.txt');
    const sum = r.messages.filter((m) => m.ruleId === 'narrative-sum');
    expect(sum).toHaveLength(1);
    expect(sum[0].fix).toBeUndefined();
  });

  it('a period wrong in more than its year (ends 11月30日): no fix; a year in Chinese numerals is fixed in Chinese numerals', async () => {
    const base = await readFile(fixture('seeds/002_605866c201a9c82d.txt'), 'utf8');
    const short = await lintDraft(base.replace('2021年1月1日至2021年12月31日', '2020年1月1日至2020年11月30日'), 'draft.txt');
    const period = short.messages.filter((m) => m.ruleId === 'reporting-period');
    expect(period).toHaveLength(1);
    expect(period[0].fix).toBeUndefined();
    const chinese = await lintDraft(base.replace('2021年1月1日至2021年12月31日', '二〇二一年1月1日至二〇二一年12月31日'), 'draft.txt');
    const [fixed] = chinese.messages.filter((m) => m.ruleId === 'reporting-period');
    expect(fixed.fix?.edits.map((e) => e.text)).toEqual(['二〇二〇', '二〇二〇']);
    expect(applyFix(base.replace('2021年1月1日至2021年12月31日', '二〇二一年1月1日至二〇二一年12月31日'), fixed.fix!)).toContain('二〇二〇年1月1日至二〇二〇年12月31日');
  });

  it('PDF findings carry no fix (its text is not the file); DOCX findings carry fixes of word/document.xml, not of text', async () => {
    const pdf = await lintFixture('pdf/002_605866c201a9c82d.lo.pdf');
    expect(pdf.messages.map((m) => m.ruleId)).toContain('reporting-period');
    expect(withFix(pdf)).toEqual([]);
    const docx = await lintFixture('docx/002_605866c201a9c82d.docx');
    expect(withFix(docx).map((m) => [m.ruleId, m.fix!.edits, m.fix!.word!.map((w) => [w.paragraph, w.from, w.text])])).toEqual([
      ['narrative-sum', [], [[16, '262', '236']]],
      ['reporting-period', [], [[26, '2021', '2020'], [26, '2021', '2020']]],
    ]);
  });
});

describe('what proving fixes costs', () => {
  // a plugin rule that finds nothing and counts the lints it runs in: the report's own, and each proof
  const counting = () => {
    const seen = { lints: 0 };
    const rule = defineRule({ id: 'plugin/count', type: 'problem', kind: 'defect', severity: 'info', templates: ['2019', '2021'], description: { zh: '计数', en: 'count' }, messages: {} }, () => {
      seen.lints++;
    });
    return { seen, rule };
  };

  it('no lint beyond the report’s own when nobody asks for fixes, one when they do (seeds/002 has two fixes)', async () => {
    const text = await readFile(fixture('seeds/002_605866c201a9c82d.txt'), 'utf8');
    const off = counting();
    const plain = await lintText(text, { filePath: 'draft.txt', plugins: [off.rule], fixes: false });
    expect(off.seen.lints).toBe(1);
    expect(withFix(plain)).toEqual([]);
    const on = counting();
    const fixed = await lintText(text, { filePath: 'draft.txt', plugins: [on.rule] });
    expect(withFix(fixed).map((m) => m.ruleId).sort()).toEqual(['narrative-sum', 'reporting-period']);
    expect(on.seen.lints).toBe(2);
  });

  it('a Word draft: one lint beyond its own, of the rewritten package (docx/002 has two fixes)', async () => {
    const c = counting();
    const r = await lintBytes(await readFile(fixture('docx/002_605866c201a9c82d.docx')), { filePath: 'draft.docx', plugins: [c.rule] });
    expect(withFix(r).map((m) => m.ruleId)).toEqual(['narrative-sum', 'reporting-period']);
    expect(c.seen.lints).toBe(2);
  });

  it('a proof that finds something new costs no further lint: the fix is not offered', async () => {
    const c = counting();
    const r = await lintText(await readFile(fixture('2021/break-review-litigation-totals.txt'), 'utf8'), { filePath: 'draft.txt', plugins: [c.rule] });
    expect(r.messages.filter((m) => m.ruleId === 'review-litigation-totals').map((m) => m.fix)).toEqual([undefined]);
    expect(c.seen.lints).toBe(2);
  });
});
