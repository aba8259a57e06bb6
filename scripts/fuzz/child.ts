/**
 * One fuzzing process: regenerates each input it is sent from the seed and index, lints it as
 * `check` would, and reports what came back. Anything escaping the core (a rejection, an
 * uncaught error, an abort) is a crash; the parent kills this process when an input overruns.
 */
import { lintBytes } from '../../src/engine/lint.js';
import { pdfThreads } from '../../src/index.js';
import { isPdfjsEcho } from '../../src/extract/pdf/contain.js';
import { fuzzInput, loadBases } from './inputs.js';

const root = process.argv[2] ?? process.cwd();
const seed = Number(process.argv[3] ?? 1);
const budget = Number(process.argv[4] ?? 6000);
const bases = loadBases(root);
const send = (message: object) => process.send?.(message);
/** sent and flushed before the lint starts, so that the parent's clock starts with it */
const sendNow = (message: object) => new Promise<void>((done) => (process.send ? process.send(message, () => done()) : done()));

const fail = (kind: string) => (error: unknown) => {
  send({ type: 'crash', detail: `${kind}: ${(error as Error)?.stack ?? String(error)}` });
  process.exit(70);
};
process.on('uncaughtException', fail('uncaught exception'));
// pdf.js's unreachable echoes are dropped by the core's own handler (src/extract/pdf/contain.ts),
// so they end no process; every other unhandled rejection is a crash
process.on('unhandledRejection', (reason) => isPdfjsEcho(reason) || fail('unhandled rejection')(reason));

process.on('message', async (message: { index: number }) => {
  const input = fuzzInput(seed, message.index, bases);
  await sendNow({ type: 'start', index: input.index, mutation: input.mutation, size: input.bytes.length });
  const started = performance.now();
  try {
    // as `check` runs a file, with a time budget inside the hang limit: a file over it ends with
    // the 'too-slow' reason, which the summary counts apart (the limits should leave none)
    const result = await lintBytes(input.bytes, { filePath: input.name, timeLimit: budget, pdfThreads: pdfThreads() });
    const fatal = result.messages.find((m) => m.fatal);
    send({
      type: 'done',
      index: input.index,
      outcome: result.fatal ? 'fatal' : 'ok',
      reason: fatal?.message,
      overBudget: /检查超时/.test(fatal?.message ?? ''),
      ms: performance.now() - started,
      rss: process.memoryUsage().rss,
    });
  } catch (error) {
    send({ type: 'done', index: input.index, outcome: 'crash', reason: `lintBytes threw: ${(error as Error)?.stack ?? String(error)}`, ms: performance.now() - started, rss: process.memoryUsage().rss });
  }
});
send({ type: 'ready' });
