/**
 * The 2021-format reports in fixtures/2021 (written by fixtures/render/make-2021.mjs from the
 * format in template-spec.md): a correct report per issuer type gives no finding, and each
 * `break-<rule>` report — one defect put in — gives exactly the findings its generator wrote down
 * (rule id, line, severity, kind), in HTML and in text.
 */
import { describe, it, expect } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { fixture, lintFixture, listFixtures, modelOf } from './helpers/fixtures.js';

interface Expected {
  ruleId: string;
  line: number | null;
  severity: number;
  kind: string;
}

const key = (x: Expected) => `${x.ruleId} @${x.line} s${x.severity} ${x.kind}`;
const files = [...(await listFixtures('2021', '.html')), ...(await listFixtures('2021', '.txt'))].sort();

describe('fixtures/2021', () => {
  it('has a correct report per issuer type and a breaking report for every rule of the pack that a single report can break', async () => {
    expect(files.filter((f) => f.includes('-correct.'))).toEqual([
      'department-correct.html', 'department-correct.txt', 'government-correct.html', 'government-correct.txt', 'township-correct.html', 'township-correct.txt',
    ]);
    const broken = new Set(files.filter((f) => f.startsWith('break-')).map((f) => f.replace(/^break-/, '').replace(/\.(html|txt)$/, '')));
    expect(broken.size).toBeGreaterThanOrEqual(25);
  });

  it.each(files)('%s: exactly the findings its generator expects', async (f) => {
    const expected = JSON.parse(await readFile(fixture('2021', `${f}.expected.json`), 'utf8')) as Expected[];
    const r = await lintFixture(`2021/${f}`);
    expect(r.fatal).toBe(false);
    expect(r.messages.map((m) => key(m as Expected)).sort()).toEqual(expected.map(key).sort());
    if (f.includes('-correct.')) expect(r.messages).toEqual([]);
    else {
      // a break fixture breaks the rule it is named for, and only that one
      const rule = f.replace(/^break-/, '').replace(/\.(html|txt)$/, '');
      expect([...new Set(r.messages.map((m) => m.ruleId))].every((id) => rule.startsWith(id))).toBe(true);
    }
  });

  it('the 2021 tables read as the format has them: 10 cells in table 2, 25 rows × 7 in table 3, 15 cells in table 4', async () => {
    for (const f of ['department-correct.html', 'department-correct.txt']) {
      const m = await modelOf(`2021/${f}`);
      expect(m.template).toBe('2021');
      expect(m.tables.active!.rows.flatMap((r) => r.cells).filter((c) => c.value.kind === 'number')).toHaveLength(10);
      expect(m.tables.application!.rows.map((r) => r.def.key)).toHaveLength(25);
      expect(m.tables.application!.rows.every((r) => r.placement === 'placed' && r.cells.every((c) => c.value.kind === 'number'))).toBe(true);
      expect(m.tables.review!.rows[0].cells.filter((c) => c.value.kind === 'number')).toHaveLength(15);
      // the fee amount keeps its decimals (万元)
      const fee = m.tables.active!.rows.find((r) => r.def.key === 'fees')!.cells[0].value;
      expect(fee.kind === 'number' && !Number.isInteger(fee.value)).toBe(true);
    }
  });

  it('a table 3 that a CMS split in two at a page break, its header repeated, is still one table: no finding', async () => {
    const { lintBytes } = await import('../src/engine/lint.js');
    const page = await readFile(fixture('2021', 'department-correct.html'), 'utf8');
    const lines = page.split('\n');
    const start = lines.findIndex((l) => l.includes('class="tb3"'));
    const header = lines.slice(start + 2, start + 17).join('\n'); // the three header rows
    expect(header).toContain('勾稽关系');
    const cut = lines.findIndex((l) => l.includes('>四、结转下年度继续办理<')) - 1; // its <tr>
    const split = [...lines.slice(0, cut), '</tbody></table>', '<p>（续表）</p>', '<table><tbody>', header, ...lines.slice(cut)].join('\n');
    const r = await lintBytes(Buffer.from(split), { filePath: 'split.html' });
    // had the second part been lost, row 四 would be missing (table-shape) and the balance unchecked
    expect(r.messages).toEqual([]);
  });

  it('--template forces the format: the 2024 department report read as 2019 gets template-version, not a heap of table-shape findings', async () => {
    const { lint } = await import('../src/index.js');
    const r = await lint(fixture('2021', 'department-correct.txt'), { template: '2019' });
    expect(r.template).toBe('2019');
    expect(r.messages.map((m) => m.ruleId)).toEqual(['template-version']);
    expect(r.messages[0].message).toContain('指定的格式');
  });
});
