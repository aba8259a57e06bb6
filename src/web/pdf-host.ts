/**
 * pdf.js in the browser, as the CLI has it in Node (src/node/pdf-threads.ts): its parser in a
 * thread of its own — here a Web Worker started from pdf.js's own worker code, which the bundle
 * carries — and its CMaps and standard fonts read from data the bundle carries too. The page may
 * fetch nothing (its Content-Security-Policy has connect-src 'none'), and a page opened from disk
 * may not start a worker from a file URL, so both come from memory.
 */
import type { PdfThread, PdfThreads } from '../extract/pdf/thread.js';
import type { PdfAssets } from '../extract/pdf/load.js';
import { ExtractError } from '../extract/errors.js';
import { PDF_WORKER_SOURCE, CMAPS, STANDARD_FONTS } from 'reportlint-web:pdf-data';

interface BrowserThread extends PdfThread {
  worker: Worker;
}

export function browserPdfThreads(keep = 1): PdfThreads {
  let url: string | undefined;
  const idle: BrowserThread[] = [];
  const start = (): BrowserThread => {
    url ??= URL.createObjectURL(new Blob([PDF_WORKER_SOURCE], { type: 'text/javascript' }));
    const worker = new Worker(url);
    const lost = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => reject(new ExtractError('pdf-broken', { detail: `pdf.js worker ended: ${e.message ?? 'error'}` })));
    });
    lost.catch(() => {}); // only a document in progress listens for it
    return { port: worker, lost, worker };
  };
  return {
    take: () => idle.pop() ?? start(),
    give(thread, well) {
      const t = thread as BrowserThread;
      if (well && idle.length < keep) idle.push(t);
      else t.worker.terminate();
    },
  };
}

const bytesOf = (base64: string): Uint8Array => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

/** pdf.js's factory interface: `fetch({ name })` for a CMap, `fetch({ filename })` for a font. */
class CMapFromBundle {
  async fetch({ name }: { name: string }) {
    const data = CMAPS[name];
    if (data === undefined) throw new Error(`no CMap ${name} in the page`);
    return { cMapData: bytesOf(data), isCompressed: true };
  }
}

class FontFromBundle {
  async fetch({ filename }: { filename: string }) {
    const data = STANDARD_FONTS[filename];
    if (data === undefined) throw new Error(`no standard font ${filename} in the page`);
    return bytesOf(data);
  }
}

export const browserPdfAssets: PdfAssets = {
  // the URLs are only names here: pdf.js asks the factories, which never fetch
  cMapUrl: 'bundled:cmaps/',
  standardFontDataUrl: 'bundled:standard_fonts/',
  CMapReaderFactory: CMapFromBundle,
  StandardFontDataFactory: FontFromBundle,
};
