/**
 * pdf.js rejects promises of its own that no caller can reach: after a page's read has failed on a
 * damaged cross-reference table, the lazy fetches still racing for its fonts and images reject
 * with XRefEntryException and the like, and in Node (where pdf.js runs its worker in the same
 * thread) an unhandled rejection ends the process. The file has its fatal reason already; these
 * echoes are dropped — exactly these: one of pdf.js's own exception classes, raised in pdf.js's
 * code. Any other unhandled rejection is rethrown, which is Node's own behaviour. (In a browser
 * pdf.js runs in a Web Worker, and its rejections stay there.)
 */
const PDFJS_EXCEPTIONS = new Set([
  'AbortException', 'DNLMarkerError', 'EOIMarkerError', 'FormatError', 'InvalidPDFException', 'Jbig2Error', 'JpegError', 'JpxError',
  'MissingDataException', 'ParserEOFException', 'PasswordException', 'ResponseException', 'UnknownErrorException', 'XRefEntryException', 'XRefParseException',
]);

export function isPdfjsEcho(reason: unknown): boolean {
  const e = reason as { name?: unknown; stack?: unknown } | null;
  return !!e && typeof e.name === 'string' && PDFJS_EXCEPTIONS.has(e.name) && typeof e.stack === 'string' && /pdfjs-dist[\\/]/.test(e.stack);
}

let installed = false;

export function containPdfjsRejections(): void {
  if (installed) return;
  installed = true;
  const node = (globalThis as { process?: { on?: (event: string, f: (reason: unknown) => void) => void } }).process;
  if (typeof node?.on !== 'function') return;
  node.on('unhandledRejection', (reason) => {
    if (isPdfjsEcho(reason)) return;
    throw reason;
  });
}
