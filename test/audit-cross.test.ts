/**
 * Checks across reports (src/audit/cross.ts) over the facts of real fixture reports
 * (src/audit/facts.ts): the 2024 reports of fixtures/2021 and the reports of fixtures/audit
 * (written by fixtures/audit/make-audit.mjs), which pair with them — a consistent and a broken
 * carry-over pair, a consistent and a broken in-force chain, a copied report, a ten-fold count —
 * and a scale test of copied-content on 2,000 seeded signatures with planted near-duplicates.
 */
import { describe, it, expect } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { fixture, modelOf } from './helpers/fixtures.js';
import { extract } from '../src/extract/index.js';
import { normalizeTree } from '../src/extract/normalize.js';
import { buildModel } from '../src/model/index.js';
import { factsOf, minhash, proseOf, similarity, MINHASH_SIZE } from '../src/audit/facts.js';
import { banding, bodyKey, coverage, crossCheck, type CrossRecord } from '../src/audit/cross.js';
import type { ReportFacts } from '../src/audit/types.js';

const FIXTURES = [
  '2021/department-correct.txt', // 某市生态环境局 2024
  '2021/government-correct.txt', // 某县人民政府 2024
  '2021/township-correct.txt', // 某县城关镇人民政府 2024
  'audit/department-2023.txt', // consistent with department 2024 (carry-over and in force)
  'audit/government-2023.txt', // carry-over broken (自然人, 法律服务机构)
  'audit/township-2023.txt', // in force broken (行政规范性文件)
  'audit/transport-2023.txt', // 某市交通运输局: 行政处罚 41 …
  'audit/transport-2024.txt', // … then 410
  'audit/copied-2024.txt', // 某市自然资源局: department 2024's prose, names and numbers changed
];

async function recordOf(rel: string): Promise<CrossRecord & { facts: ReportFacts }> {
  const facts = factsOf(await modelOf(rel));
  return { id: rel, body: facts.body, year: facts.year, facts };
}

const records = await Promise.all(FIXTURES.map(recordOf));
const byId = (id: string) => records.find((r) => r.id === id)!;
const zh = crossCheck(records, { lang: 'zh' });
const en = crossCheck(records, { lang: 'en' });
const of = (fs: typeof zh, rule: string) => fs.filter((f) => f.ruleId === rule);

/** Facts with nothing but what a test sets. */
function bare(over: Partial<ReportFacts> = {}): ReportFacts {
  return { body: null, year: null, template: '2021', carriedOver: null, carriedForward: null, inForce: null, counts: {}, minhash: null, proseLength: 0, ...over };
}

/** The first values of minhash('政府信息公开工作年度报告'): a change to the hash family changes every stored signature. */
const PINNED = [416498405, 425601639, 76495527, 1459613469];

describe('facts of a report', () => {
  it('table 3 rows per column, table 2 in force, the counts (department 2024)', () => {
    const f = byId('2021/department-correct.txt').facts;
    expect(f.body).toBe('某市生态环境局');
    expect(f.year).toBe(2024);
    expect(f.template).toBe('2021');
    expect(f.carriedOver).toEqual({ natural: 2, business: 1, research: 0, publicWelfare: 0, legalService: 0, other: 0, total: 3 });
    expect(f.carriedForward).toEqual({ natural: 1, business: 0, research: 0, publicWelfare: 0, legalService: 0, other: 0, total: 1 });
    expect(f.inForce).toEqual({ rules: { issued: 0, repealed: 0, inForce: 0 }, normativeDocs: { issued: 3, repealed: 1, inForce: 15 } });
    expect(f.counts).toEqual({
      received: 43,
      carriedOver: 3,
      resultTotal: 45,
      carriedForward: 1,
      review: 2,
      litigation: 1,
      licensing: 412,
      penalties: 86,
      enforcement: 9,
      normativeDocsIssued: 3,
    });
    expect(f.minhash).toHaveLength(MINHASH_SIZE);
    expect(f.minhash!.every((v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff)).toBe(true);
  });

  it('the other base reports: table 3 totals 一/二/（七）/四 and table 4 as fixtures/2021/README.md gives them', () => {
    const totals = (id: string) => {
      const c = byId(id).facts.counts;
      return [c.received, c.carriedOver, c.resultTotal, c.carriedForward, c.review, c.litigation];
    };
    expect(totals('2021/government-correct.txt')).toEqual([62, 3, 63, 2, 3, 3]);
    expect(totals('2021/township-correct.txt')).toEqual([7, 1, 7, 1, 1, 0]);
  });

  it('the prose is the text outside the tables, without digits, punctuation or spaces; a table pasted as text is left out', async () => {
    const txt = await modelOf('2021/department-correct.txt');
    const html = await modelOf('2021/department-correct.html');
    const prose = proseOf(txt);
    expect(prose).not.toMatch(/[\d\s，。、；：（）《》“”]/);
    expect(prose).toContain('全年主动公开政府信息条其中机构职能条');
    // table labels and headers are not prose
    expect(prose).not.toContain('本年新收政府信息公开申请数量');
    expect(prose).not.toContain('本年制发件数');
    expect(prose).not.toContain('结果维持');
    // so the text (TAB-separated tables) and the web page (real tables) of one report sign alike
    expect(similarity(factsOf(txt).minhash!, factsOf(html).minhash!)).toBeGreaterThanOrEqual(0.95);
    expect(Math.abs(proseOf(html).length - prose.length)).toBeLessThan(20);
  });

  it('deterministic signatures (a fixed seeded hash family); none for a report with little prose; no tables, no table facts', async () => {
    const text = '某某局2024年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度依法做好政府信息公开工作。\n';
    const doc = await extract(new TextEncoder().encode(text), 'short.txt');
    const f = factsOf(buildModel(doc.tree, normalizeTree(doc.tree), { pageTitle: doc.pageTitle }));
    expect(f.minhash).toBeNull();
    expect(f.proseLength).toBeLessThan(200);
    expect(f.carriedOver).toBeNull();
    expect(f.carriedForward).toBeNull();
    expect(f.inForce).toBeNull();
    expect(f.counts.received).toBeNull();

    const again = factsOf(await modelOf('2021/department-correct.txt'));
    expect(again.minhash).toEqual(byId('2021/department-correct.txt').facts.minhash);
    const s = minhash('政府信息公开工作年度报告');
    expect(minhash('政府信息公开工作年度报告')).toEqual(s);
    expect(s.slice(0, 4)).toEqual(PINNED);
  });
});

describe('carry-over', () => {
  it('fires only for the broken pair (government 2023 → 2024), naming the differing columns and both figures', () => {
    const found = of(zh, 'carry-over');
    expect(found).toHaveLength(1);
    expect(found[0]).toEqual({
      ruleId: 'carry-over',
      severity: 1,
      ids: ['2021/government-correct.txt', 'audit/government-2023.txt'],
      body: '某县人民政府',
      year: 2024,
      message:
        '某县人民政府 2024年表3「二、上年结转政府信息公开申请数量」与 2023年报告「四、结转下年度继续办理」逐列应相等，但自然人列 2024年为 3、2023年为 2；法律服务机构列 2024年为 0、2023年为 1',
      expected: '自然人 2，法律服务机构 1',
      actual: '自然人 3，法律服务机构 0',
    });
    // the totals agree (3 and 3): the check is per column
    expect(found[0].message).not.toContain('总计');
    const [en1] = of(en, 'carry-over');
    expect(en1.message).toContain('the natural persons column is 3 in 2024 and 2 in 2023');
    expect(en1.message).toContain('the legal service providers column is 0 in 2024 and 1 in 2023');
  });

  it('the consistent pairs (department, township, transport) give nothing; nor does a body with one year', () => {
    const quiet = crossCheck(['2021/department-correct.txt', 'audit/department-2023.txt', '2021/township-correct.txt', 'audit/township-2023.txt'].map(byId), { lang: 'zh' });
    expect(of(quiet, 'carry-over')).toEqual([]);
    expect(crossCheck([byId('audit/government-2023.txt')], { lang: 'zh' })).toEqual([]);
  });

  it('matches bodies by a normalised name (spaces, full and half width); a year apart only', () => {
    const cur = { ...byId('2021/government-correct.txt'), body: '某县 人民政府' };
    const prev = { ...byId('audit/government-2023.txt'), body: '某县人民政府\u3000' };
    expect(bodyKey('ＡＢ 局')).toBe(bodyKey('AB局'));
    expect(of(crossCheck([cur, prev], { lang: 'zh' }), 'carry-over')).toHaveLength(1);
    expect(of(crossCheck([cur, { ...prev, year: 2022 }], { lang: 'zh' }), 'carry-over')).toEqual([]);
    expect(of(crossCheck([cur, { ...prev, body: '某市人民政府' }], { lang: 'zh' }), 'carry-over')).toEqual([]);
  });
});

describe('in-force-continuity', () => {
  it('fires only for the broken chain (township: 3 in force in 2023, +0 −0, but 2 in 2024), saying restructuring and expiry can break it', () => {
    const found = of(zh, 'in-force-continuity');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      ruleId: 'in-force-continuity',
      severity: 1,
      ids: ['2021/township-correct.txt', 'audit/township-2023.txt'],
      body: '某县城关镇人民政府',
      year: 2024,
      expected: '3',
      actual: '2',
    });
    expect(found[0].message).toBe(
      '某县城关镇人民政府 2024年表2行政规范性文件「现行有效件数」为 2，而 2023年的 3 件加本年制发 0 件、减本年废止 0 件应为 3（相差 −1）；机构改革、职能调整或文件到期失效也会使这一关系合理地不成立，请核实并在报告中说明',
    );
    expect(of(en, 'in-force-continuity')[0].message).toContain('restructuring');
  });

  it('the department (13 + 3 − 1 = 15), government (56 + 11 − 4 = 63) and transport (22 + 3 − 2 = 23) chains hold', () => {
    expect(of(zh, 'in-force-continuity').map((f) => f.body)).toEqual(['某县城关镇人民政府']);
    expect(byId('audit/department-2023.txt').facts.inForce!.normativeDocs.inForce).toBe(13);
    expect(byId('audit/government-2023.txt').facts.inForce!.normativeDocs.inForce).toBe(56);
  });
});

describe('copied-content', () => {
  it('finds the copied pair (某市自然资源局 with 某市生态环境局’s prose) at ≥ 0.9, and nothing else among the fixtures', () => {
    const found = of(zh, 'copied-content');
    expect(found).toHaveLength(1);
    expect(found[0].ids).toEqual(['2021/department-correct.txt', 'audit/copied-2024.txt']);
    expect(found[0].severity).toBe(1);
    expect(found[0].similarity).toBeGreaterThanOrEqual(0.9);
    expect(found[0].similarity).toBe(Math.round(found[0].similarity! * 100) / 100);
    expect(found[0].message).toContain(`${Math.round(found[0].similarity! * 100)}%`);
    expect(found[0].message).toContain('某市自然资源局');
    expect(found[0].message).toContain('某市生态环境局');
  });

  it('does not pair the genuinely different reports: the three base reports, and each body’s 2023 and 2024', () => {
    const sig = (id: string) => byId(id).facts.minhash!;
    const base = ['2021/department-correct.txt', '2021/government-correct.txt', '2021/township-correct.txt'];
    for (const [a, b] of [[base[0], base[1]], [base[0], base[2]], [base[1], base[2]]]) expect(similarity(sig(a), sig(b))).toBeLessThan(0.4);
    expect(of(crossCheck(base.map(byId), { lang: 'zh', copyThreshold: 0.5 }), 'copied-content')).toEqual([]);
    for (const body of ['department', 'government', 'township'])
      expect(similarity(sig(`2021/${body}-correct.txt`), sig(`audit/${body}-2023.txt`))).toBeLessThan(0.4);
    expect(similarity(sig('audit/transport-2023.txt'), sig('audit/transport-2024.txt'))).toBeLessThan(0.4);
  });

  it('also across formats (the web page of the copied report), and for one body in consecutive years, not two years apart or the same year', async () => {
    const html = { ...(await recordOf('2021/department-correct.html')) };
    const copied = byId('audit/copied-2024.txt');
    const found = of(crossCheck([html, copied], { lang: 'zh' }), 'copied-content');
    expect(found.map((f) => f.ids)).toEqual([['2021/department-correct.html', 'audit/copied-2024.txt']]);
    expect(found[0].similarity).toBeGreaterThanOrEqual(0.9);

    const dept = byId('2021/department-correct.txt');
    const lastYear = { ...dept, id: 'x/department-2023-copied.txt', year: 2023 };
    const consecutive = of(crossCheck([dept, lastYear], { lang: 'zh' }), 'copied-content');
    expect(consecutive).toHaveLength(1);
    expect(consecutive[0].ids).toEqual(['2021/department-correct.txt', 'x/department-2023-copied.txt']);
    expect(consecutive[0].message).toContain('同一机关连续两年');
    expect(of(crossCheck([dept, { ...lastYear, year: 2022 }], { lang: 'zh' }), 'copied-content')).toEqual([]);
    expect(of(crossCheck([dept, { ...lastYear, year: 2024 }], { lang: 'zh' }), 'copied-content')).toEqual([]);
  });

  it('a threshold above the pair’s similarity leaves it out', () => {
    const s = of(zh, 'copied-content')[0].similarity!;
    const above = Math.min(1, s + 0.02);
    expect(of(crossCheck(records, { lang: 'zh', copyThreshold: above }), 'copied-content')).toEqual([]);
  });

  it('LSH banding: fewer bands than positions a pair at the threshold may differ in is never chosen', () => {
    expect(banding(0.9)).toEqual({ bands: 16, rows: 8 });
    expect(banding(0.8)).toEqual({ bands: 32, rows: 4 });
    expect(banding(0.7)).toEqual({ bands: 64, rows: 2 });
    for (const t of [0.5, 0.75, 0.85, 0.9, 0.95, 0.99, 1]) {
      const { bands, rows } = banding(t);
      expect(bands * rows).toBe(MINHASH_SIZE);
      expect(bands).toBeGreaterThan(Math.floor(MINHASH_SIZE * (1 - t) + 1e-9));
    }
  });

  it('scale: 2,000 seeded signatures with planted near-duplicates: exactly the planted pairs at or above the threshold', () => {
    let state = 0x2545f491;
    const next = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state >>> 0;
    };
    const recs: CrossRecord[] = [];
    for (let i = 0; i < 2000; i++) {
      const sig = Array.from({ length: MINHASH_SIZE }, next);
      recs.push({ id: `r${String(i).padStart(4, '0')}`, body: `机关${i}`, year: 2024, facts: bare({ minhash: sig, proseLength: 5000 }) });
    }
    /** a copy of record `of` that differs from it in `k` positions, spread over the signature */
    const plant = (of: number, k: number, id: string) => {
      const sig = [...recs[of].facts!.minhash!];
      for (let j = 0; j < k; j++) sig[(j * 37 + of) % MINHASH_SIZE] = next();
      recs.push({ id, body: `抄袭者${id}`, year: 2024, facts: bare({ minhash: sig, proseLength: 5000 }) });
    };
    plant(17, 4, 'p1'); // 124/128 = 0.97
    plant(901, 10, 'p2'); // 118/128 = 0.92
    plant(1500, 12, 'p3'); // 116/128 = 0.906: just over 0.9, every band but 4 touched
    plant(1999, 13, 'n1'); // 115/128 = 0.898: just under, not reported
    const found = of(crossCheck(recs, { lang: 'zh' }), 'copied-content');
    expect(found.map((f) => [...f.ids].sort().join('+')).sort()).toEqual(['p1+r0017', 'p2+r0901', 'p3+r1500']);
    expect(found.map((f) => f.similarity)).toEqual([0.97, 0.92, 0.91]);
    // a stricter threshold keeps only the closest
    expect(of(crossCheck(recs, { lang: 'zh', copyThreshold: 0.95 }), 'copied-content').map((f) => [...f.ids].sort())).toEqual([['p1', 'r0017']]);
  });
});

describe('outlier', () => {
  it('the transport bureau’s 行政处罚 went from 41 to 410: ×10, info; nothing else among the fixtures', () => {
    const found = of(zh, 'outlier');
    expect(found).toHaveLength(1);
    expect(found[0]).toEqual({
      ruleId: 'outlier',
      severity: 0,
      ids: ['audit/transport-2024.txt', 'audit/transport-2023.txt'],
      body: '某市交通运输局',
      year: 2024,
      message: '某市交通运输局 2024年表2 行政处罚处理决定数量为 410，是 2023年（41）的 10 倍；同一机关相邻两年相差 5 倍以上，请核实数字是否填错',
      expected: '41',
      actual: '410',
    });
    expect(of(en, 'outlier')[0].message).toContain('10 times the 41 of 2023');
  });

  it('the factor both ways, with a floor: the larger figure must be 20 or more', () => {
    const pair = (before: number, now: number, factor?: number) =>
      of(
        crossCheck(
          [
            { id: 'b', body: '某局', year: 2024, facts: bare({ counts: { received: now } }) },
            { id: 'a', body: '某局', year: 2023, facts: bare({ counts: { received: before } }) },
          ],
          { lang: 'zh', outlierFactor: factor },
        ),
        'outlier',
      ).map((f) => f.actual);
    expect(pair(1, 5)).toEqual([]);
    expect(pair(3, 19)).toEqual([]);
    expect(pair(4, 20)).toEqual(['20']);
    expect(pair(100, 20)).toEqual(['20']);
    expect(pair(100, 21)).toEqual([]);
    expect(pair(0, 25)).toEqual(['25']);
    expect(pair(30, 0)).toEqual(['0']);
    expect(pair(10, 30, 3)).toEqual(['30']);
    expect(pair(10, 30)).toEqual([]);
  });

  it('zero received where the median of the year’s reports (5 or more) is 20 or more', () => {
    const year = (values: number[]) =>
      of(
        crossCheck(
          values.map((v, i) => ({ id: `r${i}`, body: `机关${i}`, year: 2024, facts: bare({ counts: { received: v } }) })),
          { lang: 'zh' },
        ),
        'outlier',
      );
    const found = year([0, 25, 30, 40, 50]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ids: ['r0'], body: '机关0', year: 2024, actual: '0' });
    expect(found[0].message).toContain('中位数为 30');
    expect(year([0, 25, 30, 40])).toEqual([]); // too few to call a median
    expect(year([0, 5, 10, 19, 30, 40])).toEqual([]); // median 14.5
  });
});

describe('coverage', () => {
  const unreadable = { id: 'x/教育局.pdf', body: '某区教育局', year: 2024, facts: null, result: { fatal: true } };
  const noYear = { id: 'x/卫健委.pdf', body: '某区卫生健康委员会', year: null, facts: null, result: { fatal: true } };
  const expected = ['某市生态环境局', '某县人民政府', '某县城关镇人民政府\u3000', '某市交通运输局', '某市住房和城乡建设局', '某区教育局', '某区卫生健康委员会'];
  const all = [...records, unreadable, noYear];

  it('names the bodies with no report for the year, and those whose report could not be read', () => {
    expect(coverage(expected, all, 2024)).toEqual({ missing: ['某市住房和城乡建设局'], unreadable: ['某区教育局', '某区卫生健康委员会'] });
    expect(coverage(expected, all, 2023)).toEqual({ missing: ['某市住房和城乡建设局', '某区教育局'], unreadable: ['某区卫生健康委员会'] });
    expect(coverage(expected, all, 2022)).toEqual({
      missing: ['某市生态环境局', '某县人民政府', '某县城关镇人民政府\u3000', '某市交通运输局', '某市住房和城乡建设局', '某区教育局'],
      unreadable: ['某区卫生健康委员会'],
    });
  });

  it('a body with one readable report is covered, even beside an unreadable copy; no expected list, nothing missing', () => {
    const copy = { id: 'x/生态环境局.pdf', body: '某市生态环境局', year: 2024, facts: null, result: { fatal: true } };
    expect(coverage(['某市生态环境局'], [...records, copy], 2024)).toEqual({ missing: [], unreadable: [] });
    expect(coverage([], all, 2024)).toEqual({ missing: [], unreadable: [] });
  });
});

describe('fixtures/audit', () => {
  it('the generator’s reports are the ones listed in the README', async () => {
    const readme = await readFile(fixture('audit', 'README.md'), 'utf8');
    for (const rel of FIXTURES.filter((f) => f.startsWith('audit/'))) expect(readme).toContain(rel.replace('audit/', ''));
  });
});
