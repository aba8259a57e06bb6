/**
 * pdf.js's parser run apart from the caller: a Node worker thread, a browser Web Worker. Without
 * one, pdf.js parses in the caller's own thread, and a font or stream that takes it seconds of
 * synchronous work (a CFF font with tens of thousands of glyphs: its compiler is quadratic)
 * holds every timer, so no time budget can stop it. Apart, the caller's budget fires on time and
 * the thread is ended. The core only asks for a port; the host (CLI, audit, language server)
 * decides what a thread is, so the core still touches no process.
 */
import { PDFWorker } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Deadline } from '../deadline.js';

export interface PdfThread {
  /** what pdf.js's main side talks through: a MessagePort, or a Web Worker */
  port: unknown;
  /** rejects if the thread dies on its own (out of memory, crashed) */
  lost: Promise<never>;
}

export interface PdfThreads {
  take(): PdfThread;
  /** back from one document: kept for the next if it ended well, ended (terminated) if not */
  give(thread: PdfThread, well: boolean): void;
}

/** One document's use of a thread: the pdf.js worker object on its port, and a budget that also stops if the thread dies. */
export function openOn(threads: PdfThreads, deadline: Deadline) {
  const thread = threads.take();
  // PDFWorker.create keeps one worker object per port, so a kept thread is reused as it is
  const worker = PDFWorker.create({ port: thread.port as never });
  const guarded: Deadline = {
    check: () => deadline.check(),
    within: (promise) => deadline.within(Promise.race([promise, thread.lost])),
    extend: (ms) => deadline.extend(ms),
  };
  return {
    worker,
    deadline: guarded,
    close(well: boolean) {
      if (!well) worker.destroy();
      threads.give(thread, well);
    },
  };
}
