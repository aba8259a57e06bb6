/**
 * The OCR engine the CLI, audit and the language server use: the `tesseract` binary (Debian's
 * tesseract-ocr 5 with its chi_sim and eng data; scripts/system-deps.sh installs them), chosen
 * over PaddleOCR by measurement (bench/ocr-engines.md). Rasters go to it as PGM files in a
 * temporary folder, many in one process (loading chi_sim costs more than reading a cell), and
 * words come back from its TSV output. Image files are decoded by ImageMagick, PDF pages without
 * a picture of their own drawn by poppler's pdftoppm. Each child is ended when the file's time
 * budget runs out.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deadline } from '../extract/deadline.js';
import type { OcrEngine, OcrMode, OcrPage, OcrRequest, OcrScript, OcrWord } from '../extract/ocr/engine.js';
import { fromPgm, toPgm, type Raster } from '../extract/ocr/raster.js';
import { ExtractError } from '../extract/errors.js';

const PSM: Record<OcrMode, string[]> = { page: ['--psm', '4'], line: ['--psm', '7'], cell: ['--psm', '6'], digits: ['--psm', '7'] };
const MODEL: Record<OcrScript, string> = { hans: 'chi_sim', hant: 'chi_tra' };

function argsOf(mode: OcrMode, script: OcrScript): string[] {
  // figures only, by the Latin model (it reads digits better than the Chinese ones)
  if (mode === 'digits') return ['-l', 'eng', ...PSM.digits, '-c', 'tessedit_char_whitelist=0123456789.-+,'];
  return ['-l', MODEL[script], ...PSM[mode]];
}

/** Requests of one mode are split over at most this many processes at once (the machine's cores, two here). */
const PARALLEL = 2;

interface Run {
  stdout: string;
}

function run(cmd: string, args: string[], deadline: Deadline, input?: Uint8Array): Promise<Run> {
  const child = spawn(cmd, args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new ExtractError('ocr-missing', { tool: cmd }) : e));
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout: Buffer.concat(out).toString('utf8') });
      else reject(new ExtractError('ocr-failed', { tool: cmd, detail: Buffer.concat(err).toString('utf8').trim().split('\n').pop() ?? `exit ${code}` }));
    });
  });
  child.stdin.on('error', () => {});
  child.stdin.end(input);
  return deadline.within(done).catch((e) => {
    child.kill('SIGKILL');
    throw e;
  });
}

async function withTemp<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'reportlint-ocr-'));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Words of a TSV output, one list per input image (page_num), in order. */
export function parseTsv(tsv: string, images: number): OcrWord[][] {
  const out: OcrWord[][] = Array.from({ length: images }, () => []);
  // a line's box (level 4) is steadier than its words' (a colon's box can be two lines tall)
  let lineBox = { top: 0, height: 0 };
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f.length < 12) continue;
    const [level, page, block, par, ln, , left, top, width, height, conf, ...text] = f;
    if (level === '4') lineBox = { top: +top, height: +height };
    const k = Number(page) - 1;
    if (level !== '5' || !(k >= 0 && k < images)) continue;
    out[k].push({ text: text.join('\t'), left: +left, top: +top, width: +width, height: +height, confidence: +conf, line: +block * 1_000_000 + +par * 1000 + +ln, lineBox });
  }
  return out;
}

async function recognizeBatch(requests: OcrRequest[], args: string[], deadline: Deadline): Promise<OcrWord[][]> {
  return withTemp(async (dir) => {
    const names = await Promise.all(
      requests.map(async (r, i) => {
        const name = join(dir, `${i}.pgm`);
        await writeFile(name, toPgm(r.raster));
        return name;
      }),
    );
    const list = join(dir, 'list.txt');
    await writeFile(list, names.join('\n') + '\n');
    const { stdout } = await run('tesseract', [list, 'stdout', ...args, 'tsv'], deadline);
    return parseTsv(stdout, requests.length);
  });
}

export function tesseractEngine(): OcrEngine {
  return {
    name: 'tesseract 5 (chi_sim, chi_tra, eng digits)',
    async recognize(requests, deadline) {
      const out: OcrWord[][] = new Array(requests.length);
      const jobs: Array<{ args: string[]; index: number[] }> = [];
      const groups = new Map<string, number[]>();
      requests.forEach((r, i) => {
        const key = argsOf(r.mode, r.script ?? 'hans').join(' ');
        groups.set(key, [...(groups.get(key) ?? []), i]);
      });
      for (const [key, index] of groups) {
        // a big batch split in two, so both cores read
        const half = index.length > 8 ? Math.ceil(index.length / PARALLEL) : index.length;
        for (let k = 0; k < index.length; k += half) jobs.push({ args: key.split(' '), index: index.slice(k, k + half) });
      }
      const queue = [...jobs];
      const worker = async () => {
        for (let job = queue.shift(); job; job = queue.shift()) {
          const words = await recognizeBatch(job.index.map((i) => requests[i]), job.args, deadline);
          job.index.forEach((i, k) => (out[i] = words[k]));
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL, jobs.length) }, worker));
      return out;
    },
    async decode(bytes, deadline) {
      return withTemp(async (dir) => {
        const input = join(dir, 'input');
        await writeFile(input, bytes);
        const convert = existsSync('/usr/bin/convert') ? '/usr/bin/convert' : 'convert';
        const { stdout } = await run(convert.replace('convert', 'identify'), ['-format', '%x %y %U\\n', input], deadline).catch(() => ({ stdout: '' }));
        // every page (a TIFF's frames) as an 8-bit grey PGM, transparency on white
        await run(convert, [input, '-background', 'white', '-alpha', 'remove', '-colorspace', 'Gray', '-depth', '8', join(dir, 'page-%04d.pgm')], deadline);
        const files = (await readdir(dir)).filter((f) => f.endsWith('.pgm')).sort();
        const dpis = stdout.trim().split('\n').map(dpiOf);
        const pages: OcrPage[] = [];
        for (const [k, f] of files.entries()) {
          const raster = fromPgm(new Uint8Array(await readFile(join(dir, f))));
          if (raster) pages.push({ raster, dpi: dpis[k] ?? dpis[0] ?? null });
        }
        return pages;
      });
    },
    async render(pdf, page, dpi, deadline) {
      return withTemp(async (dir) => {
        const input = join(dir, 'input.pdf');
        await writeFile(input, pdf);
        await run('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), '-singlefile', input, join(dir, 'page')], deadline);
        const raster = fromPgm(new Uint8Array(await readFile(join(dir, 'page.pgm'))));
        if (!raster) throw new ExtractError('ocr-failed', { tool: 'pdftoppm', detail: 'no page image' });
        return raster;
      });
    },
    async orientation(raster: Raster, deadline: Deadline) {
      return withTemp(async (dir) => {
        const name = join(dir, 'page.pgm');
        await writeFile(name, toPgm(raster));
        const { stdout } = await run('tesseract', [name, 'stdout', '--psm', '0'], deadline).catch(() => ({ stdout: '' }));
        const rotate = /Rotate:\s*(\d+)/.exec(stdout);
        const confidence = /Orientation confidence:\s*([\d.]+)/.exec(stdout);
        // Tesseract's "Rotate: 90" is a clockwise quarter turn to make the page upright
        return rotate && confidence && Number(confidence[1]) >= 2 ? Math.round(Number(rotate[1]) / 90) % 4 : 0;
      });
    },
  };
}

/** ImageMagick's resolution line ("300 300 PixelsPerInch", "118.11 118.11 PixelsPerCentimeter"). */
function dpiOf(line: string): number | null {
  const [x, , unit] = line.trim().split(/\s+/);
  const v = Number(x);
  if (!v || !Number.isFinite(v) || v < 50) return null;
  if (unit === 'PixelsPerCentimeter') return Math.round(v * 2.54);
  if (unit === 'PixelsPerInch') return Math.round(v);
  return null;
}
