/**
 * A corrected text written back as its file was: the same encoding and byte-order mark, so that
 * every byte outside the corrections stays as it was (a GBK page stays GBK, its <meta charset>
 * still true). Only when the original text encodes back to exactly the original bytes: a file
 * with bytes that decoding replaced (U+FFFD) cannot be rewritten without changing them.
 */
import iconv from 'iconv-lite';

const BOMS: Array<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

export function encodeLike(original: Uint8Array, encoding: string | undefined, text: string, fixed: string): Uint8Array | null {
  const bom = BOMS.find(([b]) => b.every((x, i) => original[i] === x));
  const enc = bom?.[1] ?? encoding ?? 'utf-8';
  const prefix = bom ? Uint8Array.from(bom[0]) : new Uint8Array(0);
  const encode = (s: string): Uint8Array => {
    const body = /^utf-?8$/i.test(enc) ? new TextEncoder().encode(s) : new Uint8Array(iconv.encode(s, enc));
    const out = new Uint8Array(prefix.length + body.length);
    out.set(prefix);
    out.set(body, prefix.length);
    return out;
  };
  if (!same(encode(text), original)) return null;
  return encode(fixed);
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
