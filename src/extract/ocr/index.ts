/**
 * Scanned reports read by OCR into the pages the PDF extractor lays out: a PDF's image-only
 * pages (their embedded scan at its own resolution, or the page drawn when it holds no picture)
 * and image files (PNG, JPEG, TIFF; several images of one report are one input). Each page is
 * turned upright when it lies on its side, straightened, and read (page.ts).
 */
import type { Deadline } from '../deadline.js';
import type { RawPage } from '../pdf/load.js';
import type { PageInput } from '../pdf/index.js';
import { ExtractError } from '../errors.js';
import { LIMITS } from '../limits.js';
import type { OcrEngine, OcrPage } from './engine.js';
import { quarterTurn, type Raster } from './raster.js';
import { onItsSide } from './straighten.js';
import { readScannedPage } from './page.js';

/** The resolution a page with no picture of its own is drawn at, and below which a scan is enlarged (bench/ocr-engines.md). */
export const OCR_DPI = 300;

export async function scannedPdfPages(bytes: Uint8Array, pages: RawPage[], engine: OcrEngine, deadline: Deadline): Promise<PageInput[]> {
  if (pages.length > LIMITS.ocrPages) throw new ExtractError('too-many-pages', { pages: String(pages.length), limit: String(LIMITS.ocrPages) });
  const out: PageInput[] = [];
  for (const p of pages) {
    deadline.check();
    let raster: Raster;
    let dpi: number;
    if (p.picture) ({ raster, dpi } = p.picture);
    else if (engine.render) {
      raster = await engine.render(bytes, p.number, OCR_DPI, deadline);
      dpi = OCR_DPI;
    } else continue; // a page with no text and nothing to draw it with: nothing to read
    out.push(await readPage(raster, dpi, p.number, engine, deadline));
  }
  return out;
}

/** Image files of one report, in page order. */
export async function scannedImages(files: Uint8Array[], engine: OcrEngine, deadline: Deadline): Promise<PageInput[]> {
  if (!engine.decode) throw new ExtractError('ocr-missing', { tool: 'image decoder' });
  const pages: OcrPage[] = [];
  for (const f of files) pages.push(...(await engine.decode(f, deadline)));
  if (pages.length > LIMITS.ocrPages) throw new ExtractError('too-many-pages', { pages: String(pages.length), limit: String(LIMITS.ocrPages) });
  const out: PageInput[] = [];
  for (const [i, p] of pages.entries()) {
    if (p.raster.width * p.raster.height > LIMITS.imagePixels)
      throw new ExtractError('image-too-large', { size: (p.raster.width * p.raster.height).toLocaleString('en-US'), limit: LIMITS.imagePixels.toLocaleString('en-US') });
    // a photo or scan that does not say: the width of an A4 page
    const dpi = p.dpi ?? Math.round(Math.min(p.raster.width, p.raster.height) / 8.27);
    out.push(await readPage(p.raster, dpi, i + 1, engine, deadline));
  }
  return out;
}

async function readPage(raster: Raster, dpi: number, number: number, engine: OcrEngine, deadline: Deadline): Promise<PageInput> {
  let upright = raster;
  // a page that may lie on its side (tables' columns line up too, so this only raises the question):
  // the engine, which reads the script itself, says which way up it is
  if (engine.orientation && onItsSide(raster)) {
    const turns = await engine.orientation(raster, deadline);
    if (turns) upright = quarterTurn(raster, turns);
  }
  const page = await readScannedPage(upright, dpi, number, engine, deadline);
  return { number, width: page.width, height: page.height, items: page.items, segments: page.segments, scanned: true };
}
