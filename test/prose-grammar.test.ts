/**
 * The grammar prose and headings are read by, on sentences and headings taken from the real
 * corpus (fixtures/realworld): which part a heading is, which total a breakdown adds up to,
 * which table count a figure states. Each case names the report it comes from.
 */
import { describe, it, expect } from '@jest/globals';
import { lintBytes } from '../src/index.js';
import { partOfTitle } from '../src/model/sections.js';
import { findClaims, claimSum } from '../src/model/claims.js';
import { findStatements, type CountStatement } from '../src/model/statements.js';
import type { Block } from '../src/model/blocks.js';

const block = (text: string, index = 0): Block => ({ index, kind: 'paragraph', text, segments: [] });
const claims = (text: string) => findClaims([block(text)]).map((c) => ({ total: c.total, sum: claimSum(c), parts: c.parts.length, examples: c.examples, atLeast: c.atLeast }));
const counts = (text: string) =>
  findStatements([block(text)], [])
    .filter((s): s is CountStatement => s.kind === 'count')
    .map((s) => `${s.topic}=${s.value}${s.how === 'denial' ? '/denial' : ''}`);

describe('part headings by the key words of their titles', () => {
  it.each([
    ['总体情况', 1],
    ['2022年工作总体情况', 1],
    ['主动公开政府信息情况', 2],
    ['收到和处理政府信息公开申请情况', 3],
    ['因政府信息公开申请行政复议、提起行政诉讼的情况', 4],
    ['政府信息公开行政法复议、行政诉讼情况', 4], // pingtan-zone-2022: the typo keeps both key words
    ['存在的主要问题及改进情况', 5],
    ['存在的问题和下一步工作打算', 5],
    ['政府信息公开工作存在的主要问题及改进措施', 5],
    ['其他需要报告的事项', 6],
    // table 3's row labels are never parts
    ['结转下年度继续办理', null],
    ['本年度办理结果', null],
    ['本年新收政府信息公开申请数量', null],
    // sub-topics of 总体情况
    ['政府信息管理', null],
    ['监督保障', null],
  ])('「%s」 → %s', (title, part) => expect(partOfTitle(title)).toBe(part));

  it('a Markdown heading made of a table row label is no part; a dash for 一 is 一 only before 总体情况', async () => {
    const md = ['# 某县人民政府2024年政府信息公开工作年度报告', '', '—、总体情况', '', '2024年，我县主动公开政府信息56条。', '', '## 四、结转下年度继续办理', '', '二、主动公开政府信息情况'].join('\n');
    const r = await lintBytes(new TextEncoder().encode(md), { filePath: 'x.md' });
    const missing = r.messages.filter((m) => m.ruleId === 'required-sections').map((m) => m.message);
    expect(missing.some((m) => m.includes('第一部分'))).toBe(false);
    expect(missing.some((m) => m.includes('第四部分'))).toBe(true);
  });
});

describe('sum claims in the shapes real reports write them', () => {
  it.each([
    // gansu-qingshui-county-2019: total closing one sentence, parts with lower bounds that already exceed it
    ['主动公开政府信息8769条。其中,通过市政府网站公开信息2100条,通过县政府门户网站发布政府信息5469条,通过新闻媒体公开信息1600余条、通过其他形式公开信息600余条。', [{ total: 8769, sum: 9769, parts: 4, examples: false, atLeast: true }]],
    // shaanxi-shanyang-county-2020: parts separated by ；, the last with its own 共计
    ['主动公开政府信息6391条,其中概况类信息1105条;政务动态类信息2896条;政府文件、工作报告、财务预决算、重大事件等民众关心的其他信息共计2004条。', [{ total: 6391, sum: 6005, parts: 3, examples: false, atLeast: false }]],
    // a colon after the total, no marker word
    ['全年主动公开政府信息总数171条:基层政务公开领域信息124条,工作动态34条,预算决算4条,应急预案3条,政策文件2条,其他政府信息4条。', [{ total: 171, sum: 171, parts: 6, examples: false, atLeast: false }]],
    // pingtan-zone-2023: a colon list across ；, percentages between, stopping at the 行政复议 figure
    ['办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%；因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。', [{ total: 81, sum: 81, parts: 5, examples: false, atLeast: false }]],
    // shanghai-ecology-environment-2020: states of the items are a subset
    ['规范性文件栏目共公开文件46件,其中失效4件,废止2件。', [{ total: 46, sum: 6, parts: 2, examples: true, atLeast: false }]],
    // seed 004: names joined by 、 are one label
    ['清理共计293件,其中继续有效的行政规范性文件127件,修改后继续有效的规范性行政文件3件,失效、废止的行政规范性文件163件。', [{ total: 293, sum: 293, parts: 3, examples: false, atLeast: false }]],
    // A、B、C各N条
    ['主动公开信息1250条，其中政策文件86条，工作动态930条，人事信息、财政资金、重大项目各78条。', [{ total: 1250, sum: 1250, parts: 3, examples: false, atLeast: false }]],
    // parts before the total
    ['政府网站发布信息120条，政务微博发布信息80条，共计210条。', [{ total: 210, sum: 200, parts: 2, examples: false, atLeast: false }]],
    // an approximate total is never a claim
    ['全年发布信息300余条，其中政策文件100条，工作动态150条。', []],
  ])('%s', (text, want) => expect(claims(text)).toEqual(want));
});

describe('what the prose says of the tables’ counts', () => {
  it.each([
    // huaian-municipal-gov-2024: the aside carries the carried-over and carried-forward figures
    ['2024年，全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）。', ['received=3119', 'handled=3050', 'carriedOver=34', 'carriedForward=103']],
    // pingtan-zone-2021: the object named once for the sentence
    ['本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。', ['received=70', 'handled=69', 'carriedForward=1']],
    // pingtan-zone-2025: 结转至 the next year
    ['收到政府信息公开申请154件，共办结148件，结转至2026年6件。', ['received=154', 'handled=148', 'carriedForward=6']],
    // pingtan-zone-2023.html: 现行有效 and 制发
    ['清理并集中发布现行有效行政规范性文件393件，动态更新本年度制发的规范性文件77件。', ['normativeInForce=393', 'normativeIssued=77']],
    // huaian-municipal-gov-2024: outcomes are parts, not the count
    ['政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件；政府信息公开行政诉讼46件，其中结果维持25件。', ['review=351', 'litigation=46']],
    // zhejiang-jinhua-market-regulation-2023: channels after 其中 are parts
    ['2023年我局共受理依申请政府信息公开事项29例,其中通过网络收到申请25件,占比86%,通过来信收到申请件4件,占比14%,全部按时办结。', ['received=29']],
    // seed 000: a denial joined by 、 names both
    ['未发生一例因有关政府信息公开事务而引起的行政复议、诉讼和申诉情况。', ['review=0/denial', 'litigation=0/denial']],
    // 未经复议 is a column's name, not a denial
    ['结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉', []],
  ])('%s', (text, want) => expect(counts(text)).toEqual(want));
});

describe('the issuer, as the title gives it', () => {
  it.each([
    // seed 001: a casino brand pasted before the name
    ['澳门英皇娱乐_天下足球网-盘口官网南黄镇2020年政府信息公开工作年度报告', '南黄镇', 'township'],
    // a Markdown title line in a text file
    ['# 某县人民政府2024年政府信息公开工作年度报告', '某县人民政府', 'government'],
    // pingtan-zone-2021.txt: the crawler's field label
    ['标题: 平潭综合实验区2021年度政府信息公开工作年度报告', '平潭综合实验区', 'government'],
    // zhejiang-provincial-market-regulation-2023: the year first
    ['2023年浙江省市场监督管理局政府信息公开工作年度报告', '浙江省市场监督管理局', 'department'],
    // shaanxi-wuqi-zhouwan-town-2021: a breadcrumb run into the title
    ['首页/ 政府信息公开 / 政府信息公开年报 / 镇街 / 2021年 / 正文周湾镇2021年政府信息公开工作年度报告', '周湾镇', 'township'],
    // fujian-provincial-public-security-2020: a covering letter
    ['福建省公安厅关于报送2020年政府信息公开工作年度报告的函', '福建省公安厅', 'department'],
  ])('%s', async (title, name, type) => {
    const r = await lintBytes(new TextEncoder().encode(`${title}\n一、总体情况\n全年主动公开政府信息56条。\n`), { filePath: 'x.txt' });
    expect(r.issuer).toEqual({ name, type });
  });
});
