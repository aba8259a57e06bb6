/** PDF → mdast from pdf.js text items and ruling lines. Being written: see issue #3. */
import type { Root } from 'mdast';
import type { Point, SourceLocation } from '../../types.js';
import { ExtractError } from '../errors.js';

export interface PdfExtract {
  tree: Root;
  locate: (point: Point) => SourceLocation;
}

export async function pdfToMdast(_bytes: Uint8Array): Promise<PdfExtract> {
  throw new ExtractError('not-implemented', { format: 'PDF' });
}
