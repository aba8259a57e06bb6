/**
 * The OCR engine of this process (CLI, audit workers, the language server), made on the first
 * scan and kept: loading a model costs more than reading a page. `tesseract` is the `tesseract`
 * binary; the default is the engine that measured best (bench/ocr-engines.md).
 */
import type { OcrEngine, OcrOptions, OcrSetting } from '../extract/ocr/engine.js';
import { tesseractEngine } from './ocr-tesseract.js';

export const OCR_ENGINES = ['tesseract'] as const;
export type OcrEngineName = (typeof OCR_ENGINES)[number];
export const DEFAULT_OCR_ENGINE: OcrEngineName = 'tesseract';

const made = new Map<OcrEngineName, OcrEngine>();

export function ocrEngine(name: OcrEngineName = DEFAULT_OCR_ENGINE): OcrEngine {
  let e = made.get(name);
  if (!e) made.set(name, (e = tesseractEngine()));
  return e;
}

/** What `--ocr` and `--ocr-engine` ask for, as the core's options (none when OCR is off). */
export function ocrOptions(mode: OcrSetting = 'auto', name?: OcrEngineName): OcrOptions {
  return { engine: ocrEngine(name), mode };
}
