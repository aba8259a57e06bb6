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
import type { OcrEngine, OcrPage, OcrScript, OcrWord } from './engine.js';
import { crop, quarterTurn, shrink, whitenPaper, type Raster } from './raster.js';
import { onItsSide } from './straighten.js';
import { READ_DPI, readScannedPage } from './page.js';

/** The resolution a page with no picture of its own is drawn at, and below which a scan is enlarged (bench/ocr-engines.md). */
export const OCR_DPI = 300;

/** Time a page read by OCR adds to a file's budget, unless the host says otherwise. */
export const OCR_PAGE_TIME = 30_000;

export async function scannedPdfPages(bytes: Uint8Array, pages: RawPage[], engine: OcrEngine, deadline: Deadline, pageTime = OCR_PAGE_TIME): Promise<PageInput[]> {
  if (pages.length > LIMITS.ocrPages) throw new ExtractError('too-many-pages', { pages: String(pages.length), limit: String(LIMITS.ocrPages) });
  const out: PageInput[] = [];
  const reader = pageReader(engine, deadline);
  for (const p of pages) {
    deadline.check();
    deadline.extend(pageTime);
    let raster: Raster;
    let dpi: number;
    if (p.picture) ({ raster, dpi } = p.picture);
    else if (engine.render) {
      raster = await engine.render(bytes, p.number, OCR_DPI, deadline);
      dpi = OCR_DPI;
    } else continue; // a page with no text and nothing to draw it with: nothing to read
    out.push(await reader(raster, dpi, p.number));
  }
  return out;
}

/** Image files of one report, in page order. */
export async function scannedImages(files: Uint8Array[], engine: OcrEngine, deadline: Deadline, pageTime = OCR_PAGE_TIME): Promise<PageInput[]> {
  if (!engine.decode) throw new ExtractError('ocr-missing', { tool: 'image decoder' });
  const pages: OcrPage[] = [];
  for (const f of files) {
    if (pages.length > LIMITS.ocrPages) break;
    deadline.extend(pageTime / 4); // decoding is quick next to reading
    pages.push(...(await engine.decode(f, deadline)));
  }
  if (pages.length > LIMITS.ocrPages) throw new ExtractError('too-many-pages', { pages: String(pages.length), limit: String(LIMITS.ocrPages) });
  const out: PageInput[] = [];
  const reader = pageReader(engine, deadline);
  for (const [i, p] of pages.entries()) {
    deadline.extend(pageTime);
    if (p.raster.width * p.raster.height > LIMITS.imagePixels)
      throw new ExtractError('image-too-large', { size: (p.raster.width * p.raster.height).toLocaleString('en-US'), limit: LIMITS.imagePixels.toLocaleString('en-US') });
    // a photo or scan that does not say: the width of an A4 page
    const dpi = p.dpi ?? Math.round(Math.min(p.raster.width, p.raster.height) / 8.27);
    out.push(await reader(p.raster, dpi, i + 1));
  }
  return out;
}

/** Reads the pages of one report in turn; the script is chosen on the first page with text and kept. */
function pageReader(engine: OcrEngine, deadline: Deadline) {
  let script: OcrScript | null = null;
  return async (raster: Raster, dpi: number, number: number): Promise<PageInput> => {
    const upright = await uprightPage(raster, engine, deadline);
    script ??= await scriptOf(upright, dpi, engine, deadline);
    const page = await readScannedPage(upright, dpi, number, engine, deadline, script ?? 'hans');
    return { number, width: page.width, height: page.height, items: page.items, segments: page.segments, scanned: true };
  };
}

/**
 * Simplified or traditional: a band across the middle of the page read both ways, the reading
 * the engine is surer of kept (a traditional page read as simplified comes out as look-alikes).
 */
async function scriptOf(page: Raster, dpi: number, engine: OcrEngine, deadline: Deadline): Promise<OcrScript | null> {
  const band = shrink(crop(page, 0, page.height * 0.3, page.width, page.height * 0.6), Math.min(1, READ_DPI / dpi));
  const raster = whitenPaper(band);
  const [hans, hant] = await engine.recognize([{ raster, mode: 'page', script: 'hans' }, { raster, mode: 'page', script: 'hant' }], deadline);
  // the share of words read with confidence: steadier than the mean, which a few wild guesses pull down
  const sure = (ws: OcrWord[]) => {
    const real = ws.filter((w) => w.text.trim());
    return real.length ? real.filter((w) => w.confidence >= 90).length / real.length : 0;
  };
  if (hans.filter((w) => w.text.trim()).length < 10) return null; // too little text here to tell: the next page decides
  return sure(hant) > sure(hans) + 0.05 ? 'hant' : 'hans';
}

async function uprightPage(raster: Raster, engine: OcrEngine, deadline: Deadline): Promise<Raster> {
  let upright = raster;
  // a page that may lie on its side (tables' columns line up too, so this only raises the question):
  // the engine, which reads the script itself, says which way up it is
  // (reports are printed upright on portrait paper: a landscape picture is the other hint)
  if (engine.orientation && (raster.width > raster.height * 1.1 || onItsSide(raster))) {
    const turns = await engine.orientation(raster, deadline);
    if (turns) upright = quarterTurn(raster, turns);
  }
  return upright;
}
