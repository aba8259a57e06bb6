/**
 * An audit's outputs for people: the dashboard (src/report/dashboard.ts) and the summary
 * workbook (src/report/audit-xlsx.ts), built from records of real fixtures linted here, with
 * made-up bodies, regions and years, and two hand-made cross-report findings. Every expected
 * count is computed from the records, not written down: reading doubts and unreadable files are
 * counted apart, and rules are counted in bodies, not findings.
 */
import { describe, it, expect, beforeAll } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';
import type { Element, Root, Text } from 'hast';
import { rules } from '../rules/index.js';
import { formatDashboard, sha256Base64 } from '../src/report/dashboard.js';
import { formatAuditXlsx } from '../src/report/audit-xlsx.js';
import { reportPage } from '../src/audit/pages.js';
import type { AuditRecord, CrossFinding } from '../src/audit/types.js';
import type { LintMessage, LintResult } from '../src/types.js';
import { lintFixture, root } from './helpers/fixtures.js';

const pkg = JSON.parse(await readFile(`${root}/package.json`, 'utf8')) as { version: string };
const metas = rules.map((r) => r.meta);
const options = { lang: 'zh' as const, rules: metas, toolVersion: pkg.version };

/* ------------------------------------------------------------------ the records */

interface Case {
  rel: string;
  body: string | null;
  region: string | null;
  year: number | null;
}

const CASES: Case[] = [
  { rel: 'seeds/000_82d6f7fdece5d549.txt', body: '飞云街道', region: '瑞安市', year: 2020 },
  { rel: 'seeds/001_9c5af0f5dc6921f6.txt', body: '南黄镇', region: '温州市', year: 2020 },
  { rel: 'seeds/002_605866c201a9c82d.txt', body: '桃江经济开发区', region: '益阳市', year: 2020 },
  // the same body a year earlier: its rules count once for the body
  { rel: 'seeds/003_079ed3c1b799cbd0.txt', body: '桃江经济开发区', region: '益阳市', year: 2019 },
  { rel: 'seeds/004_e501d39fb7faf04c.txt', body: '泰顺县', region: '温州市', year: 2020 },
  { rel: '2021/department-correct.txt', body: '某县人民政府', region: '某县', year: 2024 },
  { rel: '2021/break-application-balance.txt', body: '某县人民政府', region: '某县', year: 2023 },
  // nothing from the manifest: the body and year come from the report; one reading doubt, no defect
  { rel: '2021/break-unreadable.txt', body: null, region: null, year: null },
  { rel: 'bad/truncated.pdf', body: '某县交通运输局', region: '某县', year: 2024 },
];

const idOf = (rel: string) => `fixtures/${rel}`;

function recordOf(c: Case, result: LintResult): AuditRecord {
  const id = idOf(c.rel);
  return { id, source: id, body: c.body, year: c.year, region: c.region, sha256: null, result, facts: null, durationMs: 1, cached: false };
}

const CROSS: CrossFinding[] = [
  {
    ruleId: 'carry-over',
    severity: 2,
    ids: [idOf('2021/department-correct.txt'), idOf('2021/break-application-balance.txt')],
    body: '某县人民政府',
    year: 2024,
    message: '2024年报告「上年结转」为 3 件，2023年报告「结转下年度继续办理」为 5 件，不一致',
    expected: '5',
    actual: '3',
  },
  {
    ruleId: 'copied-content',
    severity: 1,
    ids: [idOf('seeds/000_82d6f7fdece5d549.txt'), idOf('seeds/004_e501d39fb7faf04c.txt')],
    body: '飞云街道',
    year: 2020,
    message: '报告正文与泰顺县2020年报告大段雷同',
    similarity: 0.93,
  },
];

const COVERAGE = { year: 2024, missing: ['某县财政局', '某县教育局'], unreadable: ['某县交通运输局'] };

/* ------------------------------------------------------------------ expected values, from the records */

const isDefect = (m: LintMessage) => !m.fatal && m.kind === 'defect';
function expectedCounts(r: AuditRecord) {
  const ms = r.result.fatal ? [] : r.result.messages;
  return {
    errors: ms.filter((m) => isDefect(m) && m.severity === 2).length,
    warnings: ms.filter((m) => isDefect(m) && m.severity === 1).length,
    notes: ms.filter((m) => isDefect(m) && m.severity === 0).length,
    doubts: ms.filter((m) => !m.fatal && m.kind === 'doubt').length,
    rules: new Set(ms.filter((m) => isDefect(m) && m.severity >= 1).map((m) => m.ruleId)),
  };
}
const bodyOf = (r: AuditRecord) => r.body ?? r.result.issuer?.name ?? r.id;

/** Per rule: the bodies whose reports break it (errors and warnings of the report, each body once). */
function expectedRuleBodies(records: AuditRecord[]): Map<string, number> {
  const bodies = new Map<string, Set<string>>();
  for (const r of records) for (const id of expectedCounts(r).rules) bodies.set(id, (bodies.get(id) ?? new Set()).add(bodyOf(r)));
  return new Map([...bodies].map(([id, s]) => [id, s.size]));
}

/* ------------------------------------------------------------------ html helpers */

const parse = (page: string) => unified().use(rehypeParse).parse(page) as Root;

function elements(tree: Root | Element, test: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  visit(tree as Root, 'element', (e: Element) => void (test(e) && out.push(e)));
  return out;
}
const classes = (e: Element) => (e.properties.className as string[] | undefined) ?? [];
const byClass = (tree: Root | Element, cls: string) => elements(tree, (e) => classes(e).includes(cls));
const byTag = (tree: Root | Element, tag: string) => elements(tree, (e) => e.tagName === tag);
const byId = (tree: Root, id: string) => elements(tree, (e) => e.properties.id === id)[0];
const text = (e: Element) => toText(e).replace(/\s+/g, ' ').trim();

/* ------------------------------------------------------------------ tests */

let records: AuditRecord[];

beforeAll(async () => {
  records = [];
  for (const c of CASES) records.push(recordOf(c, await lintFixture(c.rel)));
});

describe('formatDashboard', () => {
  let page: string;
  let tree: Root;
  beforeAll(() => {
    page = formatDashboard(records, CROSS, { ...options, coverage: COVERAGE, generatedAt: '2025-02-10 09:00' });
    tree = parse(page);
  });

  it('the fixtures give what the test relies on: defects, a reading doubt, an unreadable file, a clean report', () => {
    const counts = records.map(expectedCounts);
    expect(counts.filter((c) => c.errors > 0).length).toBeGreaterThanOrEqual(5);
    expect(counts.some((c) => c.doubts > 0 && c.errors + c.warnings === 0)).toBe(true);
    expect(records.filter((r) => r.result.fatal)).toHaveLength(1);
    expect(records.some((r) => !r.result.fatal && r.result.messages.length === 0)).toBe(true);
  });

  it('totals: reports, bodies, errors, warnings, notes, reading doubts and unreadable files apart, cross-report findings', () => {
    const totals = Object.fromEntries(elements(tree, (e) => e.properties.dataTotal !== undefined).map((e) => [String(e.properties.dataTotal), Number(toText(byTag(e, 'b')[0]))]));
    const all = records.map(expectedCounts);
    const sum = (k: 'errors' | 'warnings' | 'notes' | 'doubts') => all.reduce((n, c) => n + c[k], 0);
    expect(totals).toEqual({
      reports: records.length,
      bodies: new Set(records.map(bodyOf)).size,
      errors: sum('errors'),
      warnings: sum('warnings'),
      notes: sum('notes'),
      doubts: sum('doubts'),
      unreadable: 1,
      cross: CROSS.length,
    });
    expect(totals.bodies).toBeLessThan(totals.reports);
    expect(toText(tree)).toContain('不是报告本身的问题');
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('2025-02-10 09:00');
  });

  it('one row per record with its counts, the rules it breaks, its cross-report count and a link to its own page', () => {
    const table = byId(tree, 'bodies');
    const tbodies = byTag(table, 'tbody');
    expect(tbodies.map((b) => String(b.properties.dataId)).sort()).toEqual(records.map((r) => r.id).sort());
    const headers = byTag(byTag(table, 'thead')[0], 'th').map(text);
    const col = (name: string) => headers.indexOf(name);
    for (const r of records) {
      const tb = tbodies.find((b) => b.properties.dataId === r.id)!;
      const main = byTag(tb, 'tr').find((tr) => classes(tr).includes('main'))!;
      const cells = main.children.filter((c): c is Element => c.type === 'element');
      expect(cells).toHaveLength(headers.length);
      const want = expectedCounts(r);
      const cellText = (name: string) => text(cells[col(name)]);
      if (r.result.fatal) {
        // an unreadable file is not checked: no counts, marked unreadable
        expect(cellText('错误')).toBe('—');
        expect(cellText('读取情况')).toBe('无法读取');
      } else {
        expect(cellText('错误')).toBe(String(want.errors));
        expect(cellText('警告')).toBe(String(want.warnings));
        expect(cellText('读取情况')).toBe(want.doubts ? `${want.doubts} 处存疑` : '');
      }
      expect(new Set(byTag(cells[col('违反的规则')], 'code').map(text))).toEqual(want.rules);
      expect(cellText('跨报告问题')).toBe(String(CROSS.filter((f) => f.ids.includes(r.id)).length));
      expect(cellText('单位')).toContain(bodyOf(r));
      expect(cellText('年度')).toBe(String(r.year ?? r.result.reportYear ?? ''));
      expect(cellText('地区')).toBe(r.region ?? '');
      const link = byTag(cells[col('检查结果')], 'a')[0];
      expect(link.properties.href).toBe(reportPage(r.id));
      // the problem list under the row: every defect and doubt message, and the cross findings naming it
      const items = byClass(tb, 'p');
      const listed = r.result.fatal ? [] : r.result.messages;
      expect(items).toHaveLength(listed.length + CROSS.filter((f) => f.ids.includes(r.id)).length);
      for (const m of listed) expect(toText(tb)).toContain(m.message);
      if (r.result.fatal) expect(toText(tb)).toContain(r.result.messages[0].message);
      if (!listed.length && !r.result.fatal && !CROSS.some((f) => f.ids.includes(r.id))) expect(text(tb)).toContain('未发现问题');
    }
    // a reading doubt is listed as one, not as the body's warning
    const doubtRow = tbodies.find((b) => b.properties.dataId === idOf('2021/break-unreadable.txt'))!;
    expect(byClass(doubtRow, 'p').every((li) => classes(li).includes('t-doubt'))).toBe(true);
    expect(toText(doubtRow)).toContain('读取存疑（不是报告本身的问题');
    // the worst report leads without any script
    const errorsOf = (tb: Element) => Number(byClass(tb, 'main')[0].children.filter((c): c is Element => c.type === 'element')[col('错误')].properties.dataV);
    const order = tbodies.map(errorsOf);
    expect(order).toEqual([...order].sort((a, b) => b - a));
  });

  it('a cross-report finding is listed under each report it names, naming the other one and linking to its page', () => {
    const tbodies = byTag(byId(tree, 'bodies'), 'tbody');
    const rowOf = (rel: string) => tbodies.find((b) => b.properties.dataId === idOf(rel))!;
    const later = rowOf('2021/department-correct.txt');
    const carry = byClass(later, 'p').find((li) => toText(li).includes('carry-over'))!;
    expect(toText(carry)).toContain(CROSS[0].message);
    const other = byClass(carry, 'other')[0];
    expect(text(other)).toBe('2023年 某县人民政府');
    expect(other.properties.href).toBe(reportPage(idOf('2021/break-application-balance.txt')));
    const earlier = rowOf('2021/break-application-balance.txt');
    expect(text(byClass(byClass(earlier, 'p').find((li) => toText(li).includes('carry-over'))!, 'other')[0])).toBe('2024年 某县人民政府');
    const copied = byClass(rowOf('seeds/004_e501d39fb7faf04c.txt'), 'p').find((li) => toText(li).includes('copied-content'))!;
    expect(text(copied)).toContain('2020年 飞云街道');
    expect(text(copied)).toContain('相似度 93%');
  });

  it('the chart lists the rules broken by the most bodies, counted in bodies', () => {
    const expected = expectedRuleBodies(records);
    const bars = byClass(tree, 'bar').map((g) => [String(g.properties.dataRule), Number(g.properties.dataBodies)] as const);
    expect(bars).toHaveLength(Math.min(10, expected.size));
    for (const [id, n] of bars) expect(n).toBe(expected.get(id));
    // most bodies first, and nothing left out ranks above what is shown
    expect(bars.map(([, n]) => n)).toEqual([...bars.map(([, n]) => n)].sort((a, b) => b - a));
    const shown = new Set(bars.map(([id]) => id));
    const least = Math.min(...bars.map(([, n]) => n));
    for (const [id, n] of expected) if (!shown.has(id)) expect(n).toBeLessThanOrEqual(least);
    // blank-cells: three reports but two bodies (桃江经济开发区 twice)
    const reports = records.filter((r) => expectedCounts(r).rules.has('blank-cells')).length;
    expect(reports).toBe(3);
    expect(bars.find(([id]) => id === 'blank-cells')?.[1]).toBe(2);
    // the reading doubt's rule is not a broken rule
    expect(shown.has('unreadable')).toBe(false);
    // an SVG, drawn in the page
    const svg = byTag(tree, 'svg')[0];
    expect(svg).toBeDefined();
    expect(byClass(svg, 'bar')).toHaveLength(bars.length);
  });

  it('search box and filters for year and region built from the data; the controls wait for the script', () => {
    const years = byTag(byId(tree, 'f-year'), 'option').map((o) => [String(o.properties.value), text(o)]);
    const wantYears = [...new Set(records.map((r) => r.year ?? r.result.reportYear))];
    expect(years[0]).toEqual(['', '全部']);
    expect(new Set(years.slice(1).map(([v]) => v))).toEqual(new Set(wantYears.map((y) => (y === null ? 'none' : `y:${y}`))));
    expect(years.map(([, t]) => t)).toEqual(expect.arrayContaining(['2024年', '2023年', '2020年', '2019年']));
    const regions = byTag(byId(tree, 'f-region'), 'option').map((o) => text(o));
    expect(new Set(regions.slice(1))).toEqual(new Set([...records.map((r) => r.region ?? '（未填地区）')]));
    // each row carries the keys the filters compare
    for (const tb of byTag(byId(tree, 'bodies'), 'tbody')) {
      const r = records.find((x) => x.id === tb.properties.dataId)!;
      expect(tb.properties.dataRegion).toBe(r.region ? `r:${r.region}` : 'none');
    }
    expect(byId(tree, 'q').properties.type).toBe('search');
    expect(byId(tree, 'controls').properties.hidden).toBe(true);
    // sortable headers
    const sortable = elements(byId(tree, 'bodies'), (e) => e.tagName === 'th' && e.properties.dataSort !== undefined);
    expect(sortable.length).toBeGreaterThanOrEqual(8);
  });

  it('coverage: the bodies with no report and those whose report could not be read', () => {
    const cov = byId(tree, 'coverage');
    expect(text(cov)).toContain('2024年度');
    const missing = byClass(cov, 'missing')[0];
    expect(byTag(missing, 'li').map(text)).toEqual(COVERAGE.missing);
    expect(byTag(byClass(cov, 'unreadable')[0], 'li').map(text)).toEqual(COVERAGE.unreadable);
    // without coverage, no such section
    expect(formatDashboard(records, CROSS, options)).not.toContain('id="coverage"');
  });

  it('self-contained: one inline script allowed by its hash, nothing loaded, links only to the reports’ pages', () => {
    const scripts = byTag(tree, 'script');
    expect(scripts).toHaveLength(1);
    expect(scripts[0].properties.src).toBeUndefined();
    const code = (scripts[0].children[0] as Text).value;
    const hash = createHash('sha256').update(code, 'utf8').digest('base64');
    const csp = elements(tree, (e) => e.tagName === 'meta' && e.properties.httpEquiv !== undefined).map((e) => String(e.properties.content));
    expect(csp).toEqual([`default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'`]);
    expect(page).not.toMatch(/<link\b|@import|url\(|\ssrc=/i);
    const hrefs = elements(tree, (e) => e.properties.href !== undefined).map((e) => String(e.properties.href));
    expect(hrefs.length).toBeGreaterThan(records.length);
    for (const h of hrefs) expect(h).toMatch(/^reports\/[^/]+\.html$/);
    expect(elements(tree, (e) => Object.keys(e.properties).some((p) => /^on/i.test(p)))).toEqual([]);
  });

  it('sha256Base64 agrees with node:crypto', () => {
    for (const s of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), '政府信息公开'.repeat(40)]) expect(sha256Base64(s)).toBe(createHash('sha256').update(s, 'utf8').digest('base64'));
  });

  it('English with lang en', () => {
    const en = formatDashboard(records, CROSS, { ...options, lang: 'en', coverage: COVERAGE });
    const t = parse(en);
    expect(en).toContain('<html lang="en">');
    expect(toText(t)).toContain('Rules broken by the most bodies');
    expect(toText(t)).toContain('Bodies with no report (2)');
    expect(byTag(byTag(byId(t, 'bodies'), 'thead')[0], 'th').map(text)).toEqual(['Body', 'Region', 'Year', 'Errors', 'Warnings', 'Rules broken', 'Cross-report', 'Reading', 'Findings']);
    // the labels are English (the messages are as the records hold them)
    expect(new Set(byClass(t, 'sev').map(text))).toEqual(new Set(['error', 'warning', 'note', 'reading doubt']));
  });
});

describe('formatDashboard: nothing from the data runs', () => {
  const evil = '<script>alert(1)</script>';
  const img = '<img src=x onerror=alert(1)>';

  it('escapes body, region, year-less rows, messages, rule ids, cross findings and coverage names', () => {
    const base = records[2];
    const bad: AuditRecord = {
      ...base,
      id: `reports/"><script>alert(3)</script>.html`,
      source: `javascript:alert(4)//${evil}`,
      body: `某局${evil}`,
      region: `"><img src=x onerror=alert(2)>`,
      result: {
        ...base.result,
        messages: [
          { ...base.result.messages[0], message: `合计不符${evil}${img}`, ruleId: `x${evil}` },
          ...base.result.messages.slice(1),
        ],
      },
    };
    const cross: CrossFinding[] = [{ ruleId: 'outlier', severity: 1, ids: [bad.id, records[0].id], body: bad.body, year: 2020, message: `异常${img}` }];
    const coverage = { year: 2024, missing: [evil], unreadable: [img] };
    for (const lang of ['zh', 'en'] as const) {
      const page = formatDashboard([bad, ...records], cross, { ...options, lang, coverage });
      const tree = parse(page);
      // the page's own script and no other; it holds none of the data
      const scripts = byTag(tree, 'script');
      expect(scripts).toHaveLength(1);
      const code = (scripts[0].children[0] as Text).value;
      expect(code).not.toContain('alert');
      expect(elements(tree, (e) => ['img', 'iframe', 'object', 'embed'].includes(e.tagName))).toEqual([]);
      expect(elements(tree, (e) => Object.keys(e.properties).some((p) => /^on/i.test(p)))).toEqual([]);
      expect(page).not.toMatch(/<img/i);
      // no handler attribute in any tag (attribute values, always double-quoted, may hold the payload as text)
      expect(page).not.toMatch(/<[a-z][^\s>]*(?:\s+[^\s=>"]+(?:="[^"]*")?)*\s+on[a-z]+=/i);
      expect(page.match(/<script/gi)).toHaveLength(1);
      // the javascript: source is shown as text, never as a link
      const hrefs = elements(tree, (e) => e.properties.href !== undefined).map((e) => String(e.properties.href));
      for (const h of hrefs) expect(h).toMatch(/^reports\/[^/]+\.html$/);
      expect(page).not.toMatch(/href="javascript:/i);
      // the reader sees the attack as text
      const all = toText(tree);
      expect(all).toContain(`某局${evil}`);
      expect(all).toContain(`合计不符${evil}${img}`);
      expect(all).toContain(`异常${img}`);
      expect(all).toContain(`x${evil}`);
      expect(all).toContain(bad.source);
      // the filter offers the region as a value, escaped
      expect(byTag(byId(tree, 'f-region'), 'option').map(text)).toContain(bad.region);
      // the link to the record's page is the safe page name
      const tb = byTag(byId(tree, 'bodies'), 'tbody').find((b) => b.properties.dataId === bad.id)!;
      expect(byTag(byClass(tb, 'main')[0], 'a')[0].properties.href).toBe(reportPage(bad.id));
      expect(reportPage(bad.id)).toMatch(/^reports\/[\p{L}\p{N}_-]+\.html$/u);
    }
  });
});

/* ------------------------------------------------------------------ the workbook */

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

/** A sheet's rows below the header, as arrays of cell values (column 1 first). */
function body(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}
const header = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);

function expectFinished(ws: ExcelJS.Worksheet, columns: number, rows: number) {
  expect(ws.getRow(1).font?.bold).toBe(true);
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(ws.autoFilter).toBe(`A1:${String.fromCharCode(64 + columns)}${rows + 1}`);
}

describe('formatAuditXlsx', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await load(await formatAuditXlsx(records, CROSS, { lang: 'zh', rules: metas, coverage: COVERAGE }));
  });

  it('has the four sheets, headers bold and frozen, autofilters', () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual(['各单位', '各规则', '跨报告问题', '覆盖情况']);
    for (const ws of wb.worksheets) expectFinished(ws, header(ws).length, body(ws).length);
    expect(header(wb.getWorksheet('各单位')!)).toEqual(['单位', '地区', '年度', '错误数', '警告数', '提示数', '读取存疑数', '违反的规则', '跨报告问题数', '是否可读', '报告文件或网址']);
  });

  it('各单位: one row per report with the record’s counts, apart from reading doubts; an unreadable file has none', () => {
    const rows = body(wb.getWorksheet('各单位')!);
    expect(rows).toHaveLength(records.length);
    records.forEach((r, i) => {
      const want = expectedCounts(r);
      const [name, region, year, errors, warnings, notes, doubts, ruleIds, cross, readable, source] = rows[i];
      expect(name).toBe(bodyOf(r));
      expect(region ?? null).toBe(r.region);
      expect(year).toBe(r.year ?? r.result.reportYear);
      if (r.result.fatal) {
        expect([errors, warnings, notes, doubts].map((v) => v ?? null)).toEqual([null, null, null, null]);
        expect(readable).toBe('否');
      } else {
        expect([errors, warnings, notes, doubts]).toEqual([want.errors, want.warnings, want.notes, want.doubts]);
        expect(readable).toBe('是');
      }
      expect(new Set(ruleIds ? String(ruleIds).split('、') : [])).toEqual(want.rules);
      expect(cross).toBe(CROSS.filter((f) => f.ids.includes(r.id)).length);
      expect(source).toBe(r.source);
    });
  });

  it('各规则: every rule that finds defects, with the bodies breaking it and its findings', () => {
    const rows = body(wb.getWorksheet('各规则')!);
    const expected = expectedRuleBodies(records);
    const defectRules = metas.filter((m) => m.kind === 'defect').map((m) => m.id);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(defectRules));
    for (const [id, desc, bodies, findings] of rows) {
      expect(bodies).toBe(expected.get(String(id)) ?? 0);
      const n = records.flatMap((r) => (r.result.fatal ? [] : r.result.messages)).filter((m) => isDefect(m) && m.severity >= 1 && m.ruleId === id).length;
      expect(findings).toBe(n);
      expect(desc).toBe(metas.find((m) => m.id === id)!.description.zh);
    }
    const counts = rows.map((r) => Number(r[2]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('跨报告问题 and 覆盖情况', () => {
    const rows = body(wb.getWorksheet('跨报告问题')!);
    expect(rows.map((r) => [r[0], r[1], r[2], r[3], r[4], r[5] ?? null])).toEqual([
      ['carry-over', '错误', '某县人民政府', 2024, CROSS[0].message, null],
      ['copied-content', '警告', '飞云街道', 2020, CROSS[1].message, 0.93],
    ]);
    expect(rows[0][6]).toBe(CROSS[0].ids.join('\n'));
    const cov = body(wb.getWorksheet('覆盖情况')!);
    expect(cov).toEqual([
      ['某县财政局', '未报送报告', 2024],
      ['某县教育局', '未报送报告', 2024],
      ['某县交通运输局', '报告无法读取', 2024],
    ]);
  });

  it('text that a spreadsheet would run is kept as text; no coverage sheet without coverage; English names with lang en', async () => {
    const bad: AuditRecord = { ...records[0], id: 'x.txt', body: '=1+1', region: '@SUM(A1)', source: '+cmd|calc' };
    const cross: CrossFinding[] = [{ ruleId: 'outlier', severity: 0, ids: ['x.txt'], body: '-2+3', year: 2020, message: '=HYPERLINK("http://x")' }];
    const out = await load(await formatAuditXlsx([bad], cross, { lang: 'en', rules: metas }));
    expect(out.worksheets.map((s) => s.name)).toEqual(['Bodies', 'Rules', 'Cross-report']);
    const [row] = body(out.getWorksheet('Bodies')!);
    expect(row[0]).toBe(`'=1+1`);
    expect(row[1]).toBe(`'@SUM(A1)`);
    expect(row[10]).toBe(`'+cmd|calc`);
    const [c] = body(out.getWorksheet('Cross-report')!);
    expect(c[2]).toBe(`'-2+3`);
    expect(c[4]).toBe(`'=HYPERLINK("http://x")`);
    for (const ws of out.worksheets)
      ws.eachRow({ includeEmpty: true }, (r) => r.eachCell({ includeEmpty: true }, (cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });
});
