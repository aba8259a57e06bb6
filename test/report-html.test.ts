/**
 * The HTML page (src/report/html.ts): every finding listed once and marked in the paragraph or
 * table cell it points into, the report's tables drawn as tables; nothing from a report can run
 * as markup; and the page loads nothing from anywhere.
 */
import { describe, it, expect } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';
import type { Element, Root } from 'hast';
import { lint, rules } from '../src/index.js';
import { lintBytes } from '../src/engine/lint.js';
import { formatHtml, safeHref, escapeHtml } from '../src/report/html.js';
import type { LintResult } from '../src/types.js';
import { fixture, root } from './helpers/fixtures.js';

const pkg = JSON.parse(await readFile(`${root}/package.json`, 'utf8')) as { version: string };
const options = { lang: 'zh' as const, rules: rules.map((r) => r.meta), toolVersion: pkg.version };

const SEED = 'seeds/002_605866c201a9c82d.txt';
const BALANCE = '2021/break-application-balance.html';
const REALWORLD = 'realworld/huaian-hongze-district-gov-2024.pdf';

const lintView = (rel: string) => lint(fixture(rel), { view: true, filePath: `fixtures/${rel}` });

const parse = (page: string) => unified().use(rehypeParse).parse(page) as Root;

function elements(tree: Root, test: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  visit(tree, 'element', (e: Element) => void (test(e) && out.push(e)));
  return out;
}
const classes = (e: Element) => (e.properties.className as string[] | undefined) ?? [];
const byClass = (tree: Root | Element, cls: string) => elements(tree as Root, (e) => classes(e).includes(cls));

let linted: Promise<LintResult[]> | null = null;
/** The three reports, linted once with their view for all tests. */
const three = () => (linted ??= Promise.all([lintView(SEED), lintView(BALANCE), lintView(REALWORLD)]));

describe('formatHtml: findings listed and marked in place', () => {
  it('lists every finding of every file once, and every mark and back link leads somewhere', async () => {
    const results = await three();
    const page = formatHtml(results, options);
    const tree = parse(page);
    const sections = elements(tree, (e) => e.tagName === 'section');
    expect(sections).toHaveLength(3);
    results.forEach((r, f) => {
      expect(r.view).toBeDefined();
      const items = elements(sections[f] as unknown as Root, (e) => e.tagName === 'li' && e.properties.dataFinding !== undefined);
      // grouped by the part of the report they stand in, each listed once
      expect(items.map((e) => Number(e.properties.dataFinding)).sort((a, b) => a - b)).toEqual(r.messages.map((_, i) => i));
      // each finding's text is there
      items.forEach((li) => expect(toText(li)).toContain(r.messages[Number(li.properties.dataFinding)].message));
    });
    expect(page.match(/data-finding="/g)).toHaveLength(results.reduce((n, r) => n + r.messages.length, 0));
    // every in-page link points to an id that exists; ids are unique
    const ids = elements(tree, (e) => e.properties.id !== undefined).map((e) => String(e.properties.id));
    expect(new Set(ids).size).toBe(ids.length);
    const targets = elements(tree, (e) => e.tagName === 'a' && String(e.properties.href ?? '').startsWith('#')).map((e) => String(e.properties.href).slice(1));
    for (const t of targets) expect(ids).toContain(t);
    // every finding that the view places has a badge in the text, and its entry links back to it
    results.forEach((r, f) => {
      const placed = new Set(r.view!.blocks.flatMap((b) => b.messages));
      for (const i of placed) expect(ids).toContain(`r${f}-m${i}`);
      for (const i of r.view!.unplaced) expect(ids).not.toContain(`r${f}-m${i}`);
    });
    // the header's totals: three files, the reading doubts apart from the defects
    expect(page).toContain('<html lang="zh-CN">');
    const totals = byClass(tree, 'total').map((e) => toText(e).replace(/\s+/g, ''));
    const errors = results.flatMap((r) => r.messages).filter((m) => m.severity === 2 && m.kind === 'defect').length;
    expect(totals).toEqual(expect.arrayContaining(['3文件', `${errors}错误`]));
    expect(totals.some((t) => t.endsWith('读取存疑'))).toBe(true);
  });

  it('the 2021 application-balance fixture: its two findings mark exactly the （七）总计 cells of 自然人 and 总计', async () => {
    const r = (await three())[1];
    expect(r.messages.map((m) => m.ruleId)).toEqual(['application-balance', 'application-balance']);
    const tree = parse(formatHtml([r], options));
    const marked = elements(tree, (e) => (e.tagName === 'td' || e.tagName === 'th') && classes(e).includes('mark'));
    expect(marked).toHaveLength(2);
    // the text of each marked cell is the （七）总计 value the finding reports
    const reported = r.messages.map((m) => /（七）总计 (\d+)/.exec(m.message)?.[1]);
    expect(reported).toEqual(['53', '63']);
    expect(marked.map((td) => toText(byClass(td, 'cell-text')[0]))).toEqual(reported);
    expect(r.messages.map((m) => m.cell?.column)).toEqual(['自然人', '总计']);
    // each cell carries the badge of its own finding, and is coloured as an error
    marked.forEach((td, i) => {
      const badges = byClass(td, 'badge');
      expect(badges.map((b) => b.properties.href)).toEqual([`#r0-f${i}`]);
      expect(classes(td)).toContain('t-error');
    });
    // no paragraph is marked
    expect(byClass(tree, 'doc-para').filter((p) => classes(p).includes('mark'))).toEqual([]);
  });

  it('groups the findings by the part of the report they stand in, the unplaced after them', async () => {
    const [seed, balance, realworld] = await three();
    const groups = (r: LintResult) => {
      const tree = parse(formatHtml([r], options));
      return byClass(tree, 'f-group').map((g) => [String(g.properties.dataGroup), elements(g as unknown as Root, (e) => e.tagName === 'li' && e.properties.dataRuleId !== undefined).map((e) => String(e.properties.dataRuleId)).join(',')]);
    };
    // seed 002: the sum at line 9 is in part 二 (from line 8), the blank cell in 三's table, the period and date at lines 208 and 210 in 六 (from 207)
    expect(groups(seed)).toEqual([['part-2', 'narrative-sum'], ['part-3', 'blank-cells'], ['part-6', 'reporting-period,publication-date']]);
    expect(groups(balance)).toEqual([['part-3', 'application-balance,application-balance']]);
    // the published PDF: its missing date points at no text, so it comes last
    expect(groups(realworld)).toEqual([['part-1', 'overview-topics,narrative-table-agreement'], ['part-3', 'table-shape,table-shape'], ['other', 'publication-date']]);
    // reading doubts stand apart, last, wherever they are in the text
    const doubtful = await lintView('2021/break-unreadable.txt');
    const doubts = doubtful.messages.filter((m) => m.kind === 'doubt').map((m) => m.ruleId);
    expect(doubts.length).toBeGreaterThan(0);
    const all = groups(doubtful);
    expect(all.pop()).toEqual(['doubt', doubts.join(',')]);
    expect(all.flatMap(([, ids]) => ids.split(','))).not.toContain('unreadable');
  });

  it('lights the cells a sum is made of beside the total it checks, and they add up to the computed sum', async () => {
    for (const rel of ['2021/break-application-totals.html', '2021/break-application-totals.txt', '2021/break-application-balance.html']) {
      const r = await lintView(rel);
      const tree = parse(formatHtml([r], options));
      const tallies = r.messages.map((m, i) => [m, i] as const).filter(([m]) => m.ruleId === 'application-totals' || m.ruleId === 'application-balance');
      expect(tallies.length).toBeGreaterThan(0);
      for (const [m, i] of tallies) {
        const lit = elements(tree, (e) => String(e.properties.dataOperandOf ?? '').split(' ').includes(String(i)));
        expect(lit.length).toBeGreaterThan(1);
        const values = lit.map((e) => Number(toText(e).replace(/[^\d]/g, '')));
        // totals: the parts add up to what the finding computed; balance: 新收 + 结转 = 总计 + 结转下年度, so 新收 + 上年结转 − 结转下年度 is the expected 总计
        if (m.ruleId === 'application-totals') expect(values.reduce((a, b) => a + b, 0)).toBe(Number(m.expected));
        else expect(values).toHaveLength(3);
        // the total itself is marked as the finding's place, not as an operand
        expect(lit.every((e) => !classes(e).includes('mark') || e.properties.dataOperandOf !== undefined)).toBe(true);
      }
    }
  });

  it('the published PDF: its five findings listed, one unplaced, and its tables drawn as <table> grids with spans', async () => {
    const r = (await three())[2];
    expect(r.messages).toHaveLength(5);
    const page = formatHtml([r], options);
    const tree = parse(page);
    const items = elements(tree, (e) => e.tagName === 'li' && e.properties.dataFinding !== undefined);
    expect(items).toHaveLength(5);
    for (const m of r.messages) expect(page).toContain(escapeHtml(m.message));
    const tables = elements(tree, (e) => e.tagName === 'table' && classes(e).includes('doc-table'));
    const viewTables = r.view!.blocks.filter((b) => b.kind === 'table');
    expect(viewTables.length).toBeGreaterThanOrEqual(3);
    expect(tables).toHaveLength(viewTables.length);
    // merged cells stay merged
    expect(page).toMatch(/<t[dh] rowspan="\d+"/);
    expect(page).toMatch(/<t[dh][^>]* colspan="\d+"/);
    // the unplaced finding (no date at all) is listed only, and says so
    expect(r.view!.unplaced).toHaveLength(1);
    const unplaced = items.find((e) => e.properties.dataFinding === String(r.view!.unplaced[0]))!;
    expect(toText(unplaced)).toContain('未定位到正文');
    // the two table-shape findings mark the misnamed row labels
    const marked = elements(tree, (e) => (e.tagName === 'td' || e.tagName === 'th') && classes(e).includes('mark'));
    expect(marked.map((td) => toText(byClass(td, 'cell-text')[0]))).toEqual(['2.其他法律行政止公开', '（六）其他处理']);
    // the page shows the file's facts
    expect(toText(byClass(tree, 'facts')[0])).toContain('淮安市洪泽区人民政府');
  });

  it('a reading doubt is counted and coloured apart from the report’s warnings', async () => {
    const r = await lintView('2021/break-unreadable.txt');
    expect(r.messages.map((m) => [m.ruleId, m.severity, m.kind])).toEqual([['unreadable', 1, 'doubt']]);
    const tree = parse(formatHtml([r], options));
    const totals = byClass(tree, 'total').map((e) => toText(e).replace(/\s+/g, ''));
    expect(totals).toEqual(expect.arrayContaining(['0警告', '1读取存疑']));
    const [li] = byClass(tree, 'finding');
    expect(classes(li)).toContain('t-doubt');
    expect(toText(byClass(li, 'sev')[0])).toBe('读取存疑');
    // the text's table is drawn as a grid: the doubt lights the row it could not place, at its label
    const marked = byClass(byClass(tree, 'doc')[0], 'mark');
    expect(marked.map((e) => [e.tagName, classes(e), toText(byClass(e, 'cell-text')[0])])).toEqual([['td', ['mark', 't-doubt'], '（一）予以公开']]);
    expect(toText(tree)).toContain('不是报告本身的问题');
  });

  it('a view index that names no finding (findings dropped after linting) marks nothing and breaks nothing', async () => {
    const r = (await three())[1];
    const trimmed: LintResult = { ...r, messages: r.messages.slice(0, 1), errorCount: 1 };
    const tree = parse(formatHtml([trimmed], options));
    const marked = elements(tree, (e) => (e.tagName === 'td' || e.tagName === 'th') && classes(e).includes('mark'));
    expect(marked.map((td) => toText(byClass(td, 'cell-text')[0]))).toEqual(['53']);
    expect(byClass(tree, 'badge').map((b) => b.properties.href)).toEqual(['#r0-f0']);
  });

  it('a grouped finding: each place it lists marked in place with its badge, and listed under its entry with a link there', async () => {
    const r = await lintView('html/002_605866c201a9c82d.html');
    const i = r.messages.findIndex((m) => m.ruleId === 'blank-cells');
    expect(r.messages.filter((m) => m.ruleId === 'blank-cells')).toHaveLength(1);
    const m = r.messages[i];
    expect(m.related).toHaveLength(132);
    const tree = parse(formatHtml([r], options));
    // in the text: the 132 blank cells, each marked as an error with a badge that leads to the finding
    const rel = byClass(tree, 'rel');
    expect(rel).toHaveLength(132);
    for (const b of rel) expect(b.properties.href).toBe(`#r0-f${i}`);
    const cells = elements(tree, (e) => e.tagName === 'td' && byClass(e, 'rel').length > 0);
    expect(cells).toHaveLength(132);
    for (const td of cells) {
      expect(classes(td)).toEqual(expect.arrayContaining(['mark', 't-error']));
      expect(toText(byClass(td, 'cell-text')[0])).toBe('');
    }
    // the finding's own badge stands on the first row's label
    const own = elements(tree, (e) => e.properties.id === `r0-m${i}`)[0];
    expect(own.properties.href).toBe(`#r0-f${i}`);
    // under its entry: every place, where it is and what is wrong there, linked to its mark
    const [entry] = elements(tree, (e) => e.tagName === 'li' && e.properties.dataFinding === String(i));
    const [details] = byClass(entry, 'related');
    expect(details.tagName).toBe('details');
    expect(details.properties.open).toBeUndefined(); // folded: 132 places
    expect(toText(elements(details as unknown as Root, (e) => e.tagName === 'summary')[0])).toBe('涉及 132 处');
    const items = elements(details as unknown as Root, (e) => e.tagName === 'li');
    expect(items.map((li) => Number(li.properties.dataRelated))).toEqual([...Array(132).keys()]);
    items.forEach((li, k) => expect(toText(li)).toContain(m.related![k].message));
    const ids = new Set(elements(tree, (e) => e.properties.id !== undefined).map((e) => String(e.properties.id)));
    const links = items.map((li) => String(elements(li as unknown as Root, (e) => e.tagName === 'a')[0].properties.href).slice(1));
    for (const l of links) expect(ids).toContain(l);
    // each place leads to its own cell: 132 different marks, each the cell the place names
    expect(new Set(links).size).toBe(132);
    const cellOf = (id: string) => elements(tree, (e) => e.tagName === 'td' && byClass(e, 'rel').some((b) => b.properties.id === id))[0];
    expect(links.every((l) => cellOf(l) !== undefined)).toBe(true);
  });

  it('a grouped finding with few places lists them unfolded; a text report’s table is a grid whose cells its places light', async () => {
    const r = await lintView(SEED);
    const i = r.messages.findIndex((m) => m.ruleId === 'blank-cells');
    const few: LintResult = { ...r, messages: r.messages.map((m, k) => (k === i ? { ...m, related: m.related!.slice(0, 6) } : m)) };
    const tree = parse(formatHtml([few], options));
    const [entry] = elements(tree, (e) => e.tagName === 'li' && e.properties.dataFinding === String(i));
    const [details] = byClass(entry, 'related');
    expect(details.properties.open).toBe(true);
    // the six blank cells of the first row (its line of the text drawn as a row of the grid): each lit, each place linking to its own cell
    const links = elements(details as unknown as Root, (e) => e.tagName === 'a').map((a) => String(a.properties.href));
    expect(new Set(links).size).toBe(6);
    const marked = elements(tree, (e) => e.tagName === 'td' && byClass(e, 'rel').length > 0);
    expect(marked).toHaveLength(6);
    for (const td of marked) expect(classes(td)).toEqual(expect.arrayContaining(['mark', 't-error']));
    expect(marked.map((td) => toText(byClass(td, 'cell-text')[0]))).toEqual(['', '', '', '', '', '']);
    for (const href of links) expect(marked.some((td) => byClass(td, 'rel').some((b) => `#${b.properties.id}` === href))).toBe(true);
  });

  it('a baseline that drops a finding before it keeps the grouped finding’s places marked, under its new number', async () => {
    const r = await lintView(SEED);
    const { makeBaseline, applyBaseline } = await import('../src/engine/baseline.js');
    const accepted = makeBaseline([r]);
    accepted.findings = accepted.findings.filter((f) => f.ruleId === 'narrative-sum');
    const [after] = applyBaseline([r], accepted).results;
    const i = after.messages.findIndex((m) => m.ruleId === 'blank-cells');
    expect(i).toBe(r.messages.findIndex((m) => m.ruleId === 'blank-cells') - 1);
    const tree = parse(formatHtml([after], options));
    const rel = byClass(tree, 'rel');
    expect(rel.length).toBeGreaterThan(0);
    for (const b of rel) expect(b.properties.href).toBe(`#r0-f${i}`);
  });

  it('English labels with lang en; a file linted without view lists its findings only; a fatal file shows its one message', async () => {
    const plain = await lint(fixture(SEED), { filePath: `fixtures/${SEED}` });
    const fatal = await lint(fixture('bad/empty.txt'), { filePath: 'fixtures/bad/empty.txt' });
    const page = formatHtml([plain, fatal], { ...options, lang: 'en' });
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Findings');
    expect(page).not.toContain('class="doc-table"');
    expect(page).not.toContain('class="doc"');
    expect(page.match(/data-finding="/g)).toHaveLength(plain.messages.length + 1);
    expect(page).toContain(escapeHtml(fatal.messages[0].message));
    expect(page).toContain('unreadable');
    expect(page).not.toContain('not placed in the text');
  });
});

describe('formatHtml: nothing from a report runs', () => {
  const evil = '<script>alert(1)</script>';
  const img = '<img src=x onerror=alert(1)>';
  // the page's text holds the markup as text (entities in the source); raw tags are there too, which the reader drops
  const enc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const report = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>某县${enc(evil)}人民政府2024年政府信息公开工作年度报告</title><script>alert(2)</script></head><body>
<h1>某县${enc(evil)}人民政府2024年政府信息公开工作年度报告</h1>
<p>一、总体情况</p>
<p>2024年，我县主动公开政府信息100条，其中${enc(img)}门户网站30条，政务微信40条。${img}</p>
<table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章${enc(img)}</td><td>${enc(evil)}</td><td>0</td><td>"'&amp;</td></tr></table>
<p>二、主动公开政府信息情况</p>
<p>本报告统计期限为2024年1月1日至2024年12月31日。</p>
</body></html>`;
  const filePath = `reports/"><script>alert(3)</script>${img}.html`;

  it('escapes document text, quotes, messages, the issuer and the file path', async () => {
    const r = await lintBytes(new TextEncoder().encode(report), { filePath, view: true });
    // the attack reached the places it has to be escaped in: the text, a finding, the issuer, the path
    const blocks = JSON.stringify(r.view);
    expect(blocks).toContain(evil);
    expect(blocks).toContain(img);
    expect(r.issuer?.name ?? r.title).toContain(evil);
    expect(r.messages.some((m) => `${m.message}${m.quote ?? ''}${m.actual ?? ''}`.includes('<'))).toBe(true);
    for (const lang of ['zh', 'en'] as const) {
      const page = formatHtml([r, r], { ...options, lang });
      expect(page).not.toMatch(/<script/i);
      // (attribute values are data: the file path stands escaped in data-file-name)
      expect(page.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\sonerror=/i);
      expect(page).not.toMatch(/<img/i);
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(page).toContain('reports/&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;');
      const tree = parse(page);
      expect(elements(tree, (e) => e.tagName === 'script' || e.tagName === 'img' || e.tagName === 'iframe')).toEqual([]);
      const handlers = elements(tree, (e) => Object.keys(e.properties).some((p) => /^on/i.test(p)));
      expect(handlers).toEqual([]);
      // the text a reader sees is the attack as text
      expect(toText(tree)).toContain(evil);
      expect(toText(tree)).toContain(filePath);
    }
  });

  it('drops a rule doc link that is not a relative path or http(s)', () => {
    expect(safeHref('docs/rules/blank-cells.md')).toBe('docs/rules/blank-cells.md');
    expect(safeHref('https://example.org/rules/x')).toBe('https://example.org/rules/x');
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\nscript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>', '//evil.example/x', 'vbscript:x', 'file:///etc/passwd', ''])
      expect(safeHref(bad)).toBeNull();
    const r: LintResult = {
      filePath: 'x.txt', format: 'text', reportYear: 2024, template: '2021', messages: [
        { ruleId: 'blank-cells', severity: 2, kind: 'defect', message: 'm', line: 1, column: 1, page: null, url: 'javascript:alert(1)' },
      ], errorCount: 1, warningCount: 0, infoCount: 0, doubtCount: 0, fatal: false,
    };
    const page = formatHtml([r], { ...options, rules: [] });
    expect(page).not.toContain('javascript:');
    expect(page).toContain('<span class="rule"');
  });
});

describe('formatHtml: a self-contained page', () => {
  it('loads no stylesheet, script, font or image; the only links out are the relative rule docs', async () => {
    const results = await three();
    for (const lang of ['zh', 'en'] as const) {
      const page = formatHtml(results, { ...options, lang, generatedAt: '2025-03-01 10:00' });
      expect(page).not.toMatch(/<link\b/i);
      expect(page).not.toMatch(/@import/i);
      expect(page).not.toMatch(/url\(/i);
      expect(page).not.toMatch(/\ssrc=/i);
      expect(page).not.toMatch(/<script/i);
      // no http(s) anywhere in an attribute, and no protocol-relative one
      expect(page).not.toMatch(/(src|href|action)="(https?:)?\/\//i);
      const tree = parse(page);
      const hrefs = elements(tree, (e) => e.properties.href !== undefined).map((e) => String(e.properties.href));
      const outward = hrefs.filter((h) => !h.startsWith('#'));
      expect(outward.length).toBeGreaterThan(0);
      for (const h of outward) expect(h).toMatch(/^docs\/rules\/[a-z-]+\.md$/);
      // a Content-Security-Policy that forbids any load, for anything the escaping might miss
      const csp = elements(tree, (e) => e.tagName === 'meta' && e.properties.httpEquiv !== undefined).map((e) => String(e.properties.content));
      expect(csp).toEqual([expect.stringMatching(/^default-src 'none'; style-src 'unsafe-inline';/)]);
      expect(page).toContain('2025-03-01 10:00');
    }
  });
});
