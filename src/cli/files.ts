/** Which files a `check` of some paths means: folders are walked for report files. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pageFolder } from './pages.js';

/** Files a walked folder holds reports in; images are a scan's pages (a folder of them is one report). */
export const REPORT_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.docx', '.pdf', '.png', '.jpg', '.jpeg', '.tif', '.tiff'];

export async function expandPaths(inputs: string[]): Promise<Array<{ path: string; missing?: boolean }>> {
  const out: Array<{ path: string; missing?: boolean }> = [];
  for (const input of inputs) {
    let s;
    try {
      s = await stat(input);
    } catch {
      out.push({ path: input, missing: true });
      continue;
    }
    if (s.isDirectory() && (await pageFolder(input, REPORT_EXTENSIONS))) out.push({ path: input });
    else if (s.isDirectory()) for (const f of await walk(input)) out.push({ path: f });
    else out.push({ path: input });
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = path.join(dir, e.name);
    // a folder of page images is one scanned report
    if (e.isDirectory() && (await pageFolder(full, REPORT_EXTENSIONS))) files.push(full);
    else if (e.isDirectory()) files.push(...(await walk(full)));
    else if (REPORT_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) files.push(full);
  }
  return files;
}
