/** Shared helpers for the fixture tests: run the linter on a fixture, compare with its expectation. */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Table, TableCell } from 'mdast';
import { lint } from '../../src/index.js';
import { extract } from '../../src/extract/index.js';
import { normalizeTree } from '../../src/extract/normalize.js';
import { buildModel, type ReportModel } from '../../src/model/index.js';
import type { LintResult } from '../../src/types.js';

export const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const fixture = (...p: string[]) => path.join(root, 'fixtures', ...p);

export interface ExpectedFinding {
  ruleId: string;
  line: number | null;
  column: number | null;
  severity: number;
  kind: string;
  /** a grouped finding: the places it covers, as `line:column` (`page:line` in a PDF) */
  related?: string[];
}

export async function listFixtures(dir: string, ext: string): Promise<string[]> {
  return (await readdir(fixture(dir))).filter((f) => f.endsWith(ext)).sort();
}

export async function lintFixture(rel: string): Promise<LintResult> {
  return lint(fixture(rel), { filePath: `fixtures/${rel}` });
}

/** The model of a fixture, as the rules see it. */
export async function modelOf(rel: string): Promise<ReportModel> {
  const doc = await extract(await readFile(fixture(rel)), rel);
  return buildModel(doc.tree, normalizeTree(doc.tree), { pageTitle: doc.pageTitle });
}

/** A template table as rows of [row key, placement, cell values] (blank and words kept apart from numbers). */
export function gridOf(m: ReportModel, id: 'active' | 'application' | 'review') {
  return m.tables[id]?.rows.map((r) => [r.def.key, r.placement, r.cells.map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind))]) ?? null;
}

export function findings(r: LintResult): ExpectedFinding[] {
  return r.messages.map((m) => ({
    ruleId: m.ruleId,
    line: m.line,
    column: m.column,
    severity: m.severity,
    kind: m.kind,
    ...(m.related?.length ? { related: m.related.map((p) => (p.page !== null ? `p${p.page}:${p.line}` : `${p.line}:${p.column}`)) } : {}),
  }));
}

/** `<fixture>.expected.json` beside the fixture; REPORTLINT_UPDATE_EXPECTED=1 rewrites it (review the diff!). */
export async function expectedFor(rel: string, actual: ExpectedFinding[]): Promise<ExpectedFinding[]> {
  const file = fixture(rel.replace(/\.[a-z]+$/, '.expected.json'));
  if (process.env.REPORTLINT_UPDATE_EXPECTED === '1') {
    await writeFile(file, JSON.stringify(actual, null, 1).replace(/\n  +/g, ' ').replace(/\{\s+/g, '{ ') + '\n');
  }
  return JSON.parse(await readFile(file, 'utf8')) as ExpectedFinding[];
}

export function countBy(fs: Array<{ ruleId: string }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of fs) out[f.ruleId] = (out[f.ruleId] ?? 0) + 1;
  return out;
}

/** A table's rows with spans expanded: the text of the cell covering each grid position. */
export function expand(table: Table): string[][] {
  const grid: string[][] = [];
  table.children.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row.children as TableCell[]) {
      while (grid[r][c] !== undefined) c++;
      const { rowSpan = 1, colSpan = 1 } = (cell.data ?? {}) as { rowSpan?: number; colSpan?: number };
      const text = cell.children.map((t) => ('value' in t ? t.value : '')).join('');
      for (let i = 0; i < rowSpan; i++) for (let j = 0; j < colSpan; j++) (grid[r + i] ??= [])[c + j] = text;
      c += colSpan;
    }
  });
  return grid;
}

