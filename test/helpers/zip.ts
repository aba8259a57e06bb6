/** A ZIP's entries as stored (local header and compressed data), read from its central directory. */
export interface RawEntry {
  name: string;
  /** the local header, name, extra field and compressed data, byte for byte */
  raw: Buffer;
  method: number;
  crc: number;
}

export function rawEntries(zip: Buffer): Map<string, RawEntry> {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a ZIP');
  const count = zip.readUInt16LE(eocd + 10);
  const out = new Map<string, RawEntry>();
  for (let i = 0, p = zip.readUInt32LE(eocd + 16); i < count; i++) {
    const nameLen = zip.readUInt16LE(p + 28);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const compressed = zip.readUInt32LE(p + 20);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.set(name, { name, raw: zip.subarray(local, start + compressed), method: zip.readUInt16LE(p + 10), crc: zip.readUInt32LE(p + 16) });
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}
