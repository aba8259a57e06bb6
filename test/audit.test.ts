/**
 * `reportlint audit` as a supervising office runs it (the built command, real files in a scratch
 * folder): a mixed folder with broken files completes with each fatal recorded; a run killed with
 * SIGKILL is finished by running it again, with nothing lost or written twice; the cache skips
 * unchanged reports; a report over the time limit is fatal and the batch goes on; URLs from a
 * local server (a slow one, a 404, a redirect loop); a manifest with bodies that sent no report.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root, fixture } from './helpers/fixtures.js';
import type { AuditRecord } from '../src/audit/types.js';

let dir: string;
const bin = path.join(root, 'bin', 'reportlint.js');

function audit(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'audit', ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
/** The same, without blocking this process (a test's own HTTP server must keep answering). */
function auditAsync(cwd: string, ...args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'audit', ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, err }));
  });
}
const records = (out: string): AuditRecord[] =>
  readFileSync(path.join(out, 'results.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as AuditRecord);

/** A folder of reports: every seed, the 2021 set, PDFs and DOCX, and broken files. */
function folder(name: string, withBad = true): string {
  const d = path.join(dir, name);
  mkdirSync(d, { recursive: true });
  for (const f of readdirSync(fixture('seeds')).filter((x) => x.endsWith('.txt'))) copyFileSync(fixture('seeds', f), path.join(d, f));
  for (const f of readdirSync(fixture('2021')).filter((x) => /\.(txt|html)$/.test(x)).slice(0, 20)) copyFileSync(fixture('2021', f), path.join(d, `2021-${f}`));
  for (const f of ['002_605866c201a9c82d.lo.pdf', 'clean-2020-department.lo.pdf']) copyFileSync(fixture('pdf', f), path.join(d, f));
  copyFileSync(fixture('docx', '002_605866c201a9c82d.docx'), path.join(d, '002.docx'));
  if (withBad) for (const f of ['truncated.pdf', 'broken-zip.docx', 'empty.txt']) copyFileSync(fixture('bad', f), path.join(d, `bad-${f}`));
  return d;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'reportlint-audit-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a folder with good and broken reports', () => {
  it('every report is recorded once, the broken ones as fatal with their reason; the outputs are written', () => {
    const d = folder('mixed');
    const files = readdirSync(d).sort();
    const r = audit(dir, 'mixed', '--out', 'out-mixed', '--concurrency', '2');
    expect(r.code).toBe(1); // the seeds have errors
    const recs = records(path.join(dir, 'out-mixed'));
    expect(recs.map((x) => path.basename(x.id)).sort()).toEqual(files);
    const bad = recs.filter((x) => x.result.fatal).map((x) => path.basename(x.id)).sort();
    expect(bad).toEqual(['bad-broken-zip.docx', 'bad-empty.txt', 'bad-truncated.pdf']);
    for (const x of recs.filter((y) => y.result.fatal)) expect(x.result.messages).toHaveLength(1);
    // the same findings as `check` gives for one of them
    const seed = recs.find((x) => x.id.endsWith('002_605866c201a9c82d.txt'))!;
    const check = JSON.parse(spawnSync(process.execPath, [bin, 'check', '--format', 'json', path.join('mixed', '002_605866c201a9c82d.txt')], { cwd: dir, encoding: 'utf8' }).stdout)[0];
    expect(seed.result.messages.map((m) => m.ruleId)).toEqual(check.messages.map((m: { ruleId: string }) => m.ruleId));
    expect(seed.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(seed.facts?.year).toBe(2020);
    for (const f of ['index.html', 'summary.xlsx', 'cross-findings.json']) expect(existsSync(path.join(dir, 'out-mixed', f))).toBe(true);
    // every report has its own findings page, an unreadable one too (it shows why)
    expect(readdirSync(path.join(dir, 'out-mixed', 'reports')).length).toBe(files.length);
  }, 120_000);
});

describe('killed and run again', () => {
  it('SIGKILL in the middle: the same command finishes the batch, without redoing, losing or duplicating a report', async () => {
    const d = folder('killed', false);
    // more work, so the kill lands mid-run: the PDFs again under other names
    for (let i = 0; i < 6; i++) copyFileSync(fixture('realworld', 'huaian-hongze-district-gov-2024.pdf'), path.join(d, `realworld-${i}.pdf`));
    const total = readdirSync(d).length;
    const out = path.join(dir, 'out-killed');
    const child = spawn(process.execPath, [bin, 'audit', 'killed', '--out', 'out-killed', '--concurrency', '2'], { cwd: dir, stdio: 'ignore' });
    // wait for a few results, then kill without warning
    await new Promise<void>((resolve, reject) => {
      const t0 = Date.now();
      const poll = setInterval(() => {
        const n = existsSync(path.join(out, 'results.jsonl')) ? readFileSync(path.join(out, 'results.jsonl'), 'utf8').split('\n').filter(Boolean).length : 0;
        if (n >= 3) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        } else if (Date.now() - t0 > 60_000) {
          clearInterval(poll);
          reject(new Error('no results within a minute'));
        }
      }, 20);
    });
    await new Promise((resolve) => child.on('exit', resolve));
    const before = readFileSync(path.join(out, 'results.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).length;
    expect(before).toBeLessThan(total); // it really was stopped half-way
    const again = audit(dir, 'killed', '--out', 'out-killed', '--concurrency', '2');
    expect(again.err).toContain('续上次');
    const recs = records(out);
    expect(recs).toHaveLength(total);
    expect(new Set(recs.map((r) => r.id)).size).toBe(total);
    // the finished ones were not redone: the first lines are the same records as before the kill
    const clean = audit(dir, 'killed', '--out', 'out-clean', '--concurrency', '2');
    expect(clean.code).toBe(again.code);
    const byId = (rs: AuditRecord[]) => Object.fromEntries(rs.map((r) => [r.id, r.result.messages.map((m) => `${m.ruleId}@${m.line}`)]));
    expect(byId(recs)).toEqual(byId(records(path.join(dir, 'out-clean'))));
  }, 180_000);
});

describe('the cache', () => {
  it('a second run over unchanged reports takes every result from the cache; a changed report is checked again', () => {
    const d = folder('cached', false);
    audit(dir, 'cached', '--out', 'out-c1', '--cache', 'cache-dir');
    const first = records(path.join(dir, 'out-c1'));
    expect(first.every((r) => !r.cached)).toBe(true);
    writeFileSync(path.join(d, '002_605866c201a9c82d.txt'), readFileSync(path.join(d, '002_605866c201a9c82d.txt'), 'utf8').replace('262条', '236条'));
    audit(dir, 'cached', '--out', 'out-c2', '--cache', 'cache-dir');
    const second = records(path.join(dir, 'out-c2'));
    expect(second.filter((r) => !r.cached).map((r) => path.basename(r.id))).toEqual(['002_605866c201a9c82d.txt']);
    const a = Object.fromEntries(first.map((r) => [r.id, r.result.errorCount]));
    const b = Object.fromEntries(second.map((r) => [r.id, r.result.errorCount]));
    expect({ ...b, [path.join('cached', '002_605866c201a9c82d.txt')]: 0 }).toEqual({ ...a, [path.join('cached', '002_605866c201a9c82d.txt')]: 0 });
    expect(b[path.join('cached', '002_605866c201a9c82d.txt')]).toBe(a[path.join('cached', '002_605866c201a9c82d.txt')] - 1); // narrative-sum fixed
  }, 120_000);
});

describe('limits', () => {
  it('a report over the time limit is fatal, and the batch goes on', () => {
    const d = path.join(dir, 'slow');
    mkdirSync(d, { recursive: true });
    copyFileSync(fixture('realworld', 'huaian-hongze-district-gov-2024.pdf'), path.join(d, 'a.pdf'));
    copyFileSync(fixture('seeds', '002_605866c201a9c82d.txt'), path.join(d, 'b.txt'));
    audit(dir, 'slow', '--out', 'out-slow', '--timeout', '0.001', '--concurrency', '1');
    const recs = records(path.join(dir, 'out-slow'));
    expect(recs).toHaveLength(2);
    const slow = recs.find((r) => r.id.endsWith('a.pdf'))!;
    expect(slow.result.fatal).toBe(true);
    expect(slow.result.messages[0].message).toContain('检查超时');
  }, 60_000);
});

describe('limits: memory', () => {
  it('a report over the limits is fatal and the next report is checked', () => {
    const d = path.join(dir, 'big');
    mkdirSync(d, { recursive: true });
    // a pasted report 400 times over: 2.7 MB of text, far more heap than 64 MB allows to read it
    writeFileSync(path.join(d, 'a-big.txt'), readFileSync(fixture('2021', 'department-correct.txt'), 'utf8').repeat(400));
    copyFileSync(fixture('seeds', '002_605866c201a9c82d.txt'), path.join(d, 'b.txt'));
    audit(dir, 'big', '--out', 'out-big', '--max-memory', '64', '--concurrency', '1');
    const recs = Object.fromEntries(records(path.join(dir, 'out-big')).map((r) => [path.basename(r.id), r]));
    expect(recs['a-big.txt'].result.fatal).toBe(true);
    // the text limit (500,000 characters) now stops this file before memory does: the memory cap
    // itself needs a new input that passes every limit (noted on issue #19)
    expect(recs['a-big.txt'].result.messages[0].message).toContain('文件文字过多');
    expect(recs['b.txt'].result).toMatchObject({ fatal: false, errorCount: 4 });
    expect(audit(dir, 'big', '--out', 'out-big2', '--max-memory', '16').code).toBe(2);
  }, 120_000);
});

describe('checks across reports', () => {
  it('carry-over, in-force continuity, copied content and an outlier, on the fixture pairs', () => {
    const d = path.join(dir, 'pairs');
    mkdirSync(d, { recursive: true });
    for (const f of readdirSync(fixture('audit')).filter((x) => x.endsWith('.txt'))) copyFileSync(fixture('audit', f), path.join(d, f));
    for (const f of ['department-correct.txt', 'government-correct.txt', 'township-correct.txt']) copyFileSync(fixture('2021', f), path.join(d, f));
    audit(dir, 'pairs', '--out', 'out-pairs');
    const cross = JSON.parse(readFileSync(path.join(dir, 'out-pairs', 'cross-findings.json'), 'utf8')) as Array<{ ruleId: string; ids: string[]; similarity?: number }>;
    const seen = cross.map((c) => [c.ruleId, c.ids.map((i) => path.basename(i)).sort().join(' + ')]).sort();
    expect(seen).toEqual([
      ['carry-over', 'government-2023.txt + government-correct.txt'],
      ['copied-content', 'copied-2024.txt + department-correct.txt'],
      ['in-force-continuity', 'township-2023.txt + township-correct.txt'],
      ['outlier', 'transport-2023.txt + transport-2024.txt'],
    ]);
    expect(cross.find((c) => c.ruleId === 'copied-content')!.similarity).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});

describe('reports on the web', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const page = readFileSync(fixture('2021', 'department-correct.html'));
    server = createServer((req, res) => {
      if (req.url === '/ok.html') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      if (req.url === '/loop-a') return void res.writeHead(302, { location: '/loop-b' }).end();
      if (req.url === '/loop-b') return void res.writeHead(302, { location: '/loop-a' }).end();
      if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end(page), 60_000).unref();
      res.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const a = server.address() as { port: number };
    base = `http://127.0.0.1:${a.port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('a URL list: pages fetched and checked; a 404, a redirect loop and a server too slow are fatal with their reason', async () => {
    writeFileSync(path.join(dir, 'urls.txt'), [`${base}/ok.html`, `${base}/missing.html`, `${base}/loop-a`, `${base}/slow`].join('\n') + '\n');
    await auditAsync(dir, 'urls.txt', '--out', 'out-urls', '--fetch-timeout', '1');
    const recs = Object.fromEntries(records(path.join(dir, 'out-urls')).map((r) => [r.id.replace(base, ''), r]));
    expect(recs['/ok.html'].result).toMatchObject({ fatal: false, format: 'html', reportYear: 2024, errorCount: 0 });
    expect(recs['/missing.html'].result.messages[0].message).toContain('404');
    expect(recs['/loop-a'].result.messages[0].message).toContain('循环');
    expect(recs['/slow'].result.messages[0].message).toContain('超时');
  }, 60_000);
});

describe('a manifest', () => {
  it('bodies, years and regions from the manifest; bodies with no report are named in the summary', () => {
    mkdirSync(path.join(dir, 'm'), { recursive: true });
    copyFileSync(fixture('2021', 'department-correct.txt'), path.join(dir, 'm', 'a.txt'));
    copyFileSync(fixture('2021', 'township-correct.txt'), path.join(dir, 'm', 'b.txt'));
    writeFileSync(path.join(dir, 'm', 'manifest.csv'), '文件,发布机关,年度,地区\na.txt,某市生态环境局,2024,甲区\nb.txt,某县城关镇人民政府,2024,乙县\n,某县水利局,2024,乙县\n');
    audit(dir, path.join('m', 'manifest.csv'), '--out', 'out-m');
    const recs = records(path.join(dir, 'out-m'));
    expect(recs.map((r) => [r.body, r.year, r.region])).toEqual(expect.arrayContaining([['某市生态环境局', 2024, '甲区'], ['某县城关镇人民政府', 2024, '乙县']]));
    const html = readFileSync(path.join(dir, 'out-m', 'index.html'), 'utf8');
    expect(html).toContain('某县水利局');
  }, 60_000);
});
