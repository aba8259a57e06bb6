/**
 * The check page in a real Chromium (issue #16): the same findings as the CLI for the seeds in
 * every format and the real PDFs, nothing requested from anywhere but the page itself, working
 * with the network off and from disk, a hostile report shown as text, and its controls (fixes,
 * exports, settings, a config file, paste, English) doing what they say.
 */
import { describe, it, expect, beforeAll, afterAll, jest } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildPage, checkFiles, cliFindings, cliResults, launch, serve, sorted, waitShown } from './helpers/browser.js';
import { fixture } from './helpers/fixtures.js';
import { applyFix } from '../src/engine/fix.js';
import { PAGE_CSP } from '../src/web/csp.js';

// Chromium checking two dozen reports on a busy 2-core machine takes minutes, not seconds: the
// limit only stops a test that hangs (speed is measured in bench/web.mjs, never here)
jest.setTimeout(900_000);

const SEEDS = ['000_82d6f7fdece5d549', '001_9c5af0f5dc6921f6', '002_605866c201a9c82d', '003_079ed3c1b799cbd0', '004_e501d39fb7faf04c'];
const EVERY_FORMAT = [
  ...SEEDS.map((s) => fixture('seeds', `${s}.txt`)),
  ...SEEDS.map((s) => fixture('html', `${s}.html`)),
  ...SEEDS.map((s) => fixture('docx', `${s}.docx`)),
  ...SEEDS.map((s) => fixture('pdf', `${s}.lo.pdf`)),
  fixture('realworld', 'huaian-hongze-district-gov-2024.pdf'),
  fixture('realworld', 'huaian-municipal-gov-2024.pdf'),
  // correct reports: no finding on either side
  fixture('clean', '2020-department.html'),
  fixture('clean', '2020-township.txt'),
];
const SEED_002 = fixture('seeds', `${SEEDS[2]}.txt`);

let web: string;
let browser: Browser;
let server: { url: string; stop: () => Promise<void> };
const tmp = mkdtempSync(path.join(tmpdir(), 'reportlint-webtest-'));

beforeAll(async () => {
  web = await buildPage();
  [browser, server] = await Promise.all([launch(), serve(web)]);
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh page on the served check page, every request it makes recorded. */
async function open(url = server.url): Promise<{ page: Page; context: BrowserContext; requests: string[]; dialogs: string[] }> {
  const context = await browser.newContext({ acceptDownloads: true });
  // on a busy machine a page may take long to load or answer: every wait stops only a hang
  context.setDefaultTimeout(300_000);
  const page = await context.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  return { page, context, requests, dialogs };
}

const own = (url: string, origin: string) => url.startsWith(origin) || url.startsWith(`blob:${origin.replace(/\/$/, '')}/`) || url.startsWith('blob:null/');

describe('reportlint serve', () => {
  it('serves the page on 127.0.0.1 with its policy as a header, and nothing but the page’s own files', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("connect-src 'none'");
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const body = await index.text();
    expect(body).toContain('<script src="app.js"></script>');
    // the page carries the same policy in its <meta>, for when it is opened from disk
    expect(body).toContain(`<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">`);
    expect(index.headers.get('content-security-policy')).toBe(`${PAGE_CSP}; frame-ancestors 'none'`);
    expect((await fetch(`${server.url}app.js`, { method: 'HEAD' })).status).toBe(200);
    // nothing above its folder, no other kind of file, nothing but reading
    const outside = path.join(path.dirname(web), `outside-${path.basename(web)}.js`);
    writeFileSync(outside, 'secret');
    writeFileSync(path.join(web, '.hidden.js'), 'secret');
    for (const p of [`..%2F${path.basename(outside)}`, `%2E%2E%2F${path.basename(outside)}`, '.hidden.js', 'nothing.js']) expect([p, (await fetch(`${server.url}${p}`)).status]).toEqual([p, 404]);
    expect((await fetch(server.url, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});

describe('the check page in Chromium', () => {
  it('shows exactly the findings the CLI gives, for the seeds in every format and the real PDFs, and asks for nothing from elsewhere', async () => {
    const { page, context, requests } = await open();
    // the progress line, every text it shows
    await page.waitForFunction(() => document.body.dataset.state === 'ready');
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { progress: string[] }).progress = []);
      const line = document.getElementById('progress')!;
      new MutationObserver(() => seen.push(line.textContent ?? '')).observe(line, { childList: true, characterData: true, subtree: true });
    });
    const shown = await checkFiles(page, EVERY_FORMAT);
    const progress = await page.evaluate(() => (window as unknown as { progress: string[] }).progress);
    const n = EVERY_FORMAT.length;
    expect(progress.slice(0, -1)).toEqual(EVERY_FORMAT.map((f, i) => `正在检查 ${i + 1}/${n}：${path.basename(f)}`));
    expect(progress[progress.length - 1]).toMatch(new RegExp(`^已检查 ${n} 个文件，用时 [\\d.]+ 秒。$`));
    const cli = await cliFindings(EVERY_FORMAT);
    expect(shown.map((s) => s.name)).toEqual(EVERY_FORMAT.map((f) => path.basename(f)));
    for (const s of shown) {
      expect(s.failed).toBeNull();
      expect([s.name, sorted(s.findings)]).toEqual([s.name, sorted(cli.get(s.name)!)]);
    }
    // the seeds are reports with defects, the clean ones have none: the comparison is not of empties
    expect(shown.filter((s) => s.name.startsWith('00')).every((s) => s.findings.length > 0)).toBe(true);
    expect(shown.filter((s) => s.name.startsWith('2020-')).map((s) => s.findings)).toEqual([[], []]);
    // every request was for the page's own files or the workers it made from its own code
    expect(requests.filter((u) => !own(u, server.url))).toEqual([]);
    expect(requests.some((u) => u.endsWith('/app.js'))).toBe(true);
    await context.close();
  });

  it('keeps working with the network off, and opened from disk', async () => {
    const { page, context, requests } = await open();
    await page.waitForFunction(() => document.body.dataset.state === 'ready');
    await context.setOffline(true);
    const offline = await checkFiles(page, [fixture('pdf', `${SEEDS[2]}.lo.pdf`), SEED_002]);
    const cli = await cliFindings([fixture('pdf', `${SEEDS[2]}.lo.pdf`), SEED_002]);
    for (const s of offline) expect(sorted(s.findings)).toEqual(sorted(cli.get(s.name)!));
    expect(requests.filter((u) => !own(u, server.url))).toEqual([]);
    await context.close();

    const fromDisk = await open(pathToFileURL(path.join(web, 'index.html')).href);
    const shown = await checkFiles(fromDisk.page, [fixture('docx', `${SEEDS[2]}.docx`)]);
    expect(sorted(shown[0].findings)).toEqual(sorted((await cliFindings([fixture('docx', `${SEEDS[2]}.docx`)])).get(`${SEEDS[2]}.docx`)!));
    expect(fromDisk.requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:null/'))).toEqual([]);
    await fromDisk.context.close();
  });

  it('shows a hostile report as text: no script of its runs, no handler or javascript: link reaches the page', async () => {
    const seed = readFileSync(SEED_002, 'utf8');
    const payload = '<script>window.pwned=1;alert(1)</script><img src=x onerror="window.pwned=2;alert(2)"><a href="javascript:alert(3)">点此</a>';
    // in the title, a paragraph and a table cell, as text
    const text = seed
      .replace(/^(.*年度报告)/m, `$1${payload}`)
      .replace('一、总体情况', `一、总体情况\n${payload}`)
      .replace(/^(.*?\|)/m, `$1${payload}|`);
    writeFileSync(path.join(tmp, 'hostile.txt'), text);
    // and as markup an HTML report really holds
    const page0 = readFileSync(fixture('html', `${SEEDS[2]}.html`), 'utf8');
    const markup = page0
      .replace(/<title>/i, `<title>&lt;script&gt;alert(4)&lt;/script&gt;`)
      .replace(/<body([^>]*)>/i, `<body$1><script>window.pwned=3;alert(5)</script><iframe src="javascript:alert(6)"></iframe>`)
      .replace(/<td([^>]*)>/i, `<td$1><img src=x onerror="window.pwned=4;alert(7)">&lt;img src=x onerror=alert(8)&gt;<a href="javascript:alert(9)">链接</a>`);
    writeFileSync(path.join(tmp, 'hostile.html'), markup);

    const { page, context, dialogs } = await open();
    const shown = await checkFiles(page, [path.join(tmp, 'hostile.txt'), path.join(tmp, 'hostile.html')]);
    expect(shown.map((s) => s.failed)).toEqual([null, null]);
    // the attack reached the page as text (it is in the shown report and in findings' quotes)
    const results = page.locator('#results');
    expect(await results.innerText()).toContain('<script>window.pwned=1;alert(1)</script>');
    expect(await results.innerText()).toContain('<img src=x onerror=alert(8)>');
    const found = await page.evaluate(() => {
      const all = [...document.querySelectorAll('#results *')];
      return {
        pwned: (window as unknown as { pwned?: number }).pwned ?? null,
        dangerous: all.filter((e) => ['SCRIPT', 'IMG', 'IFRAME', 'OBJECT', 'EMBED'].includes(e.tagName)).length,
        handlers: all.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
        jsLinks: all.filter((e) => /^\s*javascript:/i.test(e.getAttribute('href') ?? '') || /^\s*javascript:/i.test(e.getAttribute('src') ?? '')).length,
        scripts: [...document.scripts].map((s) => s.src.split('/').pop()),
      };
    });
    expect(found).toEqual({ pwned: null, dangerous: 0, handlers: 0, jsLinks: 0, scripts: ['app.js'] });
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('offers the certain fixes as a fixed copy: the CLI’s fixes applied, which lints without the fixed findings and with no new one', async () => {
    const { page, context } = await open();
    await checkFiles(page, [SEED_002]);
    const entry = page.locator(`.entry[data-file-name="${path.basename(SEED_002)}"]`);
    expect(await entry.locator('.fixes li').count()).toBe(2);
    const [download] = await Promise.all([page.waitForEvent('download'), entry.locator('.download-fixed').click()]);
    expect(download.suggestedFilename()).toBe(`${SEEDS[2]}.fixed.txt`);
    const fixedText = readFileSync((await download.path())!, 'utf8');
    // the same edits the CLI's JSON offers
    const [cli] = await cliResults([SEED_002]);
    const fixes = cli.messages.filter((m) => m.fix);
    expect(fixes.map((m) => m.ruleId).sort()).toEqual(['narrative-sum', 'reporting-period'].sort());
    expect(fixedText).toBe(applyFix(readFileSync(SEED_002, 'utf8'), { title: '', edits: fixes.flatMap((m) => m.fix!.edits) }));
    const fixedFile = path.join(tmp, `${SEEDS[2]}.fixed.txt`);
    writeFileSync(fixedFile, fixedText);
    const after = (await cliFindings([fixedFile])).get(path.basename(fixedFile))!;
    const before = cli.messages.map((m): [string, number] => [m.ruleId, m.severity]);
    expect(sorted(after)).toEqual(sorted(before.filter(([id]) => !fixes.some((m) => m.ruleId === id))));
    // a GBK web page: the fixed copy is GBK too, so its <meta charset> stays true
    const gbk = fixture('html', `${SEEDS[2]}.html`);
    await page.click('#clear');
    await checkFiles(page, [gbk]);
    const [gbkDownload] = await Promise.all([page.waitForEvent('download'), page.locator(`.entry[data-file-name="${path.basename(gbk)}"] .download-fixed`).click()]);
    const [gbkCli] = await cliResults([gbk]);
    const gbkFixes = gbkCli.messages.filter((m) => m.fix);
    expect(gbkFixes.map((m) => m.ruleId).sort()).toEqual(['narrative-sum', 'reporting-period']);
    const gbkFixed = readFileSync((await gbkDownload.path())!);
    expect(new TextDecoder('gb18030').decode(gbkFixed)).toBe(applyFix(new TextDecoder('gb18030').decode(readFileSync(gbk)), { title: '', edits: gbkFixes.flatMap((m) => m.fix!.edits) }));
    const gbkFile = path.join(tmp, `${SEEDS[2]}.fixed.html`);
    writeFileSync(gbkFile, gbkFixed);
    expect(sorted((await cliFindings([gbkFile])).get(path.basename(gbkFile))!)).toEqual(sorted(gbkCli.messages.filter((m) => !m.fix).map((m): [string, number] => [m.ruleId, m.severity])));

    // a Word draft: the page's fixed copy is byte for byte the copy `check --fix` writes beside it
    const docx = path.join(tmp, `${SEEDS[2]}.docx`);
    writeFileSync(docx, readFileSync(fixture('docx', `${SEEDS[2]}.docx`)));
    await page.click('#clear');
    await checkFiles(page, [docx]);
    const [docxDownload] = await Promise.all([page.waitForEvent('download'), page.locator(`.entry[data-file-name="${path.basename(docx)}"] .download-fixed`).click()]);
    expect(docxDownload.suggestedFilename()).toBe(`${SEEDS[2]}.fixed.docx`);
    await cliResults([docx], ['--fix']);
    const written = readFileSync(path.join(tmp, `${SEEDS[2]}.fixed.docx`));
    expect(written.length).toBeGreaterThan(0);
    expect(Buffer.compare(readFileSync((await docxDownload.path())!), written)).toBe(0);
    await context.close();
  });

  it('exports the findings as XLSX and as the standalone HTML report', async () => {
    const { page, context } = await open();
    const files = [SEED_002, fixture('html', `${SEEDS[0]}.html`)];
    const shown = await checkFiles(page, files);
    const total = shown.reduce((n, s) => n + s.findings.length, 0);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    const rows: string[] = [];
    sheet.eachRow((row, n) => void (n > 1 && rows.push(`${row.getCell(1).text}|${row.getCell(4).text}`)));
    expect(rows.sort()).toEqual(shown.flatMap((s) => s.findings.map(([id]) => `${s.name}|${id}`)).sort());
    const [report] = await Promise.all([page.waitForEvent('download'), page.click('#export-html')]);
    const htmlReport = readFileSync((await report.path())!, 'utf8');
    expect(htmlReport.match(/data-rule-id="/g)?.length).toBe(total);
    expect(htmlReport).toContain('Content-Security-Policy');
    await context.close();
  });

  it('applies its settings: a rule level, a forced format, a config file dropped in, English; and checks pasted text', async () => {
    const { page, context } = await open();
    const name = path.basename(SEED_002);
    const cli = await cliFindings([SEED_002]);
    await checkFiles(page, [SEED_002]);
    // a rule turned off in the settings: checked again without it
    await page.locator('.settings > summary').click();
    await page.locator('.settings details > summary').click();
    await page.selectOption('select[data-rule="blank-cells"]', 'off');
    let shown = await waitShown(page);
    expect(sorted(shown[0].findings)).toEqual(sorted(cli.get(name)!.filter(([id]) => id !== 'blank-cells')));
    await page.selectOption('select[data-rule="blank-cells"]', 'default');
    // the 2021 format forced on a 2020 report, as --template 2021 does
    await page.selectOption('#template', '2021');
    shown = await waitShown(page);
    expect(sorted(shown[0].findings)).toEqual(sorted((await cliFindings([SEED_002], ['--template', '2021'])).get(name)!));
    await page.selectOption('#template', 'auto');
    await waitShown(page);
    // a config file: its rule levels apply, as the CLI's --config does
    const config = path.join(tmp, '.reportlintrc.json');
    writeFileSync(config, JSON.stringify({ rules: { 'narrative-sum': 'off', 'publication-date': 'warn' } }));
    await page.setInputFiles('#config-pick', config);
    shown = await waitShown(page);
    expect(await page.locator('#config-state').innerText()).toContain('.reportlintrc.json');
    expect(sorted(shown[0].findings)).toEqual(sorted((await cliFindings([SEED_002], ['--config', config])).get(name)!));
    // a report and a config dropped on the page together: the config applies to the report
    await page.click('#clear');
    const dropped = await page.evaluateHandle(
      ([report, rc]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([report], 'dropped.txt', { type: 'text/plain' }));
        dt.items.add(new File([rc], '.reportlintrc.json', { type: 'application/json' }));
        return dt;
      },
      [readFileSync(SEED_002, 'utf8'), JSON.stringify({ rules: { 'reporting-period': 'off' } })],
    );
    await page.dispatchEvent('#drop', 'drop', { dataTransfer: dropped });
    shown = await waitShown(page);
    expect(shown.map((s) => [s.name, s.failed])).toEqual([["dropped.txt", null]]);
    const droppedConfig = path.join(tmp, 'dropped', '.reportlintrc.json');
    mkdirSync(path.dirname(droppedConfig), { recursive: true });
    writeFileSync(droppedConfig, JSON.stringify({ rules: { 'reporting-period': 'off' } }));
    expect(sorted(shown[0].findings)).toEqual(sorted((await cliFindings([SEED_002], ['--config', droppedConfig])).get(name)!));
    await page.setInputFiles('#config-pick', config);
    shown = await waitShown(page);
    // a broken config is said so, and changes nothing
    const broken = path.join(tmp, 'broken.json');
    writeFileSync(broken, JSON.stringify({ rules: { 'no-such-rule': 'off' } }));
    await page.setInputFiles('#config-pick', broken);
    await page.waitForFunction(() => /no-such-rule/.test(document.getElementById('config-state')!.textContent ?? ''));
    // English: the messages are the CLI's --lang en messages
    await page.click('#lang');
    shown = await waitShown(page);
    const en = await cliResults([SEED_002], ['--lang', 'en', '--config', config]);
    const messages = await page.locator('.entry .f-msg').allInnerTexts();
    expect(messages.sort()).toEqual(en[0].messages.map((m) => m.message).sort());
    expect(await page.locator('h1').innerText()).toBe('Government information disclosure annual report check');
    await context.close();

    // pasted text is checked as the .txt file is
    const pasted = await open();
    await pasted.page.waitForFunction(() => document.body.dataset.state === 'ready');
    await pasted.page.locator('.paste-box > summary').click();
    await pasted.page.fill('#paste', readFileSync(SEED_002, 'utf8'));
    await pasted.page.click('#paste-check');
    const fromPaste = await waitShown(pasted.page);
    expect(sorted(fromPaste[0].findings)).toEqual(sorted(cli.get(name)!));
    await pasted.context.close();
  });
});
