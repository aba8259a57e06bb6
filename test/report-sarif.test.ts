/**
 * The SARIF reporter: valid against the official SARIF 2.1.0 schema (fixtures/sarif/), one result
 * per finding with the right rule, level and place, unreadable files as notifications, and
 * fingerprints that survive lines moving.
 */
import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { formatSarif } from '../src/report/sarif.js';
import { lintBytes } from '../src/engine/lint.js';
import { rules } from '../rules/index.js';
import type { LintResult } from '../src/types.js';
import { fixture, lintFixture, listFixtures } from './helpers/fixtures.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Sarif = any;

const metas = rules.map((r) => r.meta);
const sarifOf = (results: LintResult[], lang: 'zh' | 'en' = 'zh'): Sarif => JSON.parse(formatSarif(results, { lang, rules: metas, toolVersion: '0.1.0' }));

const SEED_002 = 'seeds/002_605866c201a9c82d.txt';
const FATAL = 'bad/truncated.pdf';
const PDF = 'pdf/002_605866c201a9c82d.lo.pdf';
const REALWORLD = 'realworld/huaian-hongze-district-gov-2024.pdf';

let files: string[];
let results: LintResult[];
let log: Sarif;

beforeAll(async () => {
  files = [...(await listFixtures('seeds', '.txt')).map((f) => `seeds/${f}`), FATAL, PDF, REALWORLD];
  results = [];
  for (const f of files) results.push(await lintFixture(f));
  log = sarifOf(results);
}, 120_000);

describe('SARIF 2.1.0 schema', () => {
  it('the log validates against the OASIS schema', () => {
    const schema = JSON.parse(readFileSync(fixture('sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
    // ajv-formats is not installed, so `format` (uri, uri-reference, date-time) is not checked by
    // ajv (validateFormats: false); the uris are checked by hand in the next test.
    const validate = new Ajv({ validateFormats: false, allErrors: true }).compile(schema);
    validate(log);
    expect(validate.errors ?? []).toEqual([]);
    // the schema does bite: a level SARIF does not know, a result with no message
    const broken = JSON.parse(JSON.stringify(log));
    broken.runs[0].results[0].level = 'fatal';
    delete broken.runs[0].results[1].message;
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/runs/0/results/0/level', '/runs/0/results/1']));
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
  });

  it('uris are relative uri references under %SRCROOT%, absolute helpUri/informationUri', () => {
    const run = log.runs[0];
    expect(run.artifacts.map((a: Sarif) => a.location)).toEqual(files.map((f) => ({ uri: `fixtures/${f}`, uriBaseId: '%SRCROOT%' })));
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    for (const r of run.tool.driver.rules) expect(() => new URL(r.helpUri)).not.toThrow();
  });
});

describe('results: one per finding', () => {
  it('one result per non-fatal message, with its rule, level and place, in order', () => {
    const run = log.runs[0];
    const level = ['note', 'warning', 'error'];
    const expected = results.flatMap((r, i) =>
      r.messages
        .filter((m) => !m.fatal)
        .map((m) => ({
          file: i,
          ruleId: m.ruleId,
          rule: m.ruleId,
          level: level[m.severity],
          text: m.message,
          line: m.line ?? undefined,
          column: m.line ? (m.column ?? undefined) : undefined,
        })),
    );
    // a table's blank cells are one finding (and one result), however many rows they are in
    expect(expected.length).toBeGreaterThan(30);
    const actual = run.results.map((s: Sarif) => {
      const loc = s.locations[0].physicalLocation;
      return {
        file: loc.artifactLocation.index,
        ruleId: s.ruleId,
        rule: run.tool.driver.rules[s.ruleIndex].id,
        level: s.level,
        text: s.message.text,
        line: loc.region?.startLine,
        column: loc.region?.startColumn,
      };
    });
    expect(actual).toEqual(expected);
  });

  it("002's reporting period is an error at 208:10, with expected and actual", () => {
    const r = log.runs[0].results.find(
      (s: Sarif) => s.ruleId === 'reporting-period' && s.locations[0].physicalLocation.artifactLocation.uri === `fixtures/${SEED_002}`,
    );
    expect(r.level).toBe('error');
    expect(r.locations[0].physicalLocation.region).toEqual({ startLine: 208, startColumn: 10 });
    expect(r.properties).toEqual({
      kind: 'defect',
      expected: '2020年1月1日至2020年12月31日',
      actual: '2021年1月1日至2021年12月31日',
      quote: '2021年1月1日至2021年12月31日',
    });
    // its certain fix, as SARIF's proposed fix (the log above validates with it)
    expect(r.fixes).toEqual([
      {
        description: { text: '把期限中的年份改为标题中的 2020 年' },
        artifactChanges: [
          {
            artifactLocation: { uri: `fixtures/${SEED_002}`, uriBaseId: '%SRCROOT%', index: files.indexOf(SEED_002) },
            replacements: [
              { deletedRegion: { startLine: 208, startColumn: 10, endLine: 208, endColumn: 14 }, insertedContent: { text: '2020' } },
              { deletedRegion: { startLine: 208, startColumn: 20, endLine: 208, endColumn: 24 }, insertedContent: { text: '2020' } },
            ],
          },
        ],
      },
    ]);
    // a PDF finding has none: its positions are not in a text anyone edits
    expect(log.runs[0].results.filter((x: Sarif) => x.locations[0].physicalLocation.artifactLocation.index === files.indexOf(PDF) && x.fixes)).toEqual([]);
  });

  it('a message without a line has no region; a PDF finding has its page, and the line on that page', () => {
    const run = log.runs[0];
    const noLine = results.flatMap((r) => r.messages.filter((m) => !m.fatal && m.line == null));
    expect(noLine.length).toBeGreaterThan(0);
    const regionless = run.results.filter((s: Sarif) => !s.locations[0].physicalLocation.region);
    expect(regionless).toHaveLength(noLine.length);

    const pdf = files.indexOf(PDF);
    const pdfResults = run.results.filter((s: Sarif) => s.locations[0].physicalLocation.artifactLocation.index === pdf);
    const pdfMessages = results[pdf].messages;
    expect(pdfResults).toHaveLength(pdfMessages.length);
    pdfResults.forEach((s: Sarif, i: number) => {
      expect(s.properties.page).toBe(pdfMessages[i].page);
      expect(s.locations[0].physicalLocation.region?.startLine).toBe(pdfMessages[i].line ?? undefined);
    });
    expect(pdfResults.some((s: Sarif) => s.properties.page > 1)).toBe(true);
  });

  it('an unreadable file is a tool notification, not a result, and the run still succeeded', () => {
    const run = log.runs[0];
    const uri = `fixtures/${FATAL}`;
    expect(run.results.filter((s: Sarif) => s.locations[0].physicalLocation.artifactLocation.uri === uri)).toEqual([]);
    const fatal = results[files.indexOf(FATAL)];
    expect(run.invocations).toHaveLength(1);
    expect(run.invocations[0]).toEqual({
      executionSuccessful: true,
      toolExecutionNotifications: [
        { level: 'error', message: { text: fatal.messages[0].message }, locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' } } }] },
      ],
    });
    expect(run.artifacts[files.indexOf(FATAL)].properties).toEqual({ format: null, reportYear: null, template: null });
    // when nothing at all could be read, the run did not succeed
    expect(sarifOf([fatal]).runs[0].invocations[0].executionSuccessful).toBe(false);
  });

  it('artifacts carry format, reporting year and template', () => {
    const a = log.runs[0].artifacts[files.indexOf(SEED_002)];
    expect(a.properties).toEqual({ format: 'text', reportYear: 2020, template: '2019' });
    expect(log.runs[0].artifacts[files.indexOf(PDF)].properties.format).toBe('pdf');
  });

  it('a doubt stays a doubt; a file name that needs it is percent-encoded', () => {
    const result: LintResult = {
      filePath: 'reports\\2020 年报/桃江#1.txt',
      format: 'text',
      reportYear: 2020,
      template: '2019',
      messages: [
        { ruleId: 'unreadable', severity: 1, kind: 'doubt', message: '一行的数值比列多', line: 3, column: 1, page: null, cell: { table: 'application', row: '（七）总计' } },
        { ruleId: 'publication-date', severity: 0, kind: 'defect', message: 'no date', line: null, column: null, page: null },
      ],
      errorCount: 0,
      warningCount: 1,
      infoCount: 1,
      doubtCount: 1,
      fatal: false,
    };
    const run = sarifOf([result], 'en').runs[0];
    expect(run.results.map((s: Sarif) => [s.ruleId, s.level, s.properties.kind])).toEqual([
      ['unreadable', 'warning', 'doubt'],
      ['publication-date', 'note', 'defect'],
    ]);
    expect(run.results[0].properties.cell).toEqual({ table: 'application', row: '（七）总计' });
    expect(run.results[1].locations[0].physicalLocation.region).toBeUndefined();
    const uri = run.artifacts[0].location.uri;
    expect(uri).toBe('reports/2020%20%E5%B9%B4%E6%8A%A5/%E6%A1%83%E6%B1%9F%231.txt');
    expect(decodeURIComponent(uri)).toBe('reports/2020 年报/桃江#1.txt');
    expect(run.language).toBe('en-US');
  });
});

describe('fingerprints', () => {
  it('stay the same when lines above the findings move', async () => {
    const bytes = readFileSync(fixture(SEED_002));
    const moved = Buffer.concat([Buffer.from('\n\n\n'), bytes]);
    const filePath = `fixtures/${SEED_002}`;
    const before = sarifOf([await lintBytes(bytes, { filePath })]).runs[0].results;
    const after = sarifOf([await lintBytes(moved, { filePath })]).runs[0].results;
    expect(after).toHaveLength(before.length);
    expect(before.map((s: Sarif) => s.ruleId)).toEqual(['narrative-sum', 'blank-cells', 'reporting-period', 'publication-date']);

    const lines = (rs: Sarif[]) => rs.map((s) => s.locations[0].physicalLocation.region?.startLine);
    expect(lines(after)).toEqual(lines(before).map((l) => (l === undefined ? undefined : l + 3)));
    // the places of the grouped blank-cells finding move with it
    const relatedLines = (rs: Sarif[]) => rs.flatMap((s) => (s.relatedLocations ?? []).map((l: Sarif) => l.physicalLocation.region?.startLine));
    expect(relatedLines(before)).toHaveLength(132);
    expect(relatedLines(after)).toEqual(relatedLines(before).map((l) => l + 3));

    const prints = (rs: Sarif[]) => rs.map((s) => s.partialFingerprints['reportlint/v1'] as string);
    expect(new Set(prints(after))).toEqual(new Set(prints(before)));
    // and each finding has its own
    expect(new Set(prints(before)).size).toBe(before.length);
    for (const p of prints(before)) expect(p).toMatch(/^[0-9a-f]{16}:\d+$/);
  });

  it('a grouped finding keeps its fingerprint while it covers the same cells, and gets a new one when a cell is filled in', async () => {
    const text = readFileSync(fixture(SEED_002), 'utf8');
    const blankPrint = async (t: string) => sarifOf([await lintBytes(Buffer.from(t), { filePath: 'r.txt' })]).runs[0].results.find((s: Sarif) => s.ruleId === 'blank-cells');
    const before = await blankPrint(text);
    const moved = await blankPrint(`前言\n\n${text}`);
    expect(moved.partialFingerprints).toEqual(before.partialFingerprints);
    // the first blank cell of the table (一、本年新收 × 商业企业) filled in with 0: the finding covers one cell fewer
    const lines = text.split('\n');
    const at = before.relatedLocations[0].physicalLocation.region;
    lines[at.startLine - 1] = lines[at.startLine - 1].slice(0, at.startColumn - 1) + '0' + lines[at.startLine - 1].slice(at.startColumn - 1);
    // whatever the message language
    const en = sarifOf([await lintBytes(Buffer.from(text), { filePath: 'r.txt', lang: 'en' })], 'en').runs[0].results.find((s: Sarif) => s.ruleId === 'blank-cells');
    expect(en.partialFingerprints).toEqual(before.partialFingerprints);
    const filled = await blankPrint(lines.join('\n'));
    expect(filled.relatedLocations).toHaveLength(before.relatedLocations.length - 1);
    expect(filled.partialFingerprints).not.toEqual(before.partialFingerprints);
  });

  it('differ between files and between rules', () => {
    const all = log.runs[0].results.map((s: Sarif) => s.partialFingerprints['reportlint/v1']);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('a grouped finding', () => {
  it("002's blank cells: one result, at the first row, each of its 132 cells a related location with its own region and text", () => {
    const uri = `fixtures/${SEED_002}`;
    const blank = log.runs[0].results.filter((s: Sarif) => s.ruleId === 'blank-cells' && s.locations[0].physicalLocation.artifactLocation.uri === uri);
    expect(blank).toHaveLength(1);
    const [r] = blank;
    const m = results[files.indexOf(SEED_002)].messages.find((x) => x.ruleId === 'blank-cells')!;
    expect(r.locations[0].physicalLocation.region).toEqual({ startLine: 87, startColumn: 1 });
    expect(r.message.text).toContain('等 22 行有 132 个单元格为空');
    expect(r.relatedLocations).toHaveLength(132);
    expect(r.relatedLocations.map((l: Sarif) => l.id)).toEqual([...Array(132).keys()]);
    r.relatedLocations.forEach((l: Sarif, i: number) => {
      expect(l.physicalLocation.artifactLocation).toEqual({ uri, uriBaseId: '%SRCROOT%', index: files.indexOf(SEED_002) });
      expect(l.physicalLocation.region).toEqual({ startLine: m.related![i].line, startColumn: m.related![i].column });
      expect(l.message.text).toBe(m.related![i].message);
      expect(l.properties.cell).toEqual(m.related![i].cell);
    });
    expect(r.relatedLocations[0]).toEqual({
      id: 0,
      physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%', index: files.indexOf(SEED_002) }, region: { startLine: 89, startColumn: 2 } },
      message: { text: '「一、本年新收政府信息公开申请数量」行「商业企业」列为空' },
      properties: { cell: { table: 'application', row: '一、本年新收政府信息公开申请数量', column: '商业企业' } },
    });
    // a finding with one place has none
    expect(log.runs[0].results.filter((s: Sarif) => s.ruleId === 'reporting-period').every((s: Sarif) => s.relatedLocations === undefined)).toBe(true);
  });

  it('in a PDF, each related location has its page and the line on that page', () => {
    const pdf = files.indexOf(PDF);
    const [r] = log.runs[0].results.filter((s: Sarif) => s.ruleId === 'blank-cells' && s.locations[0].physicalLocation.artifactLocation.index === pdf);
    expect(r.relatedLocations.length).toBe(132);
    for (const l of r.relatedLocations) {
      expect(l.properties.page).toBeGreaterThan(0);
      expect(l.physicalLocation.region.startLine).toBeGreaterThan(0);
    }
  });
});

describe('tool.driver.rules', () => {
  it('lists every rule with its descriptions, help page, default level and kind', () => {
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('reportlint');
    expect(driver.version).toBe('0.1.0');
    expect(driver.rules.map((r: Sarif) => r.id)).toEqual(rules.map((r) => r.meta.id));
    const level = { error: 'error', warn: 'warning', info: 'note' };
    driver.rules.forEach((d: Sarif, i: number) => {
      const meta = rules[i].meta;
      expect(d.name).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(d.shortDescription.text).toBe(meta.description.zh);
      expect(d.fullDescription.text).toBe(`${meta.description.zh} — ${meta.description.en}`);
      expect(d.helpUri).toBe(`https://github.com/reportlint/reportlint/blob/main/docs/rules/${meta.id}.md`);
      expect(d.defaultConfiguration.level).toBe(level[meta.severity]);
      expect(d.properties.kind).toBe(meta.kind);
    });
    expect(driver.rules.find((d: Sarif) => d.id === 'unreadable').properties.kind).toBe('doubt');
    expect(sarifOf([], 'en').runs[0].tool.driver.rules[0].shortDescription.text).toBe(rules[0].meta.description.en);
  });
});

describe('accepted findings', () => {
  it('a finding turned off in the draft is a result with an inSource suppression and its reason, and the log still validates', async () => {
    const text = readFileSync(fixture(SEED_002), 'utf8').replace('六、其他需要报告的事项', '<!-- reportlint-disable reporting-period -- 更正说明已另行发布 -->\n六、其他需要报告的事项');
    const r = await lintBytes(Buffer.from(text), { filePath: 'draft.txt' });
    const sarif = sarifOf([r]);
    const suppressed = sarif.runs[0].results.filter((x: Sarif) => x.suppressions);
    expect(suppressed).toEqual([expect.objectContaining({ ruleId: 'reporting-period', suppressions: [{ kind: 'inSource', justification: '更正说明已另行发布' }] })]);
    expect(sarif.runs[0].results).toHaveLength(r.messages.length + 1);
    const schema = JSON.parse(readFileSync(fixture('sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
    const validate = new Ajv({ validateFormats: false, allErrors: true }).compile(schema);
    validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
  });
});
