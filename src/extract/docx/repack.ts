/**
 * A ZIP with one entry's content replaced and every other entry kept byte for byte: its local
 * header, its compressed data and its data descriptor are copied as they are, and its central
 * directory record too, with only the offset of its local header moved. Recompressing with a
 * zip library would give other bytes for the same content (another deflate, other timestamps and
 * flags), and Word and WPS keep more in a package than any library knows.
 *
 * The package was opened by readPackage (zip.ts) first, which refused ZIP64 and damaged headers.
 */
import { deflateSync } from 'fflate';

// a copy with a buffer of its own (a Node Buffer's slice shares its parent's)
const copy = (a: Uint8Array) => new Uint8Array(a);
const u16 = (v: DataView, p: number) => v.getUint16(p, true);
const u32 = (v: DataView, p: number) => v.getUint32(p, true);

interface Record {
  /** the central directory record, as it is */
  central: Uint8Array;
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  localOffset: number;
}

export function replaceEntry(zip: Uint8Array, name: string, content: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let p = zip.length - 22; p >= Math.max(0, zip.length - 22 - 65535); p--)
    if (u32(view, p) === 0x06054b50) {
      eocd = p;
      break;
    }
  if (eocd < 0) throw new Error('no end of central directory');
  const count = u16(view, eocd + 10);
  const cdStart = u32(view, eocd + 16);
  const records: Record[] = [];
  const utf8 = new TextDecoder('utf-8');
  for (let i = 0, p = cdStart; i < count; i++) {
    if (u32(view, p) !== 0x02014b50) throw new Error('damaged central directory');
    const len = 46 + u16(view, p + 28) + u16(view, p + 30) + u16(view, p + 32);
    records.push({
      central: zip.subarray(p, p + len),
      name: utf8.decode(zip.subarray(p + 46, p + 46 + u16(view, p + 28))),
      flags: u16(view, p + 8),
      method: u16(view, p + 10),
      compressedSize: u32(view, p + 20),
      localOffset: u32(view, p + 42),
    });
    p += len;
  }
  if (!records.some((r) => r.name === name)) throw new Error(`no entry ${name}`);

  const parts: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const r of records) {
    const local = r.localOffset;
    if (u32(view, local) !== 0x04034b50) throw new Error(`${r.name}: damaged local header`);
    const headerLen = 30 + u16(view, local + 26) + u16(view, local + 28);
    const central = copy(r.central);
    const cview = new DataView(central.buffer);
    if (r.name !== name) {
      let end = local + headerLen + r.compressedSize;
      // bit 3: sizes and CRC follow the data, with or without the descriptor's signature
      if (r.flags & 8) end += u32(view, end) === 0x08074b50 ? 16 : 12;
      parts.push(zip.subarray(local, end));
      cview.setUint32(42, offset, true);
      offset += end - local;
    } else {
      // stored stays stored; anything else becomes deflate, as Word writes it
      const stored = r.method === 0;
      const data = stored ? content : deflateSync(content, { level: 6 });
      const header = copy(zip.subarray(local, local + headerLen));
      const hview = new DataView(header.buffer);
      const crc = crc32(content);
      const flags = r.flags & ~8; // sizes in the header now: no data descriptor
      hview.setUint16(6, flags, true);
      hview.setUint16(8, stored ? 0 : 8, true);
      hview.setUint32(14, crc, true);
      hview.setUint32(18, data.length, true);
      hview.setUint32(22, content.length, true);
      cview.setUint16(8, flags, true);
      cview.setUint16(10, stored ? 0 : 8, true);
      cview.setUint32(16, crc, true);
      cview.setUint32(20, data.length, true);
      cview.setUint32(24, content.length, true);
      cview.setUint32(42, offset, true);
      parts.push(header, data);
      offset += header.length + data.length;
    }
    centrals.push(central);
  }
  const cdOffset = offset;
  const cdSize = centrals.reduce((s, c) => s + c.length, 0);
  const end = copy(zip.subarray(eocd, zip.length));
  const eview = new DataView(end.buffer);
  eview.setUint32(12, cdSize, true);
  eview.setUint32(16, cdOffset, true);
  const out = new Uint8Array(offset + cdSize + end.length);
  let p = 0;
  for (const part of [...parts, ...centrals, end]) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

let table: Uint32Array | undefined;
export function crc32(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
