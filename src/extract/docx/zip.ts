/**
 * Open a DOCX package (a ZIP) without trusting it. The central directory is read first and
 * the declared uncompressed sizes summed before anything is inflated (a zip bomb stops there);
 * then each entry is inflated in small slices, counting what really comes out, because a
 * hostile entry can declare 1 KB and inflate to gigabytes (fflate's unzipSync would write
 * into a buffer of the declared size and silently drop the rest, so it cannot tell us).
 */
import { Inflate } from 'fflate';
import { ExtractError } from '../errors.js';
import { LIMITS } from '../limits.js';

/** Most a DOCX may expand to, all entries together. A 300-page report is ~10 MB unpacked. */
export const MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;
/** Compressed bytes handed to the inflater at a time: bounds what one step can produce (~1000:1). */
const SLICE = 16 * 1024;

export type Package = Map<string, Uint8Array>;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
const broken = (detail: string) => new ExtractError('docx-broken', { detail });

export function readPackage(bytes: Uint8Array): Package {
  const entries = centralDirectory(bytes);
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > MAX_UNZIPPED_BYTES) throw new ExtractError('docx-too-large', { size: mb(declared), limit: mb(MAX_UNZIPPED_BYTES) });
  // the XML that mammoth would parse, by what the entries declare: refused before inflating it
  const xml = entries.reduce((sum, e) => sum + (/\.(xml|rels)$/i.test(e.name) ? e.size : 0), 0);
  if (xml > LIMITS.docxXmlBytes) throw new ExtractError('docx-xml-too-large', { size: mb(xml), limit: mb(LIMITS.docxXmlBytes) });
  const files: Package = new Map();
  let total = 0;
  for (const e of entries) {
    if (e.name.endsWith('/')) continue; // a directory
    const data = entryData(bytes, e);
    const out = new Uint8Array(e.size);
    let n = 0;
    const take = (chunk: Uint8Array) => {
      total += chunk.length;
      // A lying entry: keep counting (not storing) so that a bomb is called a bomb.
      if (total > MAX_UNZIPPED_BYTES) throw new ExtractError('docx-too-large', { size: `> ${mb(MAX_UNZIPPED_BYTES)}`, limit: mb(MAX_UNZIPPED_BYTES) });
      if (n + chunk.length <= e.size) out.set(chunk, n);
      n += chunk.length;
    };
    if (e.method === 0) take(data);
    else if (e.method === 8) inflate(data, take, e.name);
    else throw broken(`${e.name}: compression method ${e.method}`);
    if (n !== e.size) throw broken(`${e.name}: ${n} bytes, ${e.size} declared`);
    files.set(e.name, out);
  }
  return files;
}

function inflate(data: Uint8Array, take: (chunk: Uint8Array) => void, name: string): void {
  const inflater = new Inflate((chunk) => take(chunk));
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let i = 0; i < data.length; i += SLICE) inflater.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
  } catch (error) {
    if (error instanceof ExtractError) throw error;
    throw broken(`${name}: ${(error as Error).message}`);
  }
}

function centralDirectory(b: Uint8Array): Entry[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (p: number) => view.getUint16(p, true);
  const u32 = (p: number) => view.getUint32(p, true);
  // End of central directory record: last 22 bytes plus at most a 64 KB comment.
  let eocd = -1;
  for (let p = b.length - 22; p >= Math.max(0, b.length - 22 - 65535); p--)
    if (u32(p) === 0x06054b50) {
      eocd = p;
      break;
    }
  if (eocd < 0) throw broken(b.length < 22 ? 'too short' : 'no central directory: truncated or not a ZIP');
  const count = u16(eocd + 10);
  let p = u32(eocd + 16);
  // ZIP64 markers: a DOCX under the 50 MB input cap never needs them; refuse rather than misread.
  if (count === 0xffff || p === 0xffffffff) throw broken('ZIP64 is not supported');
  const entries: Entry[] = [];
  const utf8 = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || u32(p) !== 0x02014b50) throw broken('damaged central directory');
    const nameLen = u16(p + 28);
    const entry: Entry = {
      method: u16(p + 10),
      compressedSize: u32(p + 20),
      size: u32(p + 24),
      name: utf8.decode(b.subarray(p + 46, p + 46 + nameLen)),
      localOffset: u32(p + 42),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw broken('ZIP64 is not supported');
    entries.push(entry);
    p += 46 + nameLen + u16(p + 30) + u16(p + 32);
  }
  return entries;
}

function entryData(b: Uint8Array, e: Entry): Uint8Array {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const p = e.localOffset;
  if (p + 30 > b.length || view.getUint32(p, true) !== 0x04034b50) throw broken(`${e.name}: damaged local header`);
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  if (start + e.compressedSize > b.length) throw broken(`${e.name}: truncated`);
  return b.subarray(start, start + e.compressedSize);
}
