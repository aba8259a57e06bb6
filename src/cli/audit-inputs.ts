/**
 * What an audit checks: folders and files, a manifest (CSV) that lists each report's file or URL
 * with its issuing body, year and region, or a plain list of URLs. Manifest columns (a header row
 * is required; Chinese names work too):
 *
 *   source (文件 / 网址) · body (发布机关 / 单位) · year (年度) · region (地区)
 *
 * A row with a body and no source names a body expected to report that has none: coverage.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ConfigError } from '../engine/config.js';
import { expandPaths } from './files.js';

export interface AuditInput {
  id: string;
  source: string;
  kind: 'file' | 'url';
  body: string | null;
  year: number | null;
  region: string | null;
}

const COLUMNS: Record<string, 'source' | 'body' | 'year' | 'region'> = {
  source: 'source', file: 'source', url: 'source', 文件: 'source', 网址: 'source', 文件或网址: 'source', 链接: 'source',
  body: 'body', issuer: 'body', 发布机关: 'body', 单位: 'body', 机关: 'body',
  year: 'year', 年度: 'year', 年份: 'year',
  region: 'region', 地区: 'region', 区域: 'region',
};

const isUrl = (s: string) => /^https?:\/\//i.test(s.trim());

export async function readInputs(inputs: string[]): Promise<{ entries: AuditInput[]; expected: string[] }> {
  const entries: AuditInput[] = [];
  const expected: string[] = [];
  const ids = new Set<string>(); // not a scan of the list per input: ten thousand inputs made that quadratic
  const add = (e: AuditInput) => {
    if (ids.has(e.id)) return;
    ids.add(e.id);
    entries.push(e);
  };
  for (const input of inputs) {
    if (isUrl(input)) {
      add({ id: input, source: input, kind: 'url', body: null, year: null, region: null });
    } else if (/\.csv$/i.test(input)) {
      for (const row of await manifest(input)) {
        if (row.body) expected.push(row.body);
        if (!row.source) continue;
        const url = isUrl(row.source);
        // several page images of one scanned report: 'p1.png;p2.png'
        const source = url ? row.source : row.source.split(';').map((s) => path.join(path.dirname(input), s.trim())).join(';');
        add({ id: url ? source : source.split(';').map((s) => path.normalize(s)).join(';'), source, kind: url ? 'url' : 'file', body: row.body, year: row.year, region: row.region });
      }
    } else if (/\.(txt|list)$/i.test(input) && (await urlList(input))) {
      for (const url of (await urlList(input))!) add({ id: url, source: url, kind: 'url', body: null, year: null, region: null });
    } else {
      for (const f of await expandPaths([input])) add({ id: path.normalize(f.path), source: f.path, kind: 'file', body: null, year: null, region: null });
    }
  }
  return { entries, expected: [...new Set(expected)] };
}

/** A .txt whose non-empty lines are all URLs is a URL list (a report is never only URLs). */
async function urlList(file: string): Promise<string[] | null> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  return lines.length > 0 && lines.every(isUrl) ? lines : null;
}

async function manifest(file: string): Promise<Array<{ source: string | null; body: string | null; year: number | null; region: string | null }>> {
  let rows: Record<string, string>[];
  try {
    rows = parse(await readFile(file), { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  } catch (error) {
    throw new ConfigError(`${file}: not a readable CSV manifest: ${(error as Error).message}`);
  }
  const header = Object.keys(rows[0] ?? {});
  const map = new Map(header.map((h) => [h, COLUMNS[h.trim().toLowerCase()] ?? COLUMNS[h.trim()]]));
  if (![...map.values()].includes('source') && ![...map.values()].includes('body'))
    throw new ConfigError(`${file}: the manifest needs a header with source (文件/网址) and/or body (发布机关) columns; found ${header.join(', ')}`);
  return rows.map((r) => {
    const get = (k: string) => {
      const h = header.find((x) => map.get(x) === k);
      const v = h ? r[h]?.trim() : '';
      return v ? v : null;
    };
    const year = get('year');
    return { source: get('source'), body: get('body'), year: year && /^\d{4}/.test(year) ? Number(year.slice(0, 4)) : null, region: get('region') };
  });
}
