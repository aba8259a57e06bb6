/**
 * A Word draft with corrections applied, bytes in, bytes out: word/document.xml's own `<w:t>`
 * elements are edited, nothing else. Of each edit only the characters that change are replaced
 * (2021 → 2020 changes the 1), so a number split across runs (「2」「0」「21」, each with its own
 * rsid) keeps its runs and only the run holding the changed digit differs. New text goes into the
 * run of the first character it replaces, with that run's formatting. Every other entry of the
 * package keeps its bytes (repack.ts).
 */
import type { WordEdit } from '../../types.js';
import { readPackage } from './zip.js';
import { mainDocument } from './parts.js';
import { replaceEntry } from './repack.js';
import { escapeXml, wordParagraphs, type WordParagraph } from './paragraphs.js';

/** The package with the edits made, or null if one of them no longer finds its text. */
export function rewriteDocx(bytes: Uint8Array, edits: WordEdit[]): Uint8Array | null {
  const pkg = readPackage(bytes);
  const main = mainDocument(pkg);
  if (!main) return null;
  const xml = new TextDecoder('utf-8').decode(pkg.get(main)!);
  const fixed = applyWordEdits(xml, edits);
  if (fixed === null) return null;
  return replaceEntry(bytes, main, new TextEncoder().encode(fixed));
}

interface RawEdit {
  start: number;
  end: number;
  text: string;
}

export function applyWordEdits(xml: string, edits: WordEdit[]): string | null {
  const paragraphs = wordParagraphs(xml);
  const raw: RawEdit[] = [];
  for (const e of edits) {
    const p = paragraphs[e.xmlParagraph - 1];
    if (!p || p.complex || !p.text.startsWith(e.from, e.offset)) return null;
    const made = editRuns(xml, p, e);
    if (!made) return null;
    raw.push(...made);
  }
  raw.sort((a, b) => b.start - a.start);
  for (let i = 1; i < raw.length; i++) if (raw[i].end > raw[i - 1].start) return null; // overlapping edits
  let out = xml;
  for (const r of raw) out = out.slice(0, r.start) + r.text + out.slice(r.end);
  return out;
}

function editRuns(xml: string, p: WordParagraph, e: WordEdit): RawEdit[] | null {
  // only what differs: the common head and tail of the old and new text stay where they are
  let head = 0;
  while (head < e.from.length && head < e.text.length && e.from[head] === e.text[head]) head++;
  let tail = 0;
  while (tail < e.from.length - head && tail < e.text.length - head && e.from[e.from.length - 1 - tail] === e.text[e.text.length - 1 - tail]) tail++;
  const start = e.offset + head;
  const end = e.offset + e.from.length - tail;
  const insert = e.text.slice(head, e.text.length - tail);
  if (start === end && insert === '') return [];
  // the <w:t> characters of [start, end), node by node; a pure insertion goes after the character before
  const touched = new Map<number, [number, number]>();
  for (let i = start; i < end; i++) {
    const o = p.owner[i];
    if (!o) return null;
    const r = touched.get(o[0]);
    touched.set(o[0], r ? [r[0], o[1] + 1] : [o[1], o[1] + 1]);
  }
  if (start === end) {
    const before = p.owner[start - 1];
    const after = p.owner[start];
    if (before) touched.set(before[0], [before[1] + 1, before[1] + 1]);
    else if (after) touched.set(after[0], [after[1], after[1]]);
    else return null;
  }
  const out: RawEdit[] = [];
  let first = true;
  for (const [index, [a, b]] of [...touched].sort((x, y) => x[0] - y[0])) {
    const node = p.nodes[index];
    const text = first ? insert : '';
    first = false;
    out.push({ start: node.contentStart + node.raw[a], end: node.contentStart + node.raw[b], text: escapeXml(text) });
    // Word drops leading and trailing spaces of a <w:t> unless told to keep them
    const after = node.text.slice(0, a) + text + node.text.slice(b);
    const open = xml.slice(node.openStart, node.openEnd);
    if (/^\s|\s$/.test(after) && !/xml:space\s*=\s*["']preserve["']/.test(open)) out.push({ start: node.openStart, end: node.openStart + '<w:t'.length, text: '<w:t xml:space="preserve"' });
  }
  return out;
}
