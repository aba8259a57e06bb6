/**
 * The OCR engine of this process (CLI, audit workers, the language server), made on the first
 * scan and kept: loading a model costs more than reading a page. `paddle` (the default) is
 * PaddleOCR's PP-OCRv4 recognition model run by onnxruntime-node, which read scanned tables more
 * exactly than Tesseract on the same pages (bench/ocr-engines.md, bench/ocr.mjs); `tesseract` is
 * the `tesseract` binary. Both decode image files with ImageMagick and draw pages with pdftoppm.
 */
import type { OcrEngine, OcrOptions, OcrSetting } from '../extract/ocr/engine.js';
import { tesseractEngine } from './ocr-tesseract.js';
import { paddleEngine } from './ocr-paddle.js';

export const OCR_ENGINES = ['paddle', 'tesseract'] as const;
export type OcrEngineName = (typeof OCR_ENGINES)[number];
export const DEFAULT_OCR_ENGINE: OcrEngineName = 'paddle';

const made = new Map<OcrEngineName, OcrEngine>();

export function ocrEngine(name: OcrEngineName = DEFAULT_OCR_ENGINE): OcrEngine {
  let e = made.get(name);
  if (!e) made.set(name, (e = name === 'paddle' ? paddleEngine() : tesseractEngine()));
  return e;
}

/** What `--ocr` and `--ocr-engine` ask for, as the core's options (none when OCR is off). */
export function ocrOptions(mode: OcrSetting = 'auto', name?: OcrEngineName): OcrOptions {
  return { engine: ocrEngine(name), mode };
}
