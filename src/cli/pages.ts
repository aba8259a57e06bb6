/**
 * A scanned report given as several page images: a folder holding only images (page-1.png,
 * page-2.png …, in natural order: 2 before 10), or, in an audit manifest, the images listed in one
 * cell separated by ';'. Either is one report; its first image is its bytes, the rest its further pages.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { IMAGE_EXTENSIONS } from '../extract/detect.js';

const isImage = (name: string) => IMAGE_EXTENSIONS.has(path.extname(name).slice(1).toLowerCase());
const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** The page images of a folder that holds nothing else a report could be, or null. */
export async function pageFolder(dir: string, reportExtensions: string[]): Promise<string[] | null> {
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.'));
  const images = names.filter(isImage);
  if (images.length === 0 || names.some((n) => reportExtensions.includes(path.extname(n).toLowerCase()) && !isImage(n))) return null;
  return images.sort(natural).map((n) => path.join(dir, n));
}

export interface ReportBytes {
  bytes: Uint8Array;
  /** the further page images of a report given as several */
  morePages?: Uint8Array[];
}

/** A report's bytes: one file, a folder of page images, or `a.png;b.png`. */
export async function readReport(source: string): Promise<ReportBytes> {
  const parts = source.includes(';') ? source.split(';').map((s) => s.trim()).filter(Boolean) : null;
  let files = parts;
  if (!files && (await stat(source)).isDirectory()) {
    files = await pageFolder(source, [...IMAGE_EXTENSIONS].map((e) => `.${e}`));
    if (!files) throw Object.assign(new Error(`${source}: a folder with no page images`), { code: 'EISDIR' });
  }
  if (!files) return { bytes: await readFile(source) };
  const all = await Promise.all(files.map((f) => readFile(f)));
  return { bytes: all[0], morePages: all.slice(1) };
}
