/**
 * `reportlint check --fix` and `--fix-dry-run` through the built CLI, on copies of the fixtures in a
 * temporary folder: text, Markdown and HTML drafts rewritten in place (in their own encoding, every
 * other byte kept), Word drafts corrected in a copy beside them whose other ZIP entries are the
 * original's byte for byte and whose document.xml differs only in the text of the changed runs; the
 * copy opens in mammoth and LibreOffice and lints without the fixed findings and with no new one.
 */
import { describe, it, expect, beforeAll } from '@jest/globals';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import iconv from 'iconv-lite';
import mammoth from 'mammoth';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { cli, tempDir } from './helpers/cli.js';
import { rawEntries } from './helpers/zip.js';
import { fixture } from './helpers/fixtures.js';
import { lintBytes } from '../src/engine/lint.js';
import type { FixEdit, LintResult } from '../src/types.js';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const counts = (r: LintResult) => {
  const out: Record<string, number> = {};
  for (const m of r.messages) out[m.ruleId] = (out[m.ruleId] ?? 0) + 1;
  return out;
};
const minus = (a: Record<string, number>, rules: string[]) => {
  const out = { ...a };
  for (const r of rules) if (--out[r] === 0) delete out[r];
  return out;
};
/** edits applied as an editor applies them (not the linter's own code) */
const applyEdits = (text: string, edits: FixEdit[]) =>
  TextDocument.applyEdits(TextDocument.create('file:///d', 'plaintext', 1, text), edits.map((e) => ({ range: { start: { line: e.line - 1, character: e.column - 1 }, end: { line: e.endLine - 1, character: e.endColumn - 1 } }, newText: e.text })));
const json = (out: string) => JSON.parse(out) as Array<LintResult & { output?: string }>;

function copy(rel: string, dir: string): string {
  const to = path.join(dir, path.basename(rel));
  copyFileSync(fixture(rel), to);
  return to;
}

interface Draft {
  rel: string;
  encoding: 'utf-8' | 'gbk';
  before: Record<string, number>;
  fixed: string[];
  /** the changes the notes list: place, before → after (all of them, or the first few and a count) */
  changes: string[];
  changeCount: number;
  /** the exit code after the fixes (1 when an error is left) */
  exit: 0 | 1;
}

const DRAFTS: Draft[] = [
  {
    rel: 'seeds/002_605866c201a9c82d.txt',
    encoding: 'utf-8',
    before: { 'narrative-sum': 1, 'blank-cells': 1, 'reporting-period': 1, 'publication-date': 1 },
    fixed: ['narrative-sum', 'reporting-period'],
    changes: ['9:133    262 → 236  narrative-sum', '208:10   2021 → 2020  reporting-period', '208:20   2021 → 2020  reporting-period'],
    changeCount: 3,
    exit: 1,
  },
  {
    // GBK, <meta charset=gbk>: written back in GBK, the four changed digits the only changed bytes
    rel: 'html/002_605866c201a9c82d.html',
    encoding: 'gbk',
    before: { 'narrative-sum': 1, 'blank-cells': 1, 'reporting-period': 1, 'publication-date': 1 },
    fixed: ['narrative-sum', 'reporting-period'],
    changes: ['54:161   262 → 236  narrative-sum', '124:38   2021 → 2020  reporting-period', '124:48   2021 → 2020  reporting-period'],
    changeCount: 3,
    exit: 1,
  },
  {
    rel: 'seeds/000_82d6f7fdece5d549.txt',
    encoding: 'utf-8',
    before: { 'publication-date': 1, 'conversion-artifacts': 1, 'narrative-table-agreement': 1, 'section-table-present': 3 },
    fixed: ['conversion-artifacts'],
    changes: ['(xiàn) → ', '(jù) → '],
    changeCount: 163,
    exit: 1,
  },
  {
    rel: 'html/000_82d6f7fdece5d549.html',
    encoding: 'utf-8',
    before: { 'publication-date': 1, 'conversion-artifacts': 1, 'narrative-table-agreement': 1, 'section-table-present': 3 },
    fixed: ['conversion-artifacts'],
    changes: ['(xiàn) → ', '(jù) → '],
    changeCount: 163,
    exit: 1,
  },
  {
    rel: 'markdown/pingtan-zone-2023.period.md',
    encoding: 'utf-8',
    before: { 'publication-date': 1, 'reporting-period': 1, 'overview-topics': 1, 'narrative-table-agreement': 1 },
    fixed: ['reporting-period'],
    changes: ['3:160    2022 → 2023  reporting-period', '3:171    2022 → 2023  reporting-period'],
    changeCount: 2,
    // what is left is warnings and a note: no error
    exit: 0,
  },
  { rel: '2021/break-narrative-sum.txt', encoding: 'utf-8', before: { 'narrative-sum': 1 }, fixed: ['narrative-sum'], changes: ['336 → 326  narrative-sum'], changeCount: 1, exit: 0 },
  { rel: '2021/break-reporting-period.html', encoding: 'utf-8', before: { 'reporting-period': 1 }, fixed: ['reporting-period'], changes: ['2023 → 2024  reporting-period'], changeCount: 2, exit: 0 },
];

describe('check --fix on text, Markdown and HTML drafts: in place', () => {
  it.each(DRAFTS)('$rel: dry run changes no byte; --fix writes exactly the certain fixes and the findings left are the others', async (d) => {
    const dir = tempDir();
    const file = copy(d.rel, dir);
    const name = path.basename(file);
    const original = readFileSync(file);
    const text = d.encoding === 'gbk' ? iconv.decode(original, 'gbk') : original.toString('utf8');
    expect(d.encoding === 'gbk' ? iconv.encode(text, 'gbk').equals(original) : true).toBe(true);

    // the fixes offered, as the JSON output offers them
    const plain = json((await cli(['check', '--format', 'json', name], { cwd: dir })).out)[0];
    expect(counts(plain)).toEqual(d.before);
    expect(plain.messages.filter((m) => m.fix).map((m) => m.ruleId)).toEqual(d.fixed);
    const expected = applyEdits(text, plain.messages.flatMap((m) => m.fix?.edits ?? []));

    const hash = sha(file);
    const dry = await cli(['check', '--fix-dry-run', '--format', 'json', name], { cwd: dir });
    expect(sha(file)).toBe(hash);
    expect(readdirSync(dir)).toEqual([name]);
    const [dryResult] = json(dry.out);
    expect(dryResult.output).toBe(expected);
    expect(counts(dryResult)).toEqual(minus(d.before, d.fixed));
    expect(dry.err).toContain(`${name}: 将修正 ${d.changeCount} 处（试运行，未写入文件）`);
    for (const c of d.changes) expect(dry.err).toContain(c);

    const fixed = await cli(['check', '--fix', '--format', 'json', name], { cwd: dir });
    const [result] = json(fixed.out);
    expect(fixed.code).toBe(d.exit);
    expect(fixed.err).toContain(`${name}: 已修正 ${d.changeCount} 处，已写回原文件`);
    expect(counts(result)).toEqual(minus(d.before, d.fixed));
    expect(result.output).toBe(expected);
    // the bytes: the corrected text in the file's own encoding, so every other byte is the original's
    const written = readFileSync(file);
    expect(written.equals(d.encoding === 'gbk' ? iconv.encode(expected, 'gbk') : Buffer.from(expected, 'utf8'))).toBe(true);

    // and the fixed file, checked again on its own, has the findings that were not fixed, no new one
    const again = json((await cli(['check', '--format', 'json', name], { cwd: dir })).out)[0];
    expect(counts(again)).toEqual(minus(d.before, d.fixed));
    expect(again.messages.filter((m) => m.fix)).toEqual([]);
  });

  it('seed 002 as text: the two numbers and the period, nothing else (spelled out, not derived from the fixes)', async () => {
    const dir = tempDir();
    const file = copy('seeds/002_605866c201a9c82d.txt', dir);
    const original = readFileSync(file, 'utf8');
    await cli(['check', '--fix', path.basename(file)], { cwd: dir });
    expect(readFileSync(file, 'utf8')).toBe(original.replace('我区主动公开信息262条', '我区主动公开信息236条').replace('2021年1月1日至2021年12月31日', '2020年1月1日至2020年12月31日'));
  });

  it('seed 002 as a GBK page: exactly four bytes differ, the four changed digits', async () => {
    const dir = tempDir();
    const file = copy('html/002_605866c201a9c82d.html', dir);
    const before = readFileSync(file);
    await cli(['check', '--fix', path.basename(file)], { cwd: dir });
    const after = readFileSync(file);
    expect(after.length).toBe(before.length);
    const diff = [...after.keys()].filter((i) => after[i] !== before[i]).map((i) => `${String.fromCharCode(before[i])}${String.fromCharCode(after[i])}`);
    expect(diff).toEqual(['63', '26', '10', '10']);
  });

  it('stylish output and English: the findings left, and the notes in English with --lang en', async () => {
    const dir = tempDir();
    const file = copy('2021/break-reporting-period.html', dir);
    const r = await cli(['check', '--fix', '--lang', 'en', path.basename(file)], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toContain('no problems');
    expect(r.err).toContain('break-reporting-period.html: made 2 changes, written back to the file');
    expect(r.err).toMatch(/\d+:\d+ +2023 → 2024  reporting-period/);
  });

  it('a finding turned off by an inline comment or accepted by the baseline keeps its text: only the others are fixed', async () => {
    const dir = tempDir();
    const lines = readFileSync(fixture('seeds/002_605866c201a9c82d.txt'), 'utf8').split('\n');
    lines.splice(8, 0, '<!-- reportlint-disable-next-line narrative-sum -- 含转载信息 -->');
    const draft = lines.join('\n');
    writeFileSync(path.join(dir, 'a.txt'), draft);
    const r = await cli(['check', '--fix', '--format', 'json', 'a.txt'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe(draft.replace('2021年1月1日至2021年12月31日', '2020年1月1日至2020年12月31日'));
    const [res] = json(r.out);
    expect(counts(res)).toEqual({ 'blank-cells': 1, 'publication-date': 1 });
    expect(res.suppressedMessages!.map((m) => m.ruleId)).toEqual(['narrative-sum']);
    // the baseline: accept the period, fix the total
    writeFileSync(path.join(dir, 'b.txt'), readFileSync(fixture('seeds/002_605866c201a9c82d.txt')));
    await cli(['check', '--write-baseline', '--rule', 'narrative-sum:off', '--rule', 'blank-cells:off', '--rule', 'publication-date:off', 'b.txt'], { cwd: dir });
    const b = await cli(['check', '--fix', 'b.txt'], { cwd: dir });
    expect(b.err).toContain('b.txt: 已修正 1 处，已写回原文件');
    expect(readFileSync(path.join(dir, 'b.txt'), 'utf8')).toBe(readFileSync(fixture('seeds/002_605866c201a9c82d.txt'), 'utf8').replace('我区主动公开信息262条', '我区主动公开信息236条'));
  });

  it('a fix the proof rejects is left, and said so (the table-4 total the prose also states)', async () => {
    const dir = tempDir();
    const file = copy('2021/break-review-litigation-totals.txt', dir);
    const hash = sha(file);
    const r = await cli(['check', '--fix', '--format', 'json', path.basename(file)], { cwd: dir });
    expect(r.code).toBe(1);
    expect(sha(file)).toBe(hash);
    const [m] = json(r.out)[0].messages;
    expect(m.ruleId).toBe('review-litigation-totals');
    expect(m.fix).toBeUndefined();
    expect(m.fixRefused).toMatchObject({ title: '把总计 1 改为 2', code: 'not-proved' });
    expect(r.err).toContain('break-review-litigation-totals.txt: 未修正任何内容');
    expect(r.err).toMatch(/未修正 \d+:\d+ review-litigation-totals：把总计 1 改为 2——按此修正后复查出现了新的问题/);
    expect(r.out).not.toContain('"output"');
  });
});

/** The text of every <w:t>, and the XML with those texts taken out. */
function runs(docx: Buffer): { texts: string[]; skeleton: string } {
  const xml = strFromU8(unzipSync(docx)['word/document.xml']);
  const texts: string[] = [];
  const skeleton = xml.replace(/(<w:t(?:\s[^>]*)?>)([^<]*)(<\/w:t>)/g, (_, open: string, t: string, close: string) => {
    texts.push(t);
    return `${open}\u0000${close}`;
  });
  return { texts, skeleton };
}

interface WordDraft {
  rel: string;
  before: Record<string, number>;
  fixed: string[];
  /** each changed <w:t>: its text before and after */
  changedRuns: Array<[string, string]>;
  /** lines of the notes */
  notes: string[];
  /** text the fixed copy shows (mammoth) */
  shows?: string;
}

const PINYIN = ['(xiàn)', '(jù)', '(fù)', '(jìn)', '(shù)'];
const WORD: WordDraft[] = [
  {
    rel: 'docx/002_605866c201a9c82d.docx',
    before: { 'narrative-sum': 1, 'blank-cells': 1, 'reporting-period': 1, 'publication-date': 1 },
    fixed: ['narrative-sum', 'reporting-period'],
    changedRuns: [['262', '236'], ['2021', '2020'], ['2021', '2020']],
    notes: ['第16段     262 → 236  narrative-sum', '第26段     2021 → 2020  reporting-period'],
    shows: '本报告的起止时间为2020年1月1日至2020年12月31日',
  },
  {
    rel: 'docx/000_82d6f7fdece5d549.docx',
    before: { 'publication-date': 1, 'conversion-artifacts': 1, 'narrative-table-agreement': 1, 'section-table-present': 3 },
    fixed: ['conversion-artifacts'],
    changedRuns: PINYIN.map((p) => [p, '']),
    notes: ['第7段      (xiàn) →   conversion-artifacts'],
  },
  {
    rel: '2021/break-reporting-period.docx',
    before: { 'reporting-period': 1 },
    fixed: ['reporting-period'],
    changedRuns: [['2023', '2024'], ['2023', '2024']],
    notes: ['第12段     2023 → 2024  reporting-period'],
    shows: '统计期限自2024年1月1日起至2024年12月31日止',
  },
  {
    // each year in three runs 「2」「0」「23」 with their own rsid: only the 「23」 runs change
    rel: '2021/break-reporting-period.split-runs.docx',
    before: { 'reporting-period': 1 },
    fixed: ['reporting-period'],
    changedRuns: [['23', '24'], ['23', '24']],
    notes: ['第12段     2023 → 2024  reporting-period'],
    shows: '统计期限自2024年1月1日起至2024年12月31日止',
  },
  { rel: '2021/break-narrative-sum.docx', before: { 'narrative-sum': 1 }, fixed: ['narrative-sum'], changedRuns: [['336', '326']], notes: ['第15段     336 → 326  narrative-sum'], shows: '全年主动公开政府信息326条' },
  {
    // a table cell: table 4's 行政复议 总计, certain here because the prose does not state the count
    rel: '2021/break-review-litigation-totals.silent.docx',
    before: { 'review-litigation-totals': 1 },
    fixed: ['review-litigation-totals'],
    changedRuns: [['1', '2']],
    notes: ['表格3第4行第5列 1 → 2  review-litigation-totals  表4 › 行政复议 › 总计'],
  },
];

describe('check --fix on Word drafts: a corrected copy beside the original', () => {
  const dir = tempDir();
  const done = new Map<string, { result: LintResult; err: string; code: number }>();
  beforeAll(async () => {
    for (const w of WORD) copy(w.rel, dir);
    const hashes = WORD.map((w) => sha(path.join(dir, path.basename(w.rel))));
    const r = await cli(['check', '--fix', '--format', 'json', ...WORD.map((w) => path.basename(w.rel))], { cwd: dir });
    const results = json(r.out);
    WORD.forEach((w, i) => {
      // the originals are never written
      expect(sha(path.join(dir, path.basename(w.rel)))).toBe(hashes[i]);
      done.set(w.rel, { result: results[i], err: r.err, code: r.code });
    });
  }, 180_000);

  it.each(WORD)('$rel: only the changed runs differ; every other entry is byte-identical; the copy lints without the fixed findings', async (w) => {
    const original = readFileSync(fixture(w.rel));
    const copyPath = path.join(dir, path.basename(w.rel).replace(/\.docx$/, '.fixed.docx'));
    const fixed = readFileSync(copyPath);
    const { result, err } = done.get(w.rel)!;
    expect(result.filePath).toBe(path.basename(copyPath));
    expect(counts(result)).toEqual(minus(w.before, w.fixed));
    expect(err).toContain(`${path.basename(w.rel)}: 已修正`);
    expect(err).toContain(`修正后的副本写到 ${path.basename(copyPath)}（原文件未改动）`);
    for (const n of w.notes) expect(err).toContain(n);

    // every entry but word/document.xml: the same stored bytes (local header and compressed data), the same content
    const a = rawEntries(original);
    const b = rawEntries(fixed);
    expect([...b.keys()]).toEqual([...a.keys()]);
    const ua = unzipSync(original);
    const ub = unzipSync(fixed);
    for (const name of a.keys()) {
      if (name === 'word/document.xml') continue;
      expect(b.get(name)!.raw.equals(a.get(name)!.raw)).toBe(true);
      expect(Buffer.from(ub[name]).equals(Buffer.from(ua[name]))).toBe(true);
    }
    // word/document.xml: the same XML around the runs' text; only the text of the changed runs differs
    const ra = runs(original);
    const rb = runs(fixed);
    expect(rb.skeleton).toBe(ra.skeleton);
    const changed = ra.texts.flatMap((t, i) => (t !== rb.texts[i] ? [[t, rb.texts[i]] as [string, string]] : []));
    if (w.fixed[0] === 'conversion-artifacts') {
      expect(changed).toHaveLength(163);
      expect(changed.slice(0, 5)).toEqual(w.changedRuns);
      // a run holding the annotation alone is emptied; one holding it and a comma keeps the comma
      expect(changed.filter(([t, u]) => t.replace(/\([a-zàáǎāèéěēìíǐīòóǒōùúǔūǖǘǚǜü]+\)/, '') !== u)).toEqual([]);
    } else expect(changed).toEqual(w.changedRuns);

    // mammoth opens it, and shows the corrected text
    const html = (await mammoth.convertToHtml({ buffer: fixed })).value;
    if (w.shows) expect(html).toContain(w.shows);
    if (w.fixed[0] === 'conversion-artifacts') expect(html).not.toContain('(xiàn)');

    // checked again on its own: the findings not fixed, none new
    const again = json((await cli(['check', '--format', 'json', path.basename(copyPath)], { cwd: dir })).out)[0];
    expect(counts(again)).toEqual(minus(w.before, w.fixed));
  });

  it('every fixed copy converts to PDF in LibreOffice, and the PDFs show the corrections', async () => {
    const out = path.join(dir, 'pdf');
    mkdirSync(out, { recursive: true });
    const copies = WORD.map((w) => path.basename(w.rel).replace(/\.docx$/, '.fixed.docx'));
    // a profile of its own: parallel runs of soffice with one profile clash
    const profile = `file://${tempDir('reportlint-lo-')}`;
    await promisify(execFile)('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, ...copies], { cwd: dir, timeout: 240_000 });
    for (const c of copies) {
      const pdf = readFileSync(path.join(out, c.replace(/\.docx$/, '.pdf')));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }
    // what LibreOffice laid out is the corrected text: the period fixed in both Word drafts that had it wrong
    for (const c of ['002_605866c201a9c82d.fixed.pdf', 'break-reporting-period.split-runs.fixed.pdf']) {
      const r = await lintBytes(readFileSync(path.join(out, c)), { filePath: c });
      expect(r.fatal).toBe(false);
      expect(r.messages.map((m) => m.ruleId)).not.toContain('reporting-period');
    }
  }, 300_000);

  it('--fix-dry-run on a Word draft writes no copy and changes no byte', async () => {
    const d = tempDir();
    const file = copy('docx/002_605866c201a9c82d.docx', d);
    const hash = sha(file);
    const r = await cli(['check', '--fix-dry-run', path.basename(file)], { cwd: d });
    expect(r.code).toBe(1);
    expect(sha(file)).toBe(hash);
    expect(readdirSync(d)).toEqual([path.basename(file)]);
    expect(r.err).toContain('002_605866c201a9c82d.docx: 将修正 3 处（试运行，未写入文件）');
    expect(r.err).toContain('第26段     2021 → 2020  reporting-period');
    // what would be left: the findings the copy would have
    expect(r.out).not.toContain('reporting-period');
    expect(r.out).toContain('blank-cells');
  });

  it('a Word draft with nothing certain to fix gets no copy: the correct report, and the total the prose also states', async () => {
    const d = tempDir();
    copy('2021/department-correct.docx', d);
    copy('2021/break-review-litigation-totals.docx', d);
    const clean = await cli(['check', '--fix', 'department-correct.docx'], { cwd: d });
    expect(clean.code).toBe(0);
    expect(clean.err).toBe('');
    const r = await cli(['check', '--fix', '--format', 'json', 'break-review-litigation-totals.docx'], { cwd: d });
    expect(r.code).toBe(1);
    expect(readdirSync(d).sort()).toEqual(['break-review-litigation-totals.docx', 'department-correct.docx']);
    expect(json(r.out)[0].messages.map((m) => [m.ruleId, m.fixRefused?.code])).toEqual([['review-litigation-totals', 'not-proved']]);
    expect(r.err).toContain('未修正 表格3第4行第5列 review-litigation-totals：把总计 1 改为 2——按此修正后复查出现了新的问题');
  });

  it('a fix that cannot be placed with certainty (the year inside a field) is not applied, and the CLI says why', async () => {
    const d = tempDir();
    const files = unzipSync(readFileSync(fixture('2021/break-reporting-period.docx')));
    const xml = strFromU8(files['word/document.xml']);
    const run = /<w:r><w:rPr><w:sz w:val="24"\/><\/w:rPr><w:t>2023<\/w:t><\/w:r>/;
    expect(run.test(xml)).toBe(true);
    // the year as the result of a field: mammoth shows the result, but it is Word's to recompute
    const field = (r: string) => `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> QUOTE 2023 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${r}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    files['word/document.xml'] = strToU8(xml.replace(run, field));
    writeFileSync(path.join(d, 'field.docx'), zipSync(files));
    const r = await cli(['check', '--fix', '--format', 'json', 'field.docx'], { cwd: d });
    expect(r.code).toBe(1);
    expect(existsSync(path.join(d, 'field.fixed.docx'))).toBe(false);
    const [m] = json(r.out)[0].messages;
    expect([m.ruleId, m.fix, m.fixRefused?.code]).toEqual(['reporting-period', undefined, 'docx-complex']);
    expect(r.err).toContain('field.docx: 未修正任何内容');
    expect(r.err).toContain('未修正 第12段 reporting-period：把期限中的年份改为标题中的 2024 年——这一段含域代码、修订标记、文本框、符号或分页符，不自动修改');
    const en = await cli(['check', '--fix-dry-run', '--lang', 'en', 'field.docx'], { cwd: d });
    expect(en.err).toContain("not fixed ¶12 reporting-period: Change the period's year to the title's year, 2024 — the paragraph holds field codes");
  });

  it('a paragraph that Word shows once but the XML holds twice (a copy in a text box mammoth does not show) is not guessed at', async () => {
    const d = tempDir();
    const files = unzipSync(readFileSync(fixture('2021/break-reporting-period.docx')));
    const xml = strFromU8(files['word/document.xml']);
    const at = xml.indexOf('统计期限');
    const start = xml.lastIndexOf('<w:p>', at);
    const end = xml.indexOf('</w:p>', at) + '</w:p>'.length;
    const box = `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="1000000" cy="500000"/><wp:docPr id="99" name="box"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>${xml.slice(start, end)}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
    files['word/document.xml'] = strToU8(xml.slice(0, end) + box + xml.slice(end));
    writeFileSync(path.join(d, 'box.docx'), zipSync(files));
    const r = await cli(['check', '--fix', '--format', 'json', 'box.docx'], { cwd: d });
    expect(existsSync(path.join(d, 'box.fixed.docx'))).toBe(false);
    expect(json(r.out)[0].messages.map((m) => [m.ruleId, m.fixRefused?.code])).toEqual([['reporting-period', 'docx-ambiguous']]);
    expect(r.err).toContain('未修正 第12段 reporting-period：把期限中的年份改为标题中的 2024 年——Word 文档中读来相同的段落数目对不上，无法确定是哪一段');
  });
});
