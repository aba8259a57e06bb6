/** What the OCR tests share: the engine, lint options for a scan, the scanned copies, an original's findings and cells. */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { lintBytes, type LintOptions } from '../../src/engine/lint.js';
import { extract } from '../../src/extract/index.js';
import { ocrEngine } from '../../src/node/ocr.js';
import { tableCells, findingCounts } from '../../scripts/ocr-measure.js';
import { fixture, root } from './fixtures.js';

export const scans = path.join(root, 'fixtures', 'scans');
export const engine = ocrEngine();
export const ocr = { engine, mode: 'auto' as const };
// OCR takes seconds a page: the per-page allowance is the core's, the whole file's limit generous
export const opts = (filePath: string, more: Partial<LintOptions> = {}): LintOptions => ({ filePath, ocr, timeLimit: 600_000, ...more });

/** The scanned copies of the fixtures (made once; a file already newer than its PDF is kept). */
export const makeScans = (): void => void execFileSync('bash', [path.join(root, 'fixtures/render/make-scans.sh')], { stdio: 'ignore' });

/** The original PDF's defects (rule id → count) and table cells, computed, not written down. */
export async function original(rel: string) {
  const bytes = await readFile(fixture(rel));
  const result = await lintBytes(bytes, { filePath: rel });
  const doc = await extract(bytes, rel);
  return { defects: findingCounts(result).defects, cells: tableCells(doc.tree) };
}
