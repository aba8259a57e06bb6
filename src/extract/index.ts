/** Bytes in, mdast out: detect the format and hand the bytes to its extractor. */
import type { Extracted, Place } from '../types.js';
import { detectFormat, decodeText } from './detect.js';
import { ExtractError } from './errors.js';
import type { Deadline } from './deadline.js';
import type { PdfThreads } from './pdf/thread.js';
import type { PdfAssets } from './pdf/load.js';
import { textToMdast } from './text.js';
import { LIMITS, checkMarkdownNesting, checkSeparators, checkTagCount, checkText, checkTree } from './limits.js';

export interface ExtractedDoc extends Extracted {
  pageTitle?: string | null;
  pageTitlePlace?: Place;
}

/** The document as a tree, every hard limit checked (limits.ts) before anything reads it further. */
export async function extract(bytes: Uint8Array, fileName?: string, deadline?: Deadline, pdfThreads?: PdfThreads, pdfAssets?: PdfAssets): Promise<ExtractedDoc> {
  const doc = await extractTree(bytes, fileName, deadline, pdfThreads, pdfAssets);
  checkTree(doc.tree);
  return doc;
}

// Each format's extractor (pdf.js, mammoth, parse5, remark) is loaded the first time a file of that
// format comes: a text report should not pay for loading pdf.js (issue #15, start-up).
async function extractTree(bytes: Uint8Array, fileName?: string, deadline?: Deadline, pdfThreads?: PdfThreads, pdfAssets?: PdfAssets): Promise<ExtractedDoc> {
  const { format } = detectFormat(bytes, fileName);
  if (format === 'docx') {
    const { docxToMdast } = await import('./docx/index.js');
    return { format, ...(await docxToMdast(bytes, deadline)) };
  }
  if (format === 'pdf') {
    const { pdfToMdast } = await import('./pdf/index.js');
    return { format, ...(await pdfToMdast(bytes, pdfAssets, deadline, pdfThreads)) };
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
