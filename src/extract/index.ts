/** Bytes in, mdast out: detect the format and hand the bytes to its extractor. */
import type { Extracted, Place } from '../types.js';
import { detectFormat, decodeText } from './detect.js';
import { ExtractError } from './errors.js';
import { NO_DEADLINE, type Deadline } from './deadline.js';
import type { OcrOptions } from './ocr/engine.js';
import type { PdfThreads } from './pdf/thread.js';
import type { PdfAssets } from './pdf/load.js';
import { textToMdast } from './text.js';
import { LIMITS, checkMarkdownNesting, checkSeparators, checkTagCount, checkText, checkTree } from './limits.js';

export interface ExtractedDoc extends Extracted {
  pageTitle?: string | null;
  pageTitlePlace?: Place;
}

/** The document as a tree, every hard limit checked (limits.ts) before anything reads it further. */
export interface ExtractOptions {
  deadline?: Deadline;
  pdfThreads?: PdfThreads;
  pdfAssets?: PdfAssets;
  /** how scanned pages are read, and by which engine (none: a scan is a fatal reason) */
  ocr?: OcrOptions;
  /** the report's further page images, when it came as several (a folder of scans) */
  morePages?: Uint8Array[];
}

export async function extract(bytes: Uint8Array, fileName?: string, options: ExtractOptions = {}): Promise<ExtractedDoc> {
  const doc = await extractTree(bytes, fileName, options);
  checkTree(doc.tree);
  return doc;
}

// Each format's extractor (pdf.js, mammoth, parse5, remark) is loaded the first time a file of that
// format comes: a text report should not pay for loading pdf.js (issue #15, start-up).
async function extractTree(bytes: Uint8Array, fileName: string | undefined, options: ExtractOptions): Promise<ExtractedDoc> {
  const { deadline, pdfThreads, pdfAssets, ocr } = options;
  const { format } = detectFormat(bytes, fileName);
  if (format === 'image') {
    if (!ocr || ocr.mode === 'off') throw new ExtractError('ocr-off', { what: '图片', whatEn: 'an image' });
    const [{ scannedImages }, { pagesToMdast }] = await Promise.all([import('./ocr/index.js'), import('./pdf/index.js')]);
    const pages = await scannedImages([bytes, ...(options.morePages ?? [])], ocr.engine, deadline ?? NO_DEADLINE, ocr.pageTime);
    const out = pagesToMdast(pages, deadline);
    if (!out.tree.children.length) throw new ExtractError('ocr-no-text', { pages: String(pages.length) });
    return { format, ...out, ocr: { engine: ocr.engine.name, pages: pages.map((p) => p.number) } };
  }
  if (format === 'docx') {
    const { docxToMdast } = await import('./docx/index.js');
    return { format, ...(await docxToMdast(bytes, deadline)) };
  }
  if (format === 'pdf') {
    const { pdfToMdast } = await import('./pdf/index.js');
    return { format, ...(await pdfToMdast(bytes, pdfAssets, deadline, pdfThreads, ocr)) };
  }
  const { text, encoding } = decodeText(bytes, format);
  if (text.trim() === '') throw new ExtractError('no-text');
  if (format === 'html') {
    if (text.length > LIMITS.htmlChars) throw new ExtractError('html-too-large', { size: text.length.toLocaleString('en-US'), limit: LIMITS.htmlChars.toLocaleString('en-US') });
    checkTagCount(text);
    const { htmlToMdast } = await import('./html.js');
    const { tree, pageTitle, pageTitlePlace } = htmlToMdast(text);
    return { format, encoding, source: text, tree, pageTitle, pageTitlePlace };
  }
  checkText(text);
  checkSeparators(text, format === 'markdown' ? LIMITS.markdownCells : LIMITS.tableCells);
  if (format === 'markdown') {
    checkMarkdownNesting(text);
    const { markdownToMdast } = await import('./markdown.js');
    return { format, encoding, source: text, tree: markdownToMdast(text) };
  }
  return { format, encoding, source: text, tree: textToMdast(text) };
}
