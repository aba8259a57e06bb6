/**
 * What the core asks of an OCR engine. The engine lives outside the core (the CLI runs the
 * tesseract binary, src/node/ocr-tesseract.ts); the core hands it grey rasters and gets words
 * with their boxes and confidences back, so the same reading code runs wherever an engine is.
 */
import type { Deadline } from '../deadline.js';
import type { Raster } from './raster.js';

/**
 * How a raster is to be read:
 * - `page`: a page of text (tables already hidden), lines in reading order;
 * - `line`: one line of text (a table cell of one line);
 * - `cell`: a few lines (a table cell with wrapped text);
 * - `digits`: one line of figures only (a number cell, read a second time by a digits-only model).
 */
export type OcrMode = 'page' | 'line' | 'cell' | 'digits';

/** The script a report is printed in: simplified (almost all) or traditional (a site's 繁体 page printed). */
export type OcrScript = 'hans' | 'hant';

export interface OcrRequest {
  raster: Raster;
  mode: OcrMode;
  /** default hans */
  script?: OcrScript;
}

export interface OcrWord {
  text: string;
  /** box in the request's raster, pixels */
  left: number;
  top: number;
  width: number;
  height: number;
  /** 0–100 */
  confidence: number;
  /** the line it stands on, numbered within its request */
  line: number;
  /** that line's box, when the engine gives one (top and height, pixels) */
  lineBox?: { top: number; height: number };
}

export interface OcrPage {
  raster: Raster;
  /** pixels per inch, when the file says (a PNG's pHYs, a TIFF's resolution) */
  dpi: number | null;
}

export interface OcrEngine {
  /** what the closing notes and `--ocr` messages call it, with its version (tesseract 5.3.0 chi_sim) */
  readonly name: string;
  /** read each request; one list of words per request, in order */
  recognize(requests: OcrRequest[], deadline: Deadline): Promise<OcrWord[][]>;
  /** the pages of a PNG, JPEG or TIFF file (a TIFF may hold several) */
  decode?(bytes: Uint8Array, deadline: Deadline): Promise<OcrPage[]>;
  /** a PDF page drawn as a raster, for a page with no picture of its own to read */
  render?(pdf: Uint8Array, page: number, dpi: number, deadline: Deadline): Promise<Raster>;
  /** how many quarter turns clockwise make an upright page of this one (0 when it is upright or the engine cannot tell) */
  orientation?(raster: Raster, deadline: Deadline): Promise<number>;
}

export type OcrSetting = 'off' | 'auto' | 'force';

export interface OcrOptions {
  engine: OcrEngine;
  /** off: never read by OCR; auto: only pages without text; force: every page (default auto) */
  mode?: OcrSetting;
  /** time added to the file's budget for each page read (ms; default 30 s): OCR takes seconds a page */
  pageTime?: number;
}
