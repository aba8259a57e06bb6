/** DOCX → mdast (mammoth → HTML → the HTML path). Being written: see issue #3. */
import type { Root } from 'mdast';
import type { Point, SourceLocation } from '../../types.js';
import { ExtractError } from '../errors.js';

export interface DocxExtract {
  tree: Root;
  pageTitle?: string | null;
  locate: (point: Point) => SourceLocation;
}

export async function docxToMdast(_bytes: Uint8Array): Promise<DocxExtract> {
  throw new ExtractError('not-implemented', { format: 'DOCX' });
}
