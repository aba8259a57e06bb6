// The audit's throughput on scanned reports: `reportlint audit` over copies of the 300 dpi scans
// (fixtures/render/make-scans.sh) with 1 worker and with 2, side by side, as reports and pages a
// minute and the ratio. `node bench/ocr-audit.mjs [--copies 1] [--engine paddle|tesseract]`. Needs `npm run build`.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import path from 'node:path';
const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const copies = Number(opt('copies', '1'));
const engine = opt('engine', 'paddle');
execFileSync('bash', [path.join(root, 'fixtures/render/make-scans.sh')], { stdio: 'inherit' });
const scans = path.join(root, 'fixtures/scans');
const work = mkdtempSync(path.join(tmpdir(), 'rl-ocr-audit-'));
const input = path.join(work, 'in');
mkdirSync(input);
const files = readdirSync(scans).filter((f) => /^(00[0-4]_|huaian).*\.300\.pdf$/.test(f));
for (let c = 0; c < copies; c++) for (const f of files) copyFileSync(path.join(scans, f), path.join(input, `${c}-${f}`));
console.log(`audit of ${files.length * copies} scanned reports; engine ${engine}; ${cpus().length} cores; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const runs = {};
for (const workers of [1, 2]) {
  const out = path.join(work, `out-${workers}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, 'bin/reportlint.js'), 'audit', input, '--out', out, '--concurrency', String(workers), '--ocr-engine', engine], { encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  const records = readFileSync(path.join(out, 'results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const pages = records.reduce((n, x) => n + (x.result.ocr?.pages.length ?? 0), 0);
  runs[workers] = seconds;
  console.log(`${workers} worker(s): ${seconds.toFixed(1)} s, ${records.length} reports (${records.filter((x) => x.result.ocr).length} read by OCR, ${pages} pages): ${((records.length / seconds) * 60).toFixed(1)} reports/min, ${(pages / seconds).toFixed(2)} pages/s — ${r.stderr.trim().split('\n').pop()}`);
}
console.log(`2 workers ÷ 1: ${(runs[1] / runs[2]).toFixed(2)} × the throughput`);
rmSync(work, { recursive: true, force: true });
