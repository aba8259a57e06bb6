/**
 * Open a PDF with pdf.js (legacy build: it runs on Node 20) and read each page's text items
 * and drawing operators. pdf.js errors become the core's fatal reasons.
 */
import { getDocument, type PDFDocumentProxy, type PDFPageProxy, type PDFWorker } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ExtractError } from '../errors.js';
import { LIMITS } from '../limits.js';
import { prescanPdf } from './prescan.js';
import { containPdfjsRejections } from './contain.js';
import { NO_DEADLINE, type Deadline } from '../deadline.js';
import type { OperatorList } from './rulings.js';
import { openOn, type PdfThreads } from './thread.js';
import { pagePicture, type PagePicture } from './pictures.js';

export interface RawItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  /** read by OCR below its confidence threshold (extract/ocr/page.ts) */
  unsure?: boolean;
}

export interface RawPage {
  number: number;
  width: number;
  height: number;
  items: RawItem[];
  ops: OperatorList;
  /** the scan the page is, when it was asked for (extract/pdf/pictures.ts) */
  picture?: PagePicture | null;
}

/**
 * Which pages' pictures to take for OCR: none; only those of pages with (almost) no text — the
 * default, which costs a PDF with a text layer nothing; or every page's.
 */
export type PictureWanted = 'none' | 'textless' | 'all';

/** A page with fewer visible characters than this has no real text layer (a scan). */
export const MIN_PAGE_CHARS = 10;

export const visibleChars = (items: RawItem[]) => items.reduce((m, it) => m + it.str.replace(/\s/g, '').length, 0);

/**
 * Where pdf.js finds its CMaps and standard fonts. Chinese PDFs with non-embedded fonts
 * (STSong-Light, UniGB-UCS2-H) give empty text without them. On Node these are folder paths
 * inside pdfjs-dist; a browser, where the page may fetch nothing, passes readers of its own
 * (pdf.js's CMapReaderFactory and StandardFontDataFactory options) over data it carries.
 */
export interface PdfAssets {
  cMapUrl: string;
  standardFontDataUrl: string;
  CMapReaderFactory?: object;
  StandardFontDataFactory?: object;
}

function defaultAssets(): PdfAssets {
  const root = decodeURIComponent(new URL('./', import.meta.resolve('pdfjs-dist/package.json')).pathname);
  return { cMapUrl: `${root}cmaps/`, standardFontDataUrl: `${root}standard_fonts/` };
}

export async function loadPdf(bytes: Uint8Array, assets: PdfAssets = defaultAssets(), budget: Deadline = NO_DEADLINE, threads?: PdfThreads, pictures: PictureWanted = 'none'): Promise<RawPage[]> {
  prescanPdf(bytes);
  containPdfjsRejections();
  if (!threads) return readPages(bytes, assets, budget, undefined, pictures);
  const use = openOn(threads, budget);
  let well = false;
  try {
    const pages = await readPages(bytes, assets, use.deadline, use.worker, pictures);
    well = true;
    return pages;
  } finally {
    // a document given up (budget, limit, damage) may have left pdf.js busy: its thread is ended
    use.close(well);
  }
}

async function readPages(bytes: Uint8Array, assets: PdfAssets, deadline: Deadline, worker: PDFWorker | undefined, pictures: PictureWanted): Promise<RawPage[]> {
  let doc: PDFDocumentProxy;
  try {
    // pdf.js may transfer the buffer it is given: hand it a copy so the caller's bytes stay usable.
    const task = getDocument({ data: new Uint8Array(bytes), cMapPacked: true, verbosity: 0, isEvalSupported: false, isOffscreenCanvasSupported: false, isImageDecoderSupported: false, ...assets, ...(worker ? { worker } : {}) });
    doc = await deadline.within(task.promise).catch((error) => {
      void task.destroy().catch(() => {}); // stop pdf.js's work on it
      throw error;
    });
  } catch (error) {
    throw toExtractError(error);
  }
  try {
    if (doc.numPages > LIMITS.pages) throw new ExtractError('too-many-pages', { pages: String(doc.numPages), limit: String(LIMITS.pages) });
    const pages: RawPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      deadline.check();
      const page = await deadline.within(doc.getPage(n));
      const [x0, y0, x1, y1] = page.view;
      const text = await textOf(page, n, deadline);
      deadline.check();
      const ops = await deadline.within(page.getOperatorList());
      if (ops.fnArray.length > LIMITS.pageOperators) throw dense(n, ops.fnArray.length.toLocaleString('en-US'), LIMITS.pageOperators, '绘图指令', 'drawing operators');
      const items = (text as RawItem[]).filter((it) => typeof it.str === 'string' && it.str.trim() !== '');
      const wanted = pictures === 'all' || (pictures === 'textless' && visibleChars(items) < MIN_PAGE_CHARS);
      const picture = wanted ? await pagePicture(page, ops, deadline) : undefined;
      pages.push({ number: n, width: x1 - x0, height: y1 - y0, items, ops, ...(wanted ? { picture } : {}) });
      page.cleanup();
    }
    await doc.destroy();
    return pages;
  } catch (error) {
    // given up (a limit, the budget, a damaged stream): pdf.js is told to stop, not waited for
    void doc.destroy().catch(() => {});
    throw toExtractError(error);
  }
}

/**
 * A page's text items, read as a stream so that a page of a million pieces is given up after the
 * limit's worth, not after pdf.js has read them all.
 */
async function textOf(page: PDFPageProxy, n: number, deadline: Deadline): Promise<unknown[]> {
  const reader = page.streamTextContent().getReader();
  const items: unknown[] = [];
  for (;;) {
    const { value, done } = await deadline.within(reader.read());
    if (done) return items;
    for (const it of (value as { items: unknown[] }).items) items.push(it);
    if (items.length > LIMITS.pageItems) {
      await reader.cancel(new Error('page too dense'));
      throw dense(n, `> ${LIMITS.pageItems.toLocaleString('en-US')}`, LIMITS.pageItems, '文字片段', 'text pieces');
    }
    deadline.check();
  }
}

const dense = (page: number, size: string, limit: number, what: string, whatEn: string) =>
  new ExtractError('page-too-dense', { page: String(page), size, limit: limit.toLocaleString('en-US'), what, whatEn });

function toExtractError(error: unknown): ExtractError {
  if (error instanceof ExtractError) return error;
  const e = error as { name?: string; message?: string };
  if (e?.name === 'PasswordException') return new ExtractError('pdf-encrypted');
  return new ExtractError('pdf-broken', { detail: e?.message ?? String(error) });
}
