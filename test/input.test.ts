/**
 * Bad and unusual input: each unreadable file gets one clear fatal message; encodings that
 * government pages really use (GBK without a declaration, a UTF-8 BOM, <meta charset=gbk>)
 * read the same as UTF-8.
 */
import { describe, it, expect } from '@jest/globals';
import { lintBytes } from '../src/engine/lint.js';
import { detectFormat, decodeText } from '../src/extract/detect.js';
import { lintFixture, findings } from './helpers/fixtures.js';

describe('unreadable files: one fatal message each, with a reason', () => {
  it.each([
    ['bad/empty.txt', '文件为空'],
    ['bad/blank-lines.txt', '没有可读的文字'],
    ['bad/binary.txt', '二进制'],
    ['bad/garbage.txt', '字符编码'],
    ['bad/not-a-pdf.pdf', '不是 PDF'],
  ])('%s', async (rel, reason) => {
    const r = await lintFixture(rel);
    expect(r.fatal).toBe(true);
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toMatchObject({ fatal: true, severity: 2 });
    expect(r.messages[0].message).toContain(reason);
    expect(r.errorCount).toBe(1);
  });

  it('an encrypted Office file (OLE2 container) is named as such', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    const r = await lintBytes(ole, { filePath: 'report.docx' });
    expect(r.messages[0].message).toContain('加密');
  });

  it('a file over the size limit is refused before it is read', async () => {
    const huge = new Uint8Array(51 * 1024 * 1024).fill(0x41);
    const r = await lintBytes(huge, { filePath: 'huge.txt' });
    expect(r.fatal).toBe(true);
    expect(r.messages[0].message).toContain('过大');
  });

  it('fatal messages follow the language', async () => {
    const r = await lintBytes(new Uint8Array(0), { filePath: 'x.txt', lang: 'en' });
    expect(r.messages[0].message).toBe('the file is empty: nothing to check');
  });
});

describe('encodings', () => {
  it('GBK text with no declaration reads like the UTF-8 original', async () => {
    const gbk = await lintFixture('encoding/003-gbk.txt');
    const utf8 = await lintFixture('seeds/003_079ed3c1b799cbd0.txt');
    expect(gbk.encoding).toBe('gb18030');
    expect(findings(gbk)).toEqual(findings(utf8));
  });

  it('a UTF-8 BOM is skipped without shifting positions', async () => {
    const bom = await lintFixture('encoding/003-utf8-bom.txt');
    const utf8 = await lintFixture('seeds/003_079ed3c1b799cbd0.txt');
    expect(findings(bom)).toEqual(findings(utf8));
  });

  it('an HTML page declaring charset=gbk is decoded as GBK (fixture 002)', async () => {
    const r = await lintFixture('html/002_605866c201a9c82d.html');
    expect(r.encoding).toBe('gb18030');
    expect(r.title).toBe('桃江经济开发区2020年政府信息公开工作年度报告');
  });

  it('detects formats by magic bytes first, then by extension', () => {
    expect(detectFormat(new TextEncoder().encode('%PDF-1.7'), 'a.txt').format).toBe('pdf');
    expect(detectFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), 'a.bin').format).toBe('docx');
    expect(detectFormat(new TextEncoder().encode('<!DOCTYPE html><p>x'), 'a.txt').format).toBe('html');
    expect(detectFormat(new TextEncoder().encode('# 标题'), 'a.md').format).toBe('markdown');
    expect(detectFormat(new TextEncoder().encode('标题'), 'a').format).toBe('text');
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x2d, 0x4e]), 'text').text).toBe('中');
  });
});

describe('Markdown drafts', () => {
  it('a seed saved as .md (remark-parse) gives the same findings, by rule, as the plain text', async () => {
    const { readFile } = await import('node:fs/promises');
    const { fixture } = await import('./helpers/fixtures.js');
    for (const name of ['004_e501d39fb7faf04c', '002_605866c201a9c82d']) {
      const bytes = await readFile(fixture('seeds', `${name}.txt`));
      const md = await lintBytes(bytes, { filePath: `${name}.md` });
      const txt = await lintBytes(bytes, { filePath: `${name}.txt` });
      expect(md.format).toBe('markdown');
      expect(md.messages.map((m) => m.ruleId)).toEqual(txt.messages.map((m) => m.ruleId));
    }
  });
});
