/**
 * Damaged and synthetic PDFs: bytes flipped inside compressed streams, cross-reference tables and
 * trailers broken, and PDFs written from nothing (thousands of pages, a page of a million ruling
 * lines or text items, nesting thousands deep, absurd boxes and numbers, a page tree that loops).
 * Synthetic text uses STSong-Light with UniGB-UCS2-H, so it carries real report sentences.
 */
import type { Rng } from './rng.js';

const latin1 = new TextDecoder('latin1');
const toBytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

export function mutatePdf(rng: Rng, bytes: Uint8Array): { bytes: Uint8Array; mutation: string } {
  const s = latin1.decode(bytes);
  const how = rng.int(0, 4);
  if (how === 0) {
    // flip bytes inside stream data
    const streams = [...s.matchAll(/stream\r?\n/g)].map((m) => m.index! + m[0].length);
    const out = new Uint8Array(bytes);
    for (let i = rng.int(1, 30); i > 0 && streams.length; i--) {
      const start = rng.pick(streams);
      out[Math.min(out.length - 1, start + rng.int(0, 2000))] ^= 1 << rng.int(0, 7);
    }
    return { bytes: out, mutation: 'pdf:stream-flip' };
  }
  if (how === 1) {
    // break the cross-reference table or the trailer
    const edits: [RegExp, () => string][] = [
      [/startxref\s+\d+/, () => `startxref\n${rng.pick([0, 1, 999999999, rng.int(0, bytes.length)])}`],
      [/\/Size \d+/, () => `/Size ${rng.pick(['0', '2147483647', '-1', '99999999999'])}`],
      [/\/Root \d+ 0 R/, () => `/Root ${rng.int(0, 100000)} 0 R`],
      [/\/Count \d+/, () => `/Count ${rng.pick(['0', '2147483647', '-5', '100000000'])}`],
      [/\/Length \d+/, () => `/Length ${rng.pick(['0', '1', '99999999', '-1'])}`],
      [/xref/, () => 'xrxf'],
      [/\/Filter\s*\/FlateDecode/, () => rng.pick(['/Filter /LZWDecode', '/Filter /ASCII85Decode', '/Filter [/FlateDecode /FlateDecode /FlateDecode]', '/Filter /DCTDecode'])],
    ];
    let t = s;
    for (let i = rng.int(1, 3); i > 0; i--) {
      const [re, by] = rng.pick(edits);
      t = rng.chance(0.5) ? t.replace(re, by) : t.replace(new RegExp(re.source, 'g'), (m) => (rng.chance(0.3) ? by() : m));
    }
    return { bytes: toBytes(t), mutation: 'pdf:xref' };
  }
  if (how === 2) {
    const out = bytes.slice(0, rng.int(8, bytes.length));
    return { bytes: out, mutation: 'pdf:truncate' };
  }
  if (how === 3) {
    const out = new Uint8Array(bytes);
    for (let i = rng.int(1, 200); i > 0; i--) out[rng.int(0, out.length - 1)] = rng.int(0, 255);
    return { bytes: out, mutation: 'pdf:flip' };
  }
  // an object copied over another place (overlapping objects, duplicate ids)
  const cut = rng.int(0, s.length);
  const len = rng.int(1, 20_000);
  const from = rng.int(0, s.length);
  return { bytes: toBytes(s.slice(0, cut) + s.slice(from, from + len) + s.slice(cut)), mutation: 'pdf:splice' };
}

/** UTF-16BE hex of a text, for UniGB-UCS2-H. */
const hex = (text: string) => [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');

function writePdf(pageStreams: string[], options: { mediaBox?: string; extraPageKeys?: string; loopTree?: boolean; count?: string } = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) ;
  add('<< /Type /Catalog /Pages 2 0 R >>'); // 1
  add(''); // 2: pages, filled below
  add('<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>'); // 3
  add('<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 >>'); // 4
  const kids: number[] = [];
  for (const stream of pageStreams) {
    const content = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
    const page = add(`<< /Type /Page /Parent 2 0 R /MediaBox ${options.mediaBox ?? '[0 0 595 842]'} /Resources << /Font << /F1 3 0 R >> >> /Contents ${content} 0 R ${options.extraPageKeys ?? ''} >>`);
    kids.push(page);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}${options.loopTree ? ' 2 0 R 1 0 R' : ''}] /Count ${options.count ?? kids.length} >>`;
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // the offsets count UTF-16 code units of an ASCII-only string: every character here is ASCII
  return toBytes(out);
}

/** A page of text lines (report sentences) and, optionally, a grid of ruling lines. */
function textPage(lines: string[], grid?: { rows: number; cols: number }): string {
  let s = 'BT /F1 10 Tf\n';
  lines.forEach((line, i) => {
    s += `1 0 0 1 50 ${800 - (i % 75) * 10} Tm <${hex(line.slice(0, 200))}> Tj\n`;
  });
  s += 'ET\n';
  if (grid) {
    const w = 500 / Math.max(1, grid.cols);
    const h = 700 / Math.max(1, grid.rows);
    for (let r = 0; r <= grid.rows; r++) s += `50 ${750 - r * h} m 550 ${750 - r * h} l S\n`;
    for (let c = 0; c <= grid.cols; c++) s += `${50 + c * w} 50 m ${50 + c * w} 750 l S\n`;
  }
  return s;
}

export function synthPdf(rng: Rng, reportText: string): { bytes: Uint8Array; mutation: string } {
  const lines = reportText.split('\n').filter((l) => l.trim() !== '');
  const kind = rng.int(0, 7);
  if (kind === 0) {
    const pages = rng.int(100, 20_000);
    return { bytes: writePdf(Array.from({ length: pages }, (_, i) => textPage([lines[i % lines.length]]))), mutation: 'pdf-synth:many-pages' };
  }
  if (kind === 1) {
    const n = rng.int(10_000, 200_000);
    return { bytes: writePdf([textPage(Array.from({ length: n }, (_, i) => lines[i % lines.length].slice(0, 30)))]), mutation: 'pdf-synth:many-items' };
  }
  if (kind === 2) {
    const rows = rng.int(10, 1500);
    const cols = rng.int(2, Math.max(2, Math.floor(rng.int(100, 1_000_000) / rows)));
    return { bytes: writePdf([textPage(lines.slice(0, 60), { rows, cols })]), mutation: 'pdf-synth:grid' };
  }
  if (kind === 3) {
    const depth = rng.int(1000, 200_000);
    const open = rng.pick(['[', '<<', '<< /A ']);
    const close = open === '[' ? ']' : '>>';
    return { bytes: writePdf([`${open.repeat(depth)}${close.repeat(rng.chance(0.5) ? depth : 0)}\n${textPage(lines.slice(0, 40))}`]), mutation: 'pdf-synth:deep' };
  }
  if (kind === 4) {
    const box = rng.pick(['[0 0 0 0]', '[0 0 1e30 1e30]', '[0 0 -595 -842]', '[NaN 0 595 842]', '[0 0 99999999 1]', '[]', '[0 0 595]', '(x)']);
    return { bytes: writePdf([textPage(lines.slice(0, 80))], { mediaBox: box, extraPageKeys: rng.pick(['/Rotate 45', '/Rotate 90', '/UserUnit 1e9', '']) }), mutation: 'pdf-synth:box' };
  }
  if (kind === 5) {
    return { bytes: writePdf([textPage(lines.slice(0, 80))], { loopTree: true, count: rng.pick(['2147483647', '3', '-1']) }), mutation: 'pdf-synth:page-tree' };
  }
  if (kind === 6) {
    // the whole report, laid out 70 lines a page, with a table grid on some pages
    const streams: string[] = [];
    for (let i = 0; i < lines.length; i += 70) streams.push(textPage(lines.slice(i, i + 70), rng.chance(0.3) ? { rows: rng.int(2, 40), cols: rng.int(2, 12) } : undefined));
    return { bytes: writePdf(streams), mutation: 'pdf-synth:report' };
  }
  // operators with absurd operands: huge numbers, huge strings, many operands
  const op = rng.pick([
    () => `${'1 '.repeat(rng.int(1000, 1_000_000))}re`,
    () => `BT /F1 1e30 Tf 1e30 1e30 Td <${'4e00'.repeat(rng.int(1000, 2_000_000))}> Tj ET`,
    () => `${'q '.repeat(rng.int(1000, 200_000))}${'Q '.repeat(rng.int(0, 10))}`,
    () => `${'0 0 m 1e38 1e38 l S '.repeat(rng.int(1000, 200_000))}`,
    () => `BT /F1 10 Tf ${'(x) Tj '.repeat(rng.int(1000, 500_000))} ET`,
  ]);
  return { bytes: writePdf([`${op()}\n${textPage(lines.slice(0, 30))}`]), mutation: 'pdf-synth:operators' };
}
