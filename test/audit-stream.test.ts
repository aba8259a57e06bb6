/**
 * The end of an audit is built from per-report summaries, reading each record back from
 * results.jsonl for its dashboard row only (src/cli/audit.ts). Its outputs must be those of the
 * in-memory path over the full records (formatDashboard, formatAuditXlsx, crossCheck, coverage on
 * every record at once), in the order of the inputs at any concurrency; a cached re-run must give
 * the same outputs; a resumed run must give the same outputs as an uninterrupted one.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { rules } from '../rules/index.js';
import { crossCheck, coverage } from '../src/audit/cross.js';
import { formatDashboard } from '../src/report/dashboard.js';
import { formatAuditXlsx } from '../src/report/audit-xlsx.js';
import type { AuditRecord } from '../src/audit/types.js';
import { root, fixture } from './helpers/fixtures.js';

const bin = path.join(root, 'bin', 'reportlint.js');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
let dir: string;
let inputs: string[];

function audit(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'audit', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  expect(r.status === 0 || r.status === 1 ? null : r.stderr).toBeNull();
  return r;
}
const read = (out: string, f: string) => readFileSync(path.join(dir, out, f), 'utf8');
const records = (out: string): AuditRecord[] =>
  read(out, 'results.jsonl')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as AuditRecord);

/** Every sheet's cell values, views, autofilter and column widths: what a reader of the workbook sees. */
async function sheets(bytes: Uint8Array | Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb.worksheets.map((ws) => ({ name: ws.name, views: ws.views, filter: ws.autoFilter, widths: ws.columns.map((c) => c.width), bold: ws.getRow(1).font?.bold, values: ws.getSheetValues().map((r) => JSON.stringify(r)) }));
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'reportlint-audit-stream-'));
  const d = path.join(dir, 'in');
  mkdirSync(d);
  for (const f of readdirSync(fixture('audit')).filter((x) => x.endsWith('.txt'))) copyFileSync(fixture('audit', f), path.join(d, f));
  for (const f of readdirSync(fixture('2021')).filter((x) => /\.(txt|html)$/.test(x))) copyFileSync(fixture('2021', f), path.join(d, f));
  for (const f of ['truncated.pdf', 'empty.txt']) copyFileSync(fixture('bad', f), path.join(d, `bad-${f}`));
  inputs = readdirSync(d).sort();
  // a manifest: the input order, a region, and a body expected that sent nothing (coverage)
  writeFileSync(path.join(dir, 'm.csv'), ['source,body,year,region', ...inputs.map((f) => `in/${f},,,华东`), ',某县财政局,,'].join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the end phase from summaries', () => {
  it('equals the in-memory outputs over the full records, in the order of the inputs, with two workers', async () => {
    audit('m.csv', '--out', 'o2', '--concurrency', '2');
    const recs = records('o2');
    const rank = new Map(inputs.map((f, i) => [path.join('in', f), i]));
    const ordered = [...recs].sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
    expect(ordered).toHaveLength(inputs.length);
    const cross = crossCheck(ordered, { lang: 'zh', copyThreshold: 0.9 });
    expect(cross.length).toBeGreaterThan(0);
    expect(JSON.parse(read('o2', 'cross-findings.json'))).toEqual(cross);
    const years = [...new Set(ordered.map((r) => r.year).filter((y): y is number => y !== null))].sort();
    const cov = { year: years.at(-1) ?? null, ...coverage(['某县财政局'], ordered, years.at(-1) ?? null) };
    expect(cov.missing).toEqual(['某县财政局']);
    const metas = rules.map((r) => r.meta);
    expect(read('o2', 'index.html')).toBe(formatDashboard(ordered, cross, { lang: 'zh', rules: metas, toolVersion: pkg.version, coverage: cov }));
    expect(await sheets(readFileSync(path.join(dir, 'o2', 'summary.xlsx')))).toEqual(await sheets(await formatAuditXlsx(ordered, cross, { lang: 'zh', rules: metas, coverage: cov })));
  }, 180_000);

  it('one worker and two give the same outputs; a cached re-run gives them too, all from the cache', async () => {
    audit('m.csv', '--out', 'o1', '--concurrency', '1', '--cache', 'cache');
    audit('m.csv', '--out', 'o1-again', '--concurrency', '2', '--cache', 'cache');
    expect(records('o1-again').every((r) => r.cached)).toBe(true);
    for (const out of ['o1', 'o1-again']) {
      for (const f of ['index.html', 'cross-findings.json']) expect(read(out, f)).toBe(read('o2', f));
      expect(await sheets(readFileSync(path.join(dir, out, 'summary.xlsx')))).toEqual(await sheets(readFileSync(path.join(dir, 'o2', 'summary.xlsx'))));
    }
  }, 180_000);

  it('a run resumed from a cut results.jsonl (a partial last line) redoes only what is missing and gives the same outputs', () => {
    const lines = read('o2', 'results.jsonl').split('\n').filter(Boolean);
    mkdirSync(path.join(dir, 'o-resumed'));
    // half the records, then half a line, as a kill in the middle of a write leaves it
    const kept = lines.slice(0, Math.floor(lines.length / 2));
    writeFileSync(path.join(dir, 'o-resumed', 'results.jsonl'), kept.join('\n') + '\n' + lines[kept.length].slice(0, 100));
    audit('m.csv', '--out', 'o-resumed', '--concurrency', '2');
    const recs = records('o-resumed');
    expect(recs).toHaveLength(inputs.length);
    expect(new Set(recs.map((r) => r.id)).size).toBe(inputs.length);
    expect(recs.slice(0, kept.length).map((r) => JSON.stringify(r))).toEqual(kept);
    for (const f of ['index.html', 'cross-findings.json']) expect(read('o-resumed', f)).toBe(read('o2', f));
  }, 180_000);
});
