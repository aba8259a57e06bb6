/**
 * Before pdf.js reads a PDF: its page content streams, inflated with a cap, scanned for graphics
 * state saves (`q`) nested past any real drawing. pdf.js keeps each saved state as a prototype of
 * the next, so every look-up walks the chain: 60,000 nested `q` take it minutes, in promise
 * callbacks that leave no turn for a timer, so no time budget can stop it. Real pages nest a few
 * levels (PDF's own implementation limit is 28).
 */
import { Inflate } from 'fflate';
import { ExtractError } from '../errors.js';

export const MAX_STATE_DEPTH = 1000;
/** inflated bytes scanned in all (a 300-page report's content streams come to a few MB) */
const MAX_SCANNED = 64 * 1024 * 1024;

/** arrays and dictionaries nested in the file's objects (real files nest a handful) */
export const MAX_OBJECT_DEPTH = 500;

export function prescanPdf(bytes: Uint8Array): void {
  const text = new TextDecoder('latin1').decode(bytes);
  checkObjectDepth(text);
  let scanned = 0;
  for (let at = text.indexOf('stream'); at >= 0 && scanned < MAX_SCANNED; at = text.indexOf('stream', at + 6)) {
    if (text.startsWith('endstream', at - 3)) continue;
    let start = at + 6;
    if (text[start] === '\r') start++;
    if (text[start] !== '\n') continue;
    start++;
    const dict = text.slice(Math.max(0, at - 1024), at);
    const open = dict.lastIndexOf('<<');
    const head = open >= 0 ? dict.slice(open) : dict;
    // images, fonts, metadata, object streams: not page content
    if (/\/(Subtype\s*\/Image|Length[123]\b|Type\s*\/(XRef|ObjStm|Metadata|EmbeddedFile)|FontFile|DecodeParms)/.test(head)) continue;
    const filter = /\/Filter\s*(\[?\s*\/\w+[^\]>]*\]?)/.exec(head)?.[1] ?? '';
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const raw = bytes.subarray(start, end);
    let content: Uint8Array | null = null;
    if (filter === '') content = raw;
    else if (/^\[?\s*\/(FlateDecode|Fl)\s*\]?$/.test(filter.trim())) content = inflateCapped(raw, MAX_SCANNED - scanned);
    if (!content) continue;
    scanned += content.length;
    checkStateDepth(content);
    at = end;
  }
}

function inflateCapped(data: Uint8Array, cap: number): Uint8Array | null {
  const parts: Uint8Array[] = [];
  let size = 0;
  const inflater = new Inflate((chunk) => {
    if (size < cap) parts.push(chunk);
    size += chunk.length;
  });
  try {
    for (let i = 0; i < data.length && size < cap; i += 16384) inflater.push(data.subarray(i, i + 16384), i + 16384 >= data.length);
  } catch {
    return parts.length ? join(parts) : null; // damaged or encrypted: what inflated so far, pdf.js judges the rest
  }
  return join(parts);
}

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
}

/**
 * Arrays and dictionaries nested in the objects outside streams: pdf.js parses them by recursion,
 * in one synchronous step that no timer interrupts, so a file that opens thousands (a slice of
 * `<<` repeated) would hold the thread for minutes.
 */
function checkObjectDepth(t: string): void {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x5b || (c === 0x3c && t.charCodeAt(i + 1) === 0x3c)) {
      if (c === 0x3c) i++;
      if (++depth > MAX_OBJECT_DEPTH) throw new ExtractError('pdf-too-deep-objects', { limit: String(MAX_OBJECT_DEPTH) });
    } else if (c === 0x5d || (c === 0x3e && t.charCodeAt(i + 1) === 0x3e)) {
      if (c === 0x3e) i++;
      depth = Math.max(0, depth - 1);
    } else if (c === 0x3c) {
      const end = t.indexOf('>', i); // a hex string
      if (end < 0) return;
      i = end;
    } else if (c === 0x28) {
      let nest = 1; // a string, escapes and nested parentheses minded
      for (i++; i < t.length && nest > 0; i++) {
        const d = t.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x28) nest++;
        else if (d === 0x29) nest--;
      }
      i--;
    } else if (c === 0x25) {
      const end = t.indexOf('\n', i); // a comment
      if (end < 0) return;
      i = end;
    } else if (c === 0x73 && t.startsWith('stream', i) && !t.startsWith('endstream', i - 3)) {
      const end = t.indexOf('endstream', i + 6); // stream data is not objects
      if (end < 0) return;
      i = end + 8;
    }
  }
}

/** `q` and `Q` as operators (not in strings): the deepest nesting. */
function checkStateDepth(c: Uint8Array): void {
  const DELIM = (b: number | undefined) => b === undefined || b <= 32 || b === 0x28 || b === 0x29 || b === 0x3c || b === 0x3e || b === 0x5b || b === 0x5d || b === 0x2f || b === 0x25;
  let depth = 0;
  for (let i = 0; i < c.length; i++) {
    const b = c[i];
    if (b === 0x28) {
      // a string: skip to its end, minding escapes and nested parentheses
      let nest = 1;
      for (i++; i < c.length && nest > 0; i++) {
        if (c[i] === 0x5c) i++;
        else if (c[i] === 0x28) nest++;
        else if (c[i] === 0x29) nest--;
      }
      i--;
    } else if ((b === 0x71 || b === 0x51) && DELIM(c[i - 1]) && DELIM(c[i + 1])) {
      depth = b === 0x71 ? depth + 1 : Math.max(0, depth - 1);
      if (depth > MAX_STATE_DEPTH) throw new ExtractError('pdf-too-deep', { limit: String(MAX_STATE_DEPTH) });
    }
  }
}
