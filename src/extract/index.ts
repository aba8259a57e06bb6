/** Bytes in, mdast out: detect the format and hand the bytes to its extractor. */
import type { Extracted, Place } from '../types.js';
import { detectFormat, decodeText } from './detect.js';
import { ExtractError } from './errors.js';
import { textToMdast } from './text.js';
import { markdownToMdast } from './markdown.js';
import { htmlToMdast } from './html.js';
import { docxToMdast } from './docx/index.js';
import { pdfToMdast } from './pdf/index.js';

export interface ExtractedDoc extends Extracted {
  pageTitle?: string | null;
  pageTitlePlace?: Place;
}

export async function extract(bytes: Uint8Array, fileName?: string): Promise<ExtractedDoc> {
  const { format } = detectFormat(bytes, fileName);
  if (format === 'docx') return { format, ...(await docxToMdast(bytes)) };
  if (format === 'pdf') return { format, ...(await pdfToMdast(bytes)) };
  const { text, encoding } = decodeText(bytes, format);
  if (text.trim() === '') throw new ExtractError('no-text');
  if (format === 'html') {
    const { tree, pageTitle, pageTitlePlace } = htmlToMdast(text);
    return { format, encoding, tree, pageTitle, pageTitlePlace };
  }
  if (format === 'markdown') return { format, encoding, tree: markdownToMdast(text) };
  return { format, encoding, tree: textToMdast(text) };
}
