/**
 * The Word run editor (extract/docx/rewrite.ts) on the XML LibreOffice and Word write: only the
 * characters that change are replaced, in the run that holds them; escapes stay escapes; a run
 * whose text would start or end with a space is told to keep it; a paragraph with a field is left.
 */
import { describe, it, expect } from '@jest/globals';
import { applyWordEdits } from '../src/extract/docx/rewrite.js';
import { wordParagraphs } from '../src/extract/docx/paragraphs.js';

const run = (t: string, rsid = '') => `<w:r${rsid ? ` w:rsidR="${rsid}"` : ''}><w:rPr><w:sz w:val="24"/></w:rPr><w:t>${t}</w:t></w:r>`;
const doc = (...paras: string[]) => `<w:document><w:body>${paras.map((p) => `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>${p}</w:p>`).join('')}</w:body></w:document>`;

describe('word/document.xml runs', () => {
  it('reads a paragraph as mammoth does: the runs’ text, tabs, escapes decoded; tab stops are not text', () => {
    const [p] = wordParagraphs(doc(run('A&amp;B') + '<w:r><w:tab/></w:r>' + run('2021')));
    expect(p.text).toBe('A&B\t2021');
    expect(p.complex).toBeUndefined();
  });

  it('changes only the differing characters, in the run holding them (a year in three runs)', () => {
    const xml = doc(run('期限为') + run('2', '00A1') + run('0', '00B2') + run('21', '00C3') + run('年'));
    const out = applyWordEdits(xml, [{ xmlParagraph: 1, offset: 3, from: '2021', text: '2020' }]);
    expect(out).toBe(xml.replace('<w:t>21</w:t>', '<w:t>20</w:t>'));
  });

  it('a replacement across runs goes into the first changed run, with its formatting; the others lose the old text', () => {
    const xml = doc(run('共') + run('2') + run('62') + run('条'));
    expect(applyWordEdits(xml, [{ xmlParagraph: 1, offset: 1, from: '262', text: '1236' }])).toBe(doc(run('共') + run('1236') + run('') + run('条')));
  });

  it('keeps escapes; writes new text escaped; tells a run to keep a space it now starts with', () => {
    const xml = doc(run('R&amp;D 262条'));
    expect(applyWordEdits(xml, [{ xmlParagraph: 1, offset: 4, from: '262', text: '<236>' }])).toBe(doc(run('R&amp;D &lt;236&gt;条')));
    // 「现 (xiàn)」 without its pinyin ends with a space, which Word would drop unless told
    const spaced = doc(run('现 (xiàn)') + run('在'));
    expect(applyWordEdits(spaced, [{ xmlParagraph: 1, offset: 2, from: '(xiàn)', text: '' }])).toBe(doc(`<w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t xml:space="preserve">现 </w:t></w:r>` + run('在')));
  });

  it('refuses a paragraph with a field, and an edit whose text is not there', () => {
    const field = doc('<w:r><w:fldChar w:fldCharType="begin"/></w:r>' + run('2021'));
    expect(wordParagraphs(field)[0].complex).toBe('w:fldChar');
    expect(applyWordEdits(field, [{ xmlParagraph: 1, offset: 0, from: '2021', text: '2020' }])).toBeNull();
    expect(applyWordEdits(doc(run('2021')), [{ xmlParagraph: 1, offset: 0, from: '2022', text: '2020' }])).toBeNull();
  });

  it('counts a paragraph inside a text box as its own, and marks the one holding it', () => {
    const inner = `<w:p>${run('内')}</w:p>`;
    const ps = wordParagraphs(`<w:body><w:p>${run('外')}<w:r><w:drawing><w:txbxContent>${inner}</w:txbxContent></w:drawing></w:r></w:p><w:p/></w:body>`);
    expect(ps.map((p) => [p.text, p.complex ?? null])).toEqual([['外内', 'w:txbxContent'], ['内', null], ['', null]]);
  });
});
