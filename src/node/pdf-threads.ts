/**
 * pdf.js in Node worker threads (see extract/pdf/thread.ts for why): one thread per document in
 * progress, an idle one kept for the next document, a thread ended as soon as its document is
 * given up. Each thread has its own heap limit, so a PDF that makes pdf.js allocate without end
 * ends that thread, not the process.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { PdfThread, PdfThreads } from '../extract/pdf/thread.js';
import { ExtractError } from '../extract/errors.js';

// The thread's whole program: pdf.js's worker side, listening on the port it was given. Inline
// so that it runs the same from dist/ and from the TypeScript sources under test.
const PROGRAM = `
const { workerData } = require('node:worker_threads');
import(workerData.pdfjsWorker).then((m) => m.WorkerMessageHandler.initializeFromPort(workerData.port));
`;

interface NodeThread extends PdfThread {
  worker: Worker;
}

export interface NodePdfThreadOptions {
  /** the heap limit of each thread, in MB */
  memoryMb?: number;
  /** idle threads kept for the next documents */
  keep?: number;
}

export function nodePdfThreads({ memoryMb = 1024, keep = 1 }: NodePdfThreadOptions = {}): PdfThreads {
  const pdfjsWorker = import.meta.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const idle: NodeThread[] = [];

  const start = (): NodeThread => {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(PROGRAM, {
      eval: true,
      workerData: { pdfjsWorker, port: port2 },
      transferList: [port2],
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
      stdout: true, // pdf.js's console warnings are not ours to print
      stderr: true,
    });
    const lost = new Promise<never>((_, reject) => {
      const die = (error?: Error) =>
        reject((error as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ExtractError('pdf-out-of-memory', { limit: String(memoryMb) }) : new ExtractError('pdf-broken', { detail: `pdf.js thread ended: ${error?.message ?? 'exit'}` }));
      worker.once('error', die);
      worker.once('exit', () => die());
    });
    lost.catch(() => {}); // only a document in progress listens for it
    return { port: port1, lost, worker };
  };

  return {
    take() {
      const t = idle.pop() ?? start();
      t.worker.ref();
      (t.port as MessagePort).ref();
      return t;
    },
    give(thread, well) {
      const t = thread as NodeThread;
      if (well && idle.length < keep) {
        // an idle thread does not keep the process alive
        t.worker.unref();
        (t.port as MessagePort).unref();
        idle.push(t);
      } else {
        (t.port as MessagePort).close?.();
        void t.worker.terminate();
      }
    },
  };
}
