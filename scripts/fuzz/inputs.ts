/**
 * The fuzzer's inputs: input `index` of seed `seed` is always the same bytes, made from the
 * project's own fixtures by one of the mutations below. A failing input is saved with its seed
 * and index, and a regression test regenerates it from them (no large binary in the repository).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rngFor, type Rng } from './rng.js';
import { deepHtml, deepMarkdown, decode, encode, longLine, wideTable, withRuns } from './text.js';
import { mutateDocx } from './docx.js';
import { mutatePdf, synthPdf } from './pdf.js';

export interface Base {
  name: string;
  bytes: Uint8Array;
}

export interface FuzzInput {
  seed: number;
  index: number;
  /** the file name handed to the core (its extension matters when the bytes do not say) */
  name: string;
  mutation: string;
  base: string;
  bytes: Uint8Array;
}

/**
 * The fixtures mutated, fixed by name so that a seed and index keep meaning the same input when
 * fixtures are added. Small PDFs only: every PDF input costs pdf.js time.
 */
export const BASES = [
  'fixtures/seeds/000_82d6f7fdece5d549.txt',
  'fixtures/seeds/002_605866c201a9c82d.txt',
  'fixtures/seeds/004_e501d39fb7faf04c.txt',
  'fixtures/clean/2020-township.txt',
  'fixtures/encoding/003-gbk.txt',
  'fixtures/html/001_9c5af0f5dc6921f6.html',
  'fixtures/clean/2020-department.html',
  'fixtures/markdown/pingtan-zone-2023.md',
  'fixtures/docx/clean-2020-department.docx',
  'fixtures/docx/clean-headings-numbered.docx',
  'fixtures/docx/003_079ed3c1b799cbd0.docx',
  'fixtures/pdf/003_079ed3c1b799cbd0.lo.pdf',
  'fixtures/pdf/clean-2020-department.lo.pdf',
] as const;

export function loadBases(root: string): Base[] {
  return BASES.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(root, name))) }));
}

const ext = (name: string) => name.slice(name.lastIndexOf('.') + 1);
const textBases = (bases: Base[]) => bases.filter((b) => /\.(txt|md|html)$/.test(b.name));

function flipBytes(rng: Rng, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = rng.int(1, 64); i > 0; i--) out[rng.int(0, out.length - 1)] ^= 1 << rng.int(0, 7);
  return out;
}

function splice(rng: Rng, a: Uint8Array, b: Uint8Array): Uint8Array {
  const cut = rng.int(0, a.length);
  const from = rng.int(0, b.length);
  const piece = b.subarray(from, from + rng.int(1, 100_000));
  const out = new Uint8Array(cut + piece.length + (a.length - cut));
  out.set(a.subarray(0, cut));
  out.set(piece, cut);
  out.set(a.subarray(cut), cut + piece.length);
  return out;
}

function repeatSlice(rng: Rng, bytes: Uint8Array): Uint8Array {
  const from = rng.int(0, bytes.length - 1);
  const piece = bytes.subarray(from, from + rng.int(1, 5000));
  const times = Math.floor(rng.int(1000, 10_000_000) / piece.length) + 1;
  const out = new Uint8Array(bytes.length + piece.length * times);
  out.set(bytes.subarray(0, from));
  for (let t = 0; t < times; t++) out.set(piece, from + t * piece.length);
  out.set(bytes.subarray(from), from + times * piece.length);
  return out;
}

function randomBytes(rng: Rng): Uint8Array {
  const kind = rng.int(0, 5);
  const n = rng.int(0, 200_000);
  const out = new Uint8Array(n);
  if (kind === 0) for (let i = 0; i < n; i++) out[i] = rng.int(0, 255);
  else if (kind === 1) for (let i = 0; i < n; i++) out[i] = i % 2 ? rng.int(0x40, 0xfe) : rng.int(0x81, 0xfe); // GBK-looking
  else if (kind === 2) for (let i = 0; i < n; i++) out[i] = rng.int(0x80, 0xff); // invalid UTF-8
  else if (kind === 3) return encode(rng.pick(['', ' ', '\n', '\ufeff', '\ufeff\n\n', '\u3000\u3000', '<html></html>', '<!doctype html>', '%PDF-1.7', 'PK\u0003\u0004']));
  else if (kind === 4) {
    // UTF-16 with a BOM, odd length or not
    const text = '一、总体情况\n本机关共收到申请1件。'.repeat(rng.int(1, 1000));
    const le = rng.chance(0.5);
    const u = new Uint8Array(2 + text.length * 2 + (rng.chance(0.3) ? 1 : 0));
    u.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      u[2 + i * 2] = le ? c & 0xff : c >> 8;
      u[3 + i * 2] = le ? c >> 8 : c & 0xff;
    }
    return u;
  } else for (let i = 0; i < n; i++) out[i] = rng.pick([0x0a, 0x0d, 0x20, 0x09, 0x31, 0xe4, 0xb8, 0x80]);
  return out;
}

type Made = { bytes: Uint8Array; mutation: string; name?: string };

/** The mutations, with weights: format-aware damage more often than plain byte noise. */
const MUTATIONS: [number, (rng: Rng, base: Base, bases: Base[]) => Made][] = [
  [10, (rng, base) => ({ bytes: flipBytes(rng, base.bytes), mutation: 'flip' })],
  [6, (rng, base) => ({ bytes: base.bytes.slice(0, rng.int(0, base.bytes.length)), mutation: 'truncate' })],
  [5, (rng, base, bases) => ({ bytes: splice(rng, base.bytes, rng.pick(bases).bytes), mutation: 'splice' })],
  [3, (rng, base) => ({ bytes: repeatSlice(rng, base.bytes), mutation: 'repeat' })],
  [3, (rng) => ({ bytes: randomBytes(rng), mutation: 'random', name: rng.pick(['x.txt', 'x.html', 'x.md', 'x', 'x.pdf', 'x.docx']) })],
  [10, (rng, _b, bases) => {
    const base = rng.pick(textBases(bases));
    return { bytes: encode(withRuns(rng, decode(base.bytes))), mutation: 'regex-runs', name: base.name };
  }],
  [4, (rng, _b, bases) => ({ bytes: encode(longLine(rng, decode(rng.pick(textBases(bases)).bytes))), mutation: 'long-line', name: rng.pick(['x.txt', 'x.md', 'x.html']) })],
  [4, (rng) => ({ bytes: encode(deepMarkdown(rng)), mutation: 'deep-markdown', name: 'x.md' })],
  [4, (rng) => ({ bytes: encode(deepHtml(rng)), mutation: 'deep-html', name: 'x.html' })],
  [4, (rng) => {
    const t = wideTable(rng);
    return { bytes: encode(t.text), mutation: `wide-table-${t.ext}`, name: `x.${t.ext}` };
  }],
  [14, (rng, _b, bases) => {
    const base = rng.pick(bases.filter((b) => b.name.endsWith('.docx')));
    return { ...mutateDocx(rng, base.bytes), name: base.name };
  }],
  [9, (rng, _b, bases) => {
    const base = rng.pick(bases.filter((b) => b.name.endsWith('.pdf')));
    return { ...mutatePdf(rng, base.bytes), name: base.name };
  }],
  [6, (rng, _b, bases) => ({ ...synthPdf(rng, decode(rng.pick(bases.filter((b) => b.name.endsWith('.txt') && !b.name.includes('gbk'))).bytes)), name: 'x.pdf' })],
];
const TOTAL = MUTATIONS.reduce((n, [w]) => n + w, 0);

export function fuzzInput(seed: number, index: number, bases: Base[]): FuzzInput {
  const rng = rngFor(seed, index);
  const base = rng.pick(bases);
  let roll = rng.next() * TOTAL;
  const [, make] = MUTATIONS.find(([w]) => (roll -= w) < 0) ?? MUTATIONS[0];
  const made = make(rng, base, bases);
  const name = made.name ?? base.name;
  return { seed, index, name: `fuzz-${seed}-${index}.${ext(name)}`, mutation: made.mutation, base: made.name ?? base.name, bytes: made.bytes };
}
