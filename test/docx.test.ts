/**
 * DOCX: Word numbering labels written back as text, locate() to paragraphs and table cells,
 * one distinct fatal code per kind of unreadable package, and the rendered fixtures lint clean.
 * Small documents are built here as OOXML with fflate, so each test shows the XML it is about.
 */
import { describe, it, expect } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import type { Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { extract } from '../src/extract/index.js';
import { ExtractError } from '../src/extract/errors.js';
import { normalizeTree } from '../src/extract/normalize.js';
import { buildModel } from '../src/model/index.js';
import { lintBytes } from '../src/engine/lint.js';
import { docxToMdast, MAX_UNZIPPED_BYTES } from '../src/extract/docx/index.js';
import { readNumbering, writeNumberingLabels } from '../src/extract/docx/numbering.js';
import { formatNumber } from '../src/extract/docx/numfmt.js';
import { fixture } from './helpers/fixtures.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const run = (t: string, bold = false) => `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${t}</w:t></w:r>`;
/** A paragraph; `num` = [numId, ilvl] for direct numbering, `style` a paragraph style. */
const p = (t: string, o: { num?: [number, number]; style?: string; bold?: boolean } = {}) =>
  `<w:p><w:pPr>${o.style ? `<w:pStyle w:val="${o.style}"/>` : ''}${o.num ? `<w:numPr><w:ilvl w:val="${o.num[1]}"/><w:numId w:val="${o.num[0]}"/></w:numPr>` : ''}</w:pPr>${run(t, o.bold)}</w:p>`;
const tc = (t: string, pr = '') => `<w:tc><w:tcPr>${pr}</w:tcPr>${p(t)}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>${rows.join('')}</w:tbl>`;
const lvl = (i: number, fmt: string, text: string, extra = '') =>
  `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;

/** The numbering of Chinese reports: 一、 / （一） / 1. / ① */
const REPORT_NUMBERING = `<w:numbering ${W}>
  <w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}${lvl(2, 'decimal', '%3.')}${lvl(3, 'decimalEnclosedCircle', '%4')}</w:abstractNum>
  <w:abstractNum w:abstractNumId="1">${lvl(0, 'bullet', '•')}</w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>`;

function docx(body: string, parts: { numbering?: string; styles?: string } = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
  };
  const rels: string[] = [];
  if (parts.numbering) {
    files['word/numbering.xml'] = strToU8(parts.numbering);
    rels.push(`<Relationship Id="rId1" Type="${REL}/numbering" Target="numbering.xml"/>`);
  }
  if (parts.styles) {
    files['word/styles.xml'] = strToU8(`<w:styles ${W}>${parts.styles}</w:styles>`);
    rels.push(`<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>`);
  }
  files['word/_rels/document.xml.rels'] = strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`);
  return zipSync(files);
}

const textOf = (node: Root | Root['children'][number]) => {
  let out = '';
  visit(node, 'text', (t: Text) => {
    out += t.value;
  });
  return out;
};
const paragraphs = (tree: Root) => tree.children.map(textOf);
const types = (tree: Root) => tree.children.map((c) => c.type);

describe('Word numbering: the labels mammoth drops are written into the text', () => {
  it('formats the counters reports use', () => {
    const cases: [number, string, string][] = [
      [1, 'chineseCounting', '一'], [10, 'chineseCounting', '十'], [11, 'chineseCountingThousand', '十一'],
      [21, 'chineseCounting', '二十一'], [105, 'chineseCountingThousand', '一百零五'], [3, 'japaneseCounting', '三'],
      [2, 'ideographTraditional', '乙'], [3, 'decimalEnclosedCircle', '③'], [4, 'upperRoman', 'IV'],
      [28, 'lowerLetter', 'bb'], [7, 'decimal', '7'], [2, 'chineseLegalSimplified', '贰'], [5, 'bullet', ''],
    ];
    for (const [n, fmt, want] of cases) expect([n, fmt, formatNumber(n, fmt)]).toEqual([n, fmt, want]);
  });

  it('counts 一、二、 and restarts （一） and 1. under each new higher level', async () => {
    const body = [
      p('总体情况', { num: [1, 0] }),
      p('主动公开情况', { num: [1, 1] }),
      p('规章', { num: [1, 2] }),
      p('规范性文件', { num: [1, 2] }),
      p('其中', { num: [1, 3] }),
      p('依申请公开情况', { num: [1, 1] }),
      p('条目', { num: [1, 2] }),
      p('普通段落，不编号'),
      p('主动公开政府信息情况', { num: [1, 0] }),
      p('新的（一）', { num: [1, 1] }),
      p('项目符号', { num: [2, 0] }),
    ].join('');
    const { tree } = await docxToMdast(docx(body, { numbering: REPORT_NUMBERING }));
    expect(paragraphs(tree)).toEqual([
      '一、总体情况',
      '（一）主动公开情况',
      '1.规章',
      '2.规范性文件',
      '① 其中', // no punctuation after the label: Word's tab becomes a space
      '（二）依申请公开情况',
      '1.条目',
      '普通段落，不编号',
      '二、主动公开政府信息情况',
      '（一）新的（一）',
      '项目符号', // a bullet's mark is dropped
    ]);
    // numbered paragraphs are plain paragraphs, not list items without their labels
    expect(types(tree).every((t) => t === 'paragraph')).toBe(true);
  });

  it('a w:num with a startOverride restarts the shared list; another num of the same list continues it', () => {
    const n = readNumbering(REPORT_NUMBERING);
    const xml = [p('a', { num: [1, 0] }), p('b', { num: [1, 2] }), p('c', { num: [1, 2] }), p('d', { num: [3, 2] }), p('e', { num: [3, 0] })].join('');
    const labels = [...writeNumberingLabels(xml, n).matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t><\/w:r><w:r><w:t xml:space="preserve">([a-e])/g)].map((m) => m[1] + m[2]);
    expect(labels).toEqual(['一、a', '1.b', '2.c', '1.d', '二、e']);
  });

  it('numbering that comes from a paragraph style (through basedOn, or a level linked to the style)', async () => {
    const numbering = `<w:numbering ${W}><w:abstractNum w:abstractNumId="5">${lvl(0, 'chineseCounting', '%1、', '<w:pStyle w:val="H1"/>')}${lvl(1, 'chineseCounting', '（%2）', '<w:pStyle w:val="H2"/>')}</w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="5"/></w:num></w:numbering>`;
    const styles = [
      '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>',
      '<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>',
      // H2 has no numPr of its own: numId from H1 (basedOn), level from the lvl linked to H2
      '<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/><w:basedOn w:val="H1"/></w:style>',
      '<w:style w:type="paragraph" w:styleId="Quiet"><w:name w:val="Quiet"/><w:basedOn w:val="H1"/><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:style>',
    ].join('');
    const body = [p('总体情况', { style: 'H1' }), p('主动公开', { style: 'H2' }), p('正文'), p('不编号的标题', { style: 'Quiet' }), p('主动公开政府信息情况', { style: 'H1' })].join('');
    const { tree } = await docxToMdast(docx(body, { numbering, styles }));
    expect(paragraphs(tree)).toEqual(['一、总体情况', '（一）主动公开', '正文', '不编号的标题', '二、主动公开政府信息情况']);
    expect(tree.children[0]).toMatchObject({ type: 'heading', depth: 1 });
  });

  it('a section heading in a bold paragraph without a style is found as a section', async () => {
    const titles = ['总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项'];
    const body = [p('某县自然资源局2020年政府信息公开工作年度报告', { bold: true }), ...titles.flatMap((t, i) => [p(`${'一二三四五六'[i]}、${t}`, { bold: true }), p('正文。')])].join('');
    const { tree } = await docxToMdast(docx(body));
    expect(tree.children[1]).toMatchObject({ type: 'paragraph', children: [{ type: 'strong' }] });
    const model = buildModel(tree, normalizeTree(tree));
    expect(model.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('locate(): tree points to paragraphs and table cells', () => {
  const body = [
    p('第一段'),
    p('第二段：表格之前'),
    tbl(
      // A spans two rows and B two columns: D lands in column 2, E in column 3.
      tr(tc('A', '<w:vMerge w:val="restart"/>'), tc('B', '<w:gridSpan w:val="2"/>')),
      tr(tc('', '<w:vMerge/>'), tc('D'), tc('E')),
    ),
    p('第三段：表格之后，这一段的文字比三十个字还要长一些，所以引文会被截短'),
  ].join('');
  const textNode = (tree: Root, value: string) => {
    let found: Text | undefined;
    visit(tree, 'text', (t: Text) => {
      if (t.value === value || t.value.startsWith(value)) found ??= t;
    });
    if (!found?.position) throw new Error(`no text ${value}`);
    return found.position;
  };

  it('a paragraph is counted among body paragraphs (tables not counted), with a quote', async () => {
    const { tree, locate } = await docxToMdast(docx(body));
    expect(locate(textNode(tree, '第二段').start)).toEqual({ line: null, column: null, paragraph: 2, quote: '第二段：表格之前' });
    const after = locate(textNode(tree, '第三段').start);
    expect(after).toMatchObject({ paragraph: 3 });
    expect(after.quote).toBe('第三段：表格之后，这一段的文字比三十个字还要长一些，所以引文…'); // 30 characters and an ellipsis
    expect(after.tableCell).toBeUndefined();
  });

  it('a cell is given by its grid position, after rowspans and colspans of earlier cells', async () => {
    const { tree, locate } = await docxToMdast(docx(body));
    const at = (v: string) => locate(textNode(tree, v).start);
    expect(at('A')).toEqual({ line: null, column: null, tableCell: { table: 1, row: 1, column: 1 }, quote: 'A' });
    expect(at('B')).toMatchObject({ tableCell: { table: 1, row: 1, column: 2 } });
    expect(at('D')).toMatchObject({ tableCell: { table: 1, row: 2, column: 2 }, quote: 'D' });
    expect(at('E')).toMatchObject({ tableCell: { table: 1, row: 2, column: 3 } });
  });

  it('a point between blocks goes to the next block', async () => {
    const { tree, locate } = await docxToMdast(docx(body));
    // A node's end point is just past its </p>: not inside paragraph 1 any more.
    expect(locate(tree.children[0].position!.end)).toMatchObject({ paragraph: 2 });
    // The table's own <table><tr> tags are in no cell: the first cell follows.
    const table = tree.children.find((c) => c.type === 'table')!;
    expect(locate(table.position!.start)).toMatchObject({ tableCell: { table: 1, row: 1, column: 1 } });
  });
});

describe('unreadable DOCX: one distinct fatal code each', () => {
  const codeOf = async (bytes: Uint8Array, name = 'report.docx') => {
    try {
      await extract(bytes, name);
    } catch (error) {
      expect(error).toBeInstanceOf(ExtractError);
      return error as ExtractError;
    }
    throw new Error('extract() did not fail');
  };
  const ok = docx(p('正文'));
  /** The central directory entry of `name`, to lie about its sizes. */
  const centralEntry = (zip: Uint8Array, name: string) => {
    const needle = strToU8(name);
    for (let i = zip.length - 46; i >= 0; i--)
      if (zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 1 && zip[i + 3] === 2 && needle.every((b, j) => zip[i + 46 + j] === b)) return i;
    throw new Error('no entry');
  };

  it('ZIP magic followed by junk → docx-broken', async () => {
    const junk = new Uint8Array(200).map((_, i) => (i * 37) % 251);
    junk.set([0x50, 0x4b, 0x03, 0x04]);
    expect((await codeOf(junk)).code).toBe('docx-broken');
  });

  it('a truncated package → docx-broken', async () => {
    expect((await codeOf(ok.subarray(0, ok.length - 30))).code).toBe('docx-broken');
  });

  it('a ZIP without word/document.xml → docx-no-document, naming what it is', async () => {
    const xlsx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });
    const e = await codeOf(xlsx);
    expect(e.code).toBe('docx-no-document');
    expect(e.reason('zh')).toContain('Excel');
    expect((await codeOf(zipSync({ 'a.txt': strToU8('hello') }))).code).toBe('docx-no-document');
  });

  it('declared sizes over the cap → docx-too-large, before anything is inflated', async () => {
    const bomb = ok.slice();
    new DataView(bomb.buffer).setUint32(centralEntry(bomb, 'word/document.xml') + 24, MAX_UNZIPPED_BYTES + 1, true);
    const e = await codeOf(bomb);
    expect(e.code).toBe('docx-too-large');
    expect(e.reason('zh')).toContain('256.0 MB');
  });

  it('an entry that inflates to more than it declares is refused', async () => {
    const liar = zipSync({ ...Object.fromEntries([['word/document.xml', new Uint8Array(1 << 20).fill(32)]]) });
    new DataView(liar.buffer).setUint32(centralEntry(liar, 'word/document.xml') + 24, 100, true);
    const e = await codeOf(liar);
    expect(e.code).toBe('docx-broken');
    expect(e.params.detail).toMatch(/declared/);
  });

  it('an encrypted Office file (OLE2) → encrypted-office', async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await codeOf(ole)).code).toBe('encrypted-office');
  });

  it('a package whose body has no text → no-text', async () => {
    expect((await codeOf(docx(p('')))).code).toBe('no-text');
  });

  const bad: [string, string][] = [
    ['not-a-zip.docx', 'wrong-signature'],
    ['broken-zip.docx', 'docx-broken'],
    ['no-document.docx', 'docx-no-document'],
    ['encrypted.docx', 'encrypted-office'],
    ['zip-bomb.docx', 'docx-too-large'],
  ];
  // fixtures/render/render.sh writes these; until it has run, the tests above stand in for them
  for (const [f, code] of bad)
    (existsSync(fixture('bad', f)) ? it : it.skip)(`fixtures/bad/${f} → ${code}`, async () => {
      expect((await codeOf(readFileSync(fixture('bad', f)), f)).code).toBe(code);
    });
});

describe('rendered DOCX fixtures of correct reports lint clean', () => {
  const clean = ['clean-2020-department.docx', 'clean-headings-bold.docx', 'clean-headings-numbered.docx'];
  for (const f of clean)
    (existsSync(fixture('docx', f)) ? it : it.skip)(`fixtures/docx/${f} has no findings`, async () => {
      const r = await lintBytes(readFileSync(fixture('docx', f)), { filePath: `fixtures/docx/${f}` });
      expect(r.format).toBe('docx');
      expect(r.messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([]);
    });
});
