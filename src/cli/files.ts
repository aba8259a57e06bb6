/** Which files a `check` of some paths means: folders are walked for report files. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export const REPORT_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.docx', '.pdf'];

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
    if (s.isDirectory()) for (const f of await walk(input)) out.push({ path: f });
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
    if (e.isDirectory()) files.push(...(await walk(full)));
    else if (REPORT_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) files.push(full);
  }
  return files;
}
