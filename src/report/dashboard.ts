/**
 * An audit's dashboard (`<out>/index.html`): one self-contained page for the supervising office
 * that checks every report published under it. It leads with each body's problems, not with
 * diffs: totals, a chart of the rules broken by the most bodies, who did not report or could not
 * be read, then one row per report (sortable, searchable, filterable by year and region) that
 * opens onto the report's problem list in plain words and its cross-report findings, with a
 * link to the report's own findings page.
 *
 * Reading doubts (rule `unreadable`) and files that could not be read are our uncertainty, not
 * the body's fault: they are counted apart everywhere and never make a rule "broken".
 *
 * Like the per-report page (./html.ts) it loads nothing and escapes everything that comes from
 * the data through the `html` tag below. Unlike it, it has one small inline script — sorting,
 * filtering, searching — allowed by its hash in the Content-Security-Policy and nothing else;
 * the script reads only the page's own markup (no data inside it), and without it the page still
 * reads: the worst reports first, each one's problems in a <details> that opens without script.
 */
import { html, Html } from './markup.js';
import { locationText } from './location.js';
import type { Lang, LintMessage, LintResult } from '../types.js';
import type { RuleMeta } from '../engine/rule.js';
import type { AuditRecord, CrossFinding } from '../audit/types.js';
import { reportPage } from '../audit/pages.js';
import { safeHref } from './html.js';
import { bodyName, crossByRecord, isDefect, summarize, summaryBodyKey, tallyOf, tallyRules, type RecordSummary, type RecordTally } from '../audit/summary.js';

/** Who was expected to report and did not, and whose report could not be read. */
export interface AuditCoverage {
  year: number | null;
  missing: string[];
  unreadable: string[];
}

export interface DashboardOptions {
  lang: Lang;
  rules: RuleMeta[];
  toolVersion: string;
  coverage?: AuditCoverage;
  /** shown in the header when given; left out by default so the same input gives the same page */
  generatedAt?: string;
}


/* ------------------------------------------------------------------ tallies (in ../audit/summary.ts, shared with ./audit-xlsx.ts) */

export { bodyName, crossByRecord, recordYear, tallyRecord, tallyRules, type RecordTally, type RuleTally } from '../audit/summary.js';

/** What counts as one body: its name; a report whose body is unknown is a body of its own. */
export function bodyKey(record: AuditRecord): string {
  return bodyName(record) ?? `\u0000${record.id}`;
}

/** Names of the cross-report checks, for when the rules given do not describe them. */
export const CROSS_RULES: Record<CrossFinding['ruleId'], { zh: string; en: string }> = {
  'carry-over': { zh: '本年「上年结转」与上年报告的「结转下年度继续办理」一致', en: 'this year’s carried-over applications equal last year’s carried forward' },
  'in-force-continuity': { zh: '现行有效件数与上年现行有效件数及本年制发、废止件数相衔接', en: 'documents in force follow from last year’s, plus those issued, minus those repealed' },
  'copied-content': { zh: '报告正文与其他报告大段雷同', en: 'the report’s prose largely copies another report' },
  outlier: { zh: '数字与上年或同类单位相比异常', en: 'a count far off the body’s previous year or its peers' },
};

/* ------------------------------------------------------------------ words */

const WORDS = {
  zh: {
    htmlLang: 'zh-CN',
    collator: 'zh-CN',
    title: '政府信息公开工作年度报告审核汇总',
    titleYear: (y: number) => `${y}年度政府信息公开工作年度报告审核汇总`,
    totals: { reports: '份报告', bodies: '个单位', errors: '错误', warnings: '警告', notes: '提示', doubts: '读取存疑', unreadable: '无法读取', scanned: '扫描件（文字识别）', cross: '跨报告问题' },
    doubtNote: '「读取存疑」和「无法读取」是本工具读取文件时没有把握或读取失败，不是报告本身的问题，不计入任何单位的错误和警告，请对照原文核实。',
    chartTitle: '违反单位最多的规则',
    chartNote: (n: number) => `按违反规则的单位数计（同一单位多份报告或多处问题只计一次），仅计报告本身的错误和警告，共 ${n} 个单位。`,
    chartNone: '没有单位违反任何规则。',
    chartBodies: (n: number) => `${n} 个单位`,
    chartTip: (id: string, desc: string, bodies: number, findings: number) => `${id}${desc ? `：${desc}` : ''}（${bodies} 个单位，${findings} 个问题）`,
    coverage: '报送情况',
    coverageYear: (y: number | null) => (y ? `${y}年度` : '本年度'),
    missing: (n: number) => `未报送报告的单位（${n} 个）`,
    unreadableBodies: (n: number) => `报告无法读取的单位（${n} 个）`,
    allIn: '应报送的单位均已报送，报告均可读取。',
    none: '无',
    tableTitle: '各单位检查结果',
    tableNote: '点击表头排序；点击「问题清单」展开该单位报告的全部问题。',
    cols: { body: '单位', region: '地区', year: '年度', errors: '错误', warnings: '警告', rules: '违反的规则', cross: '跨报告问题', reading: '读取情况', page: '检查结果' },
    search: '搜索',
    searchHint: '单位、地区、规则或问题内容',
    yearFilter: '年度',
    regionFilter: '地区',
    all: '全部',
    noYear: '（年度不明）',
    noRegion: '（未填地区）',
    shown: (shown: Html, total: number) => html`显示 ${shown} / ${total} 份报告`,
    openAll: '全部展开',
    closeAll: '全部收起',
    unknownBody: '（未识别单位）',
    yearOf: (y: number) => `${y}年`,
    pageLink: '查看',
    pageTitle: '该报告的逐项检查结果（含原文定位）',
    problems: '问题清单',
    clean: '未发现问题',
    sev: { 2: '错误', 1: '警告', 0: '提示' } as Record<0 | 1 | 2, string>,
    doubt: '读取存疑',
    fatal: '无法读取',
    doubtsOf: (n: number) => `${n} 处存疑`,
    countsLine: (e: number, w: number, n: number) => [e ? `${e} 个错误` : '', w ? `${w} 个警告` : '', n ? `${n} 条提示` : ''].filter(Boolean).join('、'),
    crossLine: (n: number) => `跨报告问题 ${n} 个`,
    doubtsLine: (n: number) => `读取存疑 ${n} 处`,
    fatalNote: '文件无法读取，未能检查（不计为该单位的问题）：',
    doubtsTitle: '读取存疑（不是报告本身的问题，请对照原文核实）',
    crossTitle: '跨报告问题',
    crossOthers: '涉及：',
    otherReport: (year: number | null, body: string | null) => [year ? `${year}年` : '', body ?? ''].filter(Boolean).join(' ') || '另一份报告',
    similarity: (p: number) => `相似度 ${p}%`,
    source: '来源：',
    suppressed: (n: number) => `另有 ${n} 个问题已按基线或行内注释接受，未列出。`,
    unattached: '其他跨报告问题',
    generatedBy: (v: string) => `由 reportlint ${v} 生成`,
    generatedAt: (t: string) => `生成时间：${t}`,
    sep: '：',
    list: '、',
  },
  en: {
    htmlLang: 'en',
    collator: 'en',
    title: 'Annual government information disclosure reports: audit',
    titleYear: (y: number) => `Annual government information disclosure reports for ${y}: audit`,
    totals: { reports: 'reports', bodies: 'bodies', errors: 'errors', warnings: 'warnings', notes: 'notes', doubts: 'reading doubts', unreadable: 'unreadable', scanned: 'scans (read by OCR)', cross: 'cross-report findings' },
    doubtNote: 'Reading doubts and unreadable files are places where this tool was not sure of its reading or could not read the file at all. They are not defects of the report and are not counted against any body. Check them against the original.',
    chartTitle: 'Rules broken by the most bodies',
    chartNote: (n: number) => `Counted in bodies (a body is counted once however many reports or findings it has), the reports’ own errors and warnings only; ${n} ${n === 1 ? 'body' : 'bodies'} in all.`,
    chartNone: 'No body breaks any rule.',
    chartBodies: (n: number) => `${n} ${n === 1 ? 'body' : 'bodies'}`,
    chartTip: (id: string, desc: string, bodies: number, findings: number) => `${id}${desc ? `: ${desc}` : ''} (${bodies} ${bodies === 1 ? 'body' : 'bodies'}, ${findings} ${findings === 1 ? 'finding' : 'findings'})`,
    coverage: 'Coverage',
    coverageYear: (y: number | null) => (y ? `for ${y}` : 'for the year'),
    missing: (n: number) => `Bodies with no report (${n})`,
    unreadableBodies: (n: number) => `Bodies whose report could not be read (${n})`,
    allIn: 'Every body expected to report has reported, and every report could be read.',
    none: 'none',
    tableTitle: 'Results by body',
    tableNote: 'Click a column heading to sort; open “Problems” to see all of a report’s problems.',
    cols: { body: 'Body', region: 'Region', year: 'Year', errors: 'Errors', warnings: 'Warnings', rules: 'Rules broken', cross: 'Cross-report', reading: 'Reading', page: 'Findings' },
    search: 'Search',
    searchHint: 'body, region, rule or problem',
    yearFilter: 'Year',
    regionFilter: 'Region',
    all: 'all',
    noYear: '(year unknown)',
    noRegion: '(no region)',
    shown: (shown: Html, total: number) => html`${shown} of ${total} reports shown`,
    openAll: 'Open all',
    closeAll: 'Close all',
    unknownBody: '(body not recognised)',
    yearOf: (y: number) => String(y),
    pageLink: 'open',
    pageTitle: 'this report’s findings, placed in its text',
    problems: 'Problems',
    clean: 'No problems found',
    sev: { 2: 'error', 1: 'warning', 0: 'note' } as Record<0 | 1 | 2, string>,
    doubt: 'reading doubt',
    fatal: 'unreadable',
    doubtsOf: (n: number) => `${n} ${n === 1 ? 'doubt' : 'doubts'}`,
    countsLine: (e: number, w: number, n: number) =>
      [e ? `${e} ${e === 1 ? 'error' : 'errors'}` : '', w ? `${w} ${w === 1 ? 'warning' : 'warnings'}` : '', n ? `${n} ${n === 1 ? 'note' : 'notes'}` : ''].filter(Boolean).join(', '),
    crossLine: (n: number) => `${n} cross-report ${n === 1 ? 'finding' : 'findings'}`,
    doubtsLine: (n: number) => `${n} reading ${n === 1 ? 'doubt' : 'doubts'}`,
    fatalNote: 'The file could not be read, so nothing was checked (not counted against the body): ',
    doubtsTitle: 'Reading doubts (not defects of the report: check them against the original)',
    crossTitle: 'Cross-report findings',
    crossOthers: 'With: ',
    otherReport: (year: number | null, body: string | null) => [body ?? '', year ? String(year) : ''].filter(Boolean).join(', ') || 'another report',
    similarity: (p: number) => `similarity ${p}%`,
    source: 'Source: ',
    suppressed: (n: number) => `${n} more ${n === 1 ? 'finding' : 'findings'} accepted by the baseline or an inline comment, not listed.`,
    unattached: 'Other cross-report findings',
    generatedBy: (v: string) => `Generated by reportlint ${v}`,
    generatedAt: (t: string) => `Generated at ${t}`,
    sep: ': ',
    list: ', ',
  },
};
type Words = (typeof WORDS)['zh'];


type Tone = 'error' | 'warning' | 'info' | 'doubt' | 'fatal';
const toneOf = (severity: 0 | 1 | 2): Tone => (severity === 2 ? 'error' : severity === 1 ? 'warning' : 'info');

/* ------------------------------------------------------------------ the page's parts */

interface Row {
  s: RecordSummary;
  tally: RecordTally;
  body: string | null;
  year: number | null;
  cross: CrossFinding[];
}

function totalsBlock(rows: Row[], cross: CrossFinding[], w: Words): Html {
  const sum = (f: (r: Row) => number) => rows.reduce((n, r) => n + f(r), 0);
  const bodies = new Set(rows.map((r) => summaryBodyKey(r.s))).size;
  const unreadable = sum((r) => (r.tally.unreadable ? 1 : 0));
  const doubts = sum((r) => r.tally.doubts);
  const scanned = sum((r) => (r.s.scanned ? 1 : 0));
  const tile = (n: number, label: string, tone: string, key: string) => html`<div class="total t-${tone}${n ? '' : ' zero'}" data-total="${key}"><b>${n}</b><span>${label}</span></div>`;
  const t = w.totals;
  return html`<div class="totals">${tile(rows.length, t.reports, 'plain', 'reports')}${tile(bodies, t.bodies, 'plain', 'bodies')}${tile(sum((r) => r.tally.errors), t.errors, 'error', 'errors')}${tile(sum((r) => r.tally.warnings), t.warnings, 'warning', 'warnings')}${tile(sum((r) => r.tally.notes), t.notes, 'info', 'notes')}${tile(doubts, t.doubts, 'doubt', 'doubts')}${tile(unreadable, t.unreadable, 'fatal', 'unreadable')}${scanned ? tile(scanned, t.scanned, 'plain', 'scanned') : ''}${tile(cross.length, t.cross, 'cross', 'cross')}</div>${doubts || unreadable ? html`<p class="doubt-note">${w.doubtNote}</p>` : ''}`;
}

/** Rough width of a text in px at a font size: CJK and full-width characters one em, others about 0.55 em. */
function textWidth(s: string, px: number): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? px : px * 0.55;
  return n;
}

function fit(s: string, px: number, max: number): string {
  if (textWidth(s, px) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (textWidth(out + ch + '…', px) > max) break;
    out += ch;
  }
  return out + '…';
}

/** An inline SVG bar chart of the rules broken by the most bodies (top 10). */
function chartBlock(rows: Row[], rules: RuleMeta[], lang: Lang, w: Words): Html {
  const bodies = new Set(rows.map((r) => summaryBodyKey(r.s))).size;
  const top = tallyRules(
    rows.map((r) => r.s),
    rules,
  )
    .filter((t) => t.bodies > 0)
    .slice(0, 10);
  const head = html`<h2>${w.chartTitle}</h2><p class="muted small">${w.chartNote(bodies)}</p>`;
  if (!top.length) return html`<section class="panel chart">${head}<p class="clean">✔ ${w.chartNone}</p></section>`;
  const meta = new Map(rules.map((r) => [r.id, r]));
  const W = 660, LABEL = 260, BAR_X = LABEL + 10, BAR_MAX = 300, ROW = 40, TOP = 4;
  const max = Math.max(...top.map((t) => t.bodies));
  const H = TOP * 2 + ROW * top.length;
  const bars = top.map((t, i) => {
    const m = meta.get(t.ruleId);
    const desc = m?.description[lang] ?? '';
    const y = TOP + i * ROW;
    const len = Math.max(2, Math.round((t.bodies / max) * BAR_MAX));
    const tone = m?.severity === 'warn' ? 'warning' : m?.severity === 'info' ? 'info' : 'error';
    return html`<g class="bar" data-rule="${t.ruleId}" data-bodies="${t.bodies}"><title>${w.chartTip(t.ruleId, desc, t.bodies, t.findings)}</title>
<text class="label" x="${LABEL}" y="${y + 15}" text-anchor="end">${fit(desc || t.ruleId, 13, LABEL - 6)}</text>
<text class="rule-id" x="${LABEL}" y="${y + 30}" text-anchor="end">${fit(t.ruleId, 11, LABEL - 6)}</text>
<rect class="track" x="${BAR_X}" y="${y + 7}" width="${BAR_MAX}" height="22" rx="3"></rect>
<rect class="fill t-${tone}" x="${BAR_X}" y="${y + 7}" width="${len}" height="22" rx="3"></rect>
<text class="count" x="${BAR_X + len + 8}" y="${y + 23}">${w.chartBodies(t.bodies)}</text></g>`;
  });
  return html`<section class="panel chart">${head}<svg class="bars" role="img" aria-label="${w.chartTitle}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg">${bars}</svg></section>`;
}

function namesList(names: string[], w: Words): Html {
  if (!names.length) return html`<p class="muted">${w.none}</p>`;
  const items = html`<ul class="names">${names.map((n) => html`<li>${n}</li>`)}</ul>`;
  return items;
}

function coverageBlock(coverage: AuditCoverage | undefined, w: Words): Html | string {
  if (!coverage) return '';
  const { missing, unreadable } = coverage;
  const part = (title: string, names: string[], cls: string) =>
    html`<div class="cov ${cls}"><h3>${title}</h3>${names.length > 60 ? html`<details><summary>${title}</summary>${namesList(names, w)}</details>` : namesList(names, w)}</div>`;
  const body = missing.length || unreadable.length ? html`${part(w.missing(missing.length), missing, 'missing')}${part(w.unreadableBodies(unreadable.length), unreadable, 'unreadable')}` : html`<p class="clean">✔ ${w.allIn}</p>`;
  return html`<section class="panel coverage" id="coverage"><h2>${w.coverage} <span class="muted">${w.coverageYear(coverage.year)}</span></h2>${body}</section>`;
}

function ruleTitle(id: string, rules: Map<string, RuleMeta>, lang: Lang): string {
  return rules.get(id)?.description[lang] ?? CROSS_RULES[id as CrossFinding['ruleId']]?.[lang] ?? '';
}

function findingItem(m: LintMessage, tone: Tone, label: string, rules: Map<string, RuleMeta>, lang: Lang, w: Words): Html {
  const where = locationText(m, lang, { column: false });
  const desc = ruleTitle(m.ruleId, rules, lang);
  return html`<li class="p t-${tone}"><span class="sev t-${tone}">${label}</span> <span class="msg">${m.message}</span><span class="p-meta"><code class="rule">${m.ruleId}</code>${desc ? html` ${desc}` : ''}${where ? html` · ${where}` : ''}</span></li>`;
}

function crossItem(f: CrossFinding, self: string, byId: Map<string, Row>, rules: Map<string, RuleMeta>, lang: Lang, w: Words): Html {
  const tone = toneOf(f.severity);
  const others = [...new Set(f.ids)].filter((id) => id !== self);
  const other = (id: string) => {
    const row = byId.get(id);
    if (!row) return html`<span class="other">${id}</span>`;
    return html`<a class="other" href="${reportPage(id)}">${w.otherReport(row.year, row.body)}</a>`;
  };
  const desc = ruleTitle(f.ruleId, rules, lang);
  const sim = typeof f.similarity === 'number' && Number.isFinite(f.similarity) ? html` · ${w.similarity(Math.round(f.similarity * 100))}` : '';
  const withs = others.length ? html`<span class="p-with">${w.crossOthers}${others.map((id, i) => html`${i ? w.list : ''}${other(id)}`)}</span>` : '';
  return html`<li class="p t-${tone}"><span class="sev t-${tone}">${w.sev[f.severity]}</span> <span class="msg">${f.message}</span>${withs}<span class="p-meta"><code class="rule">${f.ruleId}</code>${desc ? html` ${desc}` : ''}${sim}</span></li>`;
}

/** The problem list of one report, shown under its row. */
function detailsOf(row: Row, r: LintResult, byId: Map<string, Row>, rules: Map<string, RuleMeta>, lang: Lang, w: Words, cols: number): Html {
  const { s: record, tally } = row;
  const defects = r.fatal ? [] : r.messages.filter(isDefect);
  const doubts = r.fatal ? [] : r.messages.filter((m) => !m.fatal && m.kind === 'doubt');
  const fatal = r.fatal ? r.messages.find((m) => m.fatal) : undefined;
  const suppressed = r.suppressedMessages?.length ?? 0;
  if (!defects.length && !doubts.length && !row.cross.length && !r.fatal)
    return html`<tr class="detail"><td colspan="${cols}"><span class="clean">✔ ${w.clean}</span>${suppressed ? html` <span class="muted small">${w.suppressed(suppressed)}</span>` : ''}</td></tr>`;

  const summaryParts = [
    r.fatal ? w.fatal : w.countsLine(tally.errors, tally.warnings, tally.notes),
    tally.doubts ? w.doubtsLine(tally.doubts) : '',
    row.cross.length ? w.crossLine(row.cross.length) : '',
  ].filter(Boolean);
  const source = /^https?:\/\//i.test(record.source) && safeHref(record.source) ? html`<a href="${record.source}" rel="noreferrer noopener">${record.source}</a>` : html`<span>${record.source}</span>`;
  const content = html`${fatal ? html`<p class="fatal-note">${w.fatalNote}${fatal.message}</p>` : ''}${
    defects.length ? html`<ol class="problems">${defects.map((m) => findingItem(m, toneOf(m.severity), w.sev[m.severity], rules, lang, w))}</ol>` : ''
  }${doubts.length ? html`<h4 class="t-doubt">${w.doubtsTitle}</h4><ol class="problems">${doubts.map((m) => findingItem(m, 'doubt', w.doubt, rules, lang, w))}</ol>` : ''}${
    row.cross.length ? html`<h4>${w.crossTitle}</h4><ol class="problems cross">${row.cross.map((f) => crossItem(f, record.id, byId, rules, lang, w))}</ol>` : ''
  }${suppressed ? html`<p class="muted small">${w.suppressed(suppressed)}</p>` : ''}<p class="d-foot small muted">${w.source}${source} · <a href="${reportPage(record.id)}">${w.pageTitle}</a></p>`;
  return html`<tr class="detail"><td colspan="${cols}"><details><summary>${w.problems}<span class="muted">${w.sep}${summaryParts.join(w.list)}</span></summary>${content}</details></td></tr>`;
}

/** The filter key of a year or region: a prefix keeps a real value apart from "not known". */
const yearKey = (y: number | null) => (y === null ? 'none' : `y:${y}`);
const regionKey = (r: string | null) => (r === null || r.trim() === '' ? 'none' : `r:${r}`);

/** One report's rows of the table; `result` is the report's full result, read only for this row. */
function bodyRow(row: Row, result: LintResult, byId: Map<string, Row>, rules: Map<string, RuleMeta>, lang: Lang, w: Words): Html {
  const { s: record, tally } = row;
  const region = record.region?.trim() || null;
  const cols = 9;
  const num = (n: number, cls: string) => html`<td class="n${n ? ` ${cls}` : ' zero'}" data-v="${n}">${n}</td>`;
  const counts = tally.unreadable
    ? html`<td class="n na" data-v="">—</td><td class="n na" data-v="">—</td>`
    : html`${num(tally.errors, 'has-error')}${num(tally.warnings, 'has-warning')}`;
  const ruleChips = tally.rules.map((id) => html`<code class="rule-chip" title="${ruleTitle(id, rules, lang)}">${id}</code> `);
  const reading = tally.unreadable
    ? html`<td class="reading" data-v="1000000"><span class="chip t-fatal">${w.fatal}</span></td>`
    : tally.doubts
      ? html`<td class="reading" data-v="${tally.doubts}"><span class="chip t-doubt">${w.doubtsOf(tally.doubts)}</span></td>`
      : html`<td class="reading" data-v="0"></td>`;
  const name = row.body ?? w.unknownBody;
  return html`<tbody data-id="${record.id}" data-year="${yearKey(row.year)}" data-region="${regionKey(region)}">
<tr class="main${tally.unreadable ? ' is-fatal' : ''}"><th scope="row" class="body${row.body ? '' : ' unknown'}" data-v="${row.body ?? ''}">${name}${row.body ? '' : html`<small class="file">${record.id}</small>`}</th><td class="region">${region ?? ''}</td><td class="n year" data-v="${row.year ?? ''}">${row.year ?? ''}</td>${counts}<td class="rules" data-v="${tally.rules.length}">${ruleChips}</td>${num(row.cross.length, 'has-cross')}${reading}<td class="link"><a href="${reportPage(record.id)}" title="${w.pageTitle}">${w.pageLink}</a></td></tr>
${detailsOf(row, result, byId, rules, lang, w, cols)}
</tbody>`;
}

/** The table up to its first row, and what closes it: the rows are written in between, one at a time. */
function tableBlock(rows: Row[], w: Words): [Html, Html] {
  const collator = new Intl.Collator(w.collator, { numeric: true });
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => (a === null ? 1 : b === null ? -1 : b - a));
  const regions = [...new Set(rows.map((r) => r.s.region?.trim() || null))].sort((a, b) => (a === null ? 1 : b === null ? -1 : collator.compare(a, b)));
  const option = (value: string, label: string) => html`<option value="${value}">${label}</option>`;
  const yearSelect = html`<select id="f-year" name="year">${option('', w.all)}${years.map((y) => option(yearKey(y), y === null ? w.noYear : w.yearOf(y)))}</select>`;
  const regionSelect = html`<select id="f-region" name="region">${option('', w.all)}${regions.map((r) => option(regionKey(r), r ?? w.noRegion))}</select>`;
  // the controls need the script: hidden until it runs, so a reader without script sees no dead buttons
  const controls = html`<div class="controls" id="controls" hidden>
<label class="search">${w.search} <input type="search" id="q" placeholder="${w.searchHint}" autocomplete="off"></label>
<label>${w.yearFilter} ${yearSelect}</label>
<label>${w.regionFilter} ${regionSelect}</label>
<span class="shown">${w.shown(html`<b id="shown">${rows.length}</b>`, rows.length)}</span>
<button type="button" id="open-all">${w.openAll}</button><button type="button" id="close-all">${w.closeAll}</button>
</div>`;
  const c = w.cols;
  const th = (label: string, sort: 'text' | 'num' | null, cls = '', ariaSort = '') =>
    sort ? html`<th scope="col" class="${cls}" data-sort="${sort}"${ariaSort ? html` aria-sort="${ariaSort}"` : ''}><button type="button">${label}</button></th>` : html`<th scope="col" class="${cls}">${label}</th>`;
  const head = html`<thead><tr>${th(c.body, 'text', 'c-body')}${th(c.region, 'text', 'c-region')}${th(c.year, 'num', 'c-year')}${th(c.errors, 'num', 'c-n', 'descending')}${th(c.warnings, 'num', 'c-n')}${th(c.rules, 'num', 'c-rules')}${th(c.cross, 'num', 'c-n')}${th(c.reading, 'num', 'c-reading')}${th(c.page, null, 'c-link')}</tr></thead>`;
  return [
    html`<section class="panel bodies-panel" id="bodies-panel"><h2>${w.tableTitle}</h2><p class="muted small">${w.tableNote}</p>${controls}
<div class="table-wrap"><table class="bodies" id="bodies">${head}
`,
    html`</table></div></section>`,
  ];
}

function unattachedBlock(list: CrossFinding[], rules: Map<string, RuleMeta>, lang: Lang, w: Words): Html | string {
  if (!list.length) return '';
  const items = list.map((f) => {
    const tone = toneOf(f.severity);
    const who = [f.body ?? '', f.year ? w.yearOf(f.year) : ''].filter(Boolean).join(' ');
    return html`<li class="p t-${tone}"><span class="sev t-${tone}">${w.sev[f.severity]}</span> ${who ? html`<b>${who}</b>${w.sep}` : ''}<span class="msg">${f.message}</span><span class="p-meta"><code class="rule">${f.ruleId}</code> ${ruleTitle(f.ruleId, rules, lang)}</span></li>`;
  });
  return html`<section class="panel"><h2>${w.unattached}</h2><ol class="problems cross">${items}</ol></section>`;
}

/* ------------------------------------------------------------------ script, CSP */

/**
 * The page's one script: sorting by a header, the search box and the two filters, open/close all.
 * It holds no data: everything it reads is in the markup (data-* attributes and cell text).
 */
const SCRIPT = `(function () {
  'use strict';
  var table = document.getElementById('bodies');
  if (!table) return;
  var bodies = Array.prototype.slice.call(table.tBodies);
  var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true });
  var controls = document.getElementById('controls');
  var q = document.getElementById('q'), fy = document.getElementById('f-year'), fr = document.getElementById('f-region');
  var shown = document.getElementById('shown');
  controls.hidden = false;
  var texts = null;
  function norm(s) { return s.toLowerCase().replace(/\\s+/g, ''); }
  function apply() {
    var query = norm(q.value), y = fy.value, r = fr.value, n = 0;
    if (query && !texts) { texts = new Map(); bodies.forEach(function (b) { texts.set(b, norm(b.textContent)); }); }
    bodies.forEach(function (b) {
      var ok = (!y || b.getAttribute('data-year') === y) && (!r || b.getAttribute('data-region') === r) && (!query || texts.get(b).indexOf(query) >= 0);
      b.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = String(n);
  }
  var timer = 0;
  q.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
  fy.addEventListener('change', apply);
  fr.addEventListener('change', apply);
  var ths = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function value(b, i) {
    var cell = b.rows[0].cells[i];
    return cell.hasAttribute('data-v') ? cell.getAttribute('data-v') : cell.textContent.trim();
  }
  ths.forEach(function (th, i) {
    var button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var numeric = th.getAttribute('data-sort') === 'num';
      var current = th.getAttribute('aria-sort');
      var dir = current === 'descending' ? 1 : current === 'ascending' ? -1 : numeric ? -1 : 1;
      ths.forEach(function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      var order = bodies.map(function (b, k) { return { b: b, k: k, v: value(b, i) }; });
      order.sort(function (x, y) {
        if (x.v === '' || y.v === '') return x.v === y.v ? x.k - y.k : x.v === '' ? 1 : -1;
        var c = numeric ? Number(x.v) - Number(y.v) : collator.compare(x.v, y.v);
        return c ? c * dir : x.k - y.k;
      });
      var frag = document.createDocumentFragment();
      order.forEach(function (o) { frag.appendChild(o.b); });
      table.appendChild(frag);
      bodies = order.map(function (o) { return o.b; });
    });
  });
  function openAll(open) {
    bodies.forEach(function (b) { if (!b.hidden) { var d = b.querySelector('details'); if (d) d.open = open; } });
  }
  document.getElementById('open-all').addEventListener('click', function () { openAll(true); });
  document.getElementById('close-all').addEventListener('click', function () { openAll(false); });
})();`;

/** SHA-256 (FIPS 180-4) of a text's UTF-8 bytes, as base64: the CSP hash of the inline script (no node:crypto, the core runs in a browser). */
export function sha256Base64(text: string): string {
  const K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]);
  const bytes = new TextEncoder().encode(text);
  const padded = new Uint8Array(Math.ceil((bytes.length + 9) / 64) * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = bytes.length * 8;
  view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(padded.length - 4, bits >>> 0);
  const H = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const Wd = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) Wd[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(Wd[i - 15], 7) ^ rotr(Wd[i - 15], 18) ^ (Wd[i - 15] >>> 3);
      const s1 = rotr(Wd[i - 2], 17) ^ rotr(Wd[i - 2], 19) ^ (Wd[i - 2] >>> 10);
      Wd[i] = (Wd[i - 16] + s0 + Wd[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, h] = H;
    for (let i = 0; i < 64; i++) {
      const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + Wd[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    H[0] += a;
    H[1] += b;
    H[2] += c;
    H[3] += d;
    H[4] += e;
    H[5] += f;
    H[6] += g;
    H[7] += h;
  }
  let bin = '';
  for (const word of H) bin += String.fromCharCode(word >>> 24, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff);
  return btoa(bin);
}

// only the page's own script may run (by its hash), and nothing may be loaded from anywhere
const CSP = `default-src 'none'; script-src 'sha256-${sha256Base64(SCRIPT)}'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'`;

/* ------------------------------------------------------------------ style (the per-report page's palette) */

const CSS = `
:root{--ink:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#f6f8fa;
--error:#b42318;--error-bg:#fde8e7;--warning:#9a6700;--warning-bg:#fff4d6;--info:#0b5cad;--info-bg:#e6f0fb;--doubt:#6639ba;--doubt-bg:#f1ebfb;--fatal:#7d1a12;--fatal-bg:#fbd5d1;--cross:#0f766e}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:var(--bg);font:15px/1.6 "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",system-ui,sans-serif}
html:lang(en) body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
main{max-width:1400px;margin:0 auto;padding:1.5rem}
h1{font-size:1.5rem;margin:0 0 1rem}
h2{font-size:1.15rem;margin:0 0 .4rem}
h3{font-size:1rem;margin:.6rem 0 .3rem}
h4{font-size:.92rem;margin:.7rem 0 .3rem}
a{color:var(--info)}
.muted{color:var(--muted)}
.small{font-size:.86rem}
.panel,.top{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1.25rem 1.5rem;margin-bottom:1.5rem}
.totals{display:flex;flex-wrap:wrap;gap:.75rem}
.total{min-width:7rem;padding:.5rem .9rem;border-radius:6px;border:1px solid var(--line);border-left-width:5px}
.total b{display:block;font-size:1.6rem;line-height:1.2}
.total.zero{opacity:.6}
.total.t-plain{border-left-color:var(--ink)}.total.t-error{border-left-color:var(--error)}.total.t-warning{border-left-color:var(--warning)}.total.t-info{border-left-color:var(--info)}.total.t-doubt{border-left-color:var(--doubt)}.total.t-fatal{border-left-color:var(--fatal)}.total.t-cross{border-left-color:var(--cross)}
.doubt-note{font-size:.9rem;color:var(--doubt);margin:.6rem 0 0}
.meta{font-size:.85rem;margin:.6rem 0 0}
.overview{display:grid;grid-template-columns:minmax(0,1.6fr) minmax(16rem,1fr);gap:0 1.5rem;align-items:start}
.overview>.panel:only-child{grid-column:1/-1}
.bars{display:block;width:100%;max-width:760px;height:auto;font-family:inherit}
.bars .label{font-size:13px;fill:var(--ink)}
.bars .rule-id{font:11px ui-monospace,SFMono-Regular,Consolas,monospace;fill:var(--muted)}
.bars .count{font-size:12.5px;fill:var(--ink);font-weight:600}
.bars .track{fill:#eef1f4}
.bars .fill.t-error{fill:var(--error)}.bars .fill.t-warning{fill:#c98a00}.bars .fill.t-info{fill:var(--info)}
.clean{color:#1a7f37;font-weight:600}
.names{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.3rem .4rem}
.names li{border:1px solid var(--line);border-radius:4px;padding:0 .45rem;font-size:.9rem;background:var(--bg)}
.cov.missing h3{color:var(--error)}.cov.unreadable h3{color:var(--fatal)}
.controls{display:flex;flex-wrap:wrap;gap:.5rem 1.2rem;align-items:center;margin:.6rem 0 .8rem;font-size:.92rem}
.controls[hidden]{display:none}
.controls input[type=search]{width:18rem;max-width:60vw;padding:.3rem .5rem;border:1px solid var(--line);border-radius:5px;font:inherit}
.controls select{padding:.25rem .4rem;border:1px solid var(--line);border-radius:5px;font:inherit;background:#fff}
.controls button{font:inherit;font-size:.85rem;padding:.2rem .6rem;border:1px solid var(--line);border-radius:5px;background:var(--bg);cursor:pointer}
.shown{color:var(--muted)}
.table-wrap{overflow-x:auto}
table.bodies{border-collapse:collapse;width:100%;font-size:.92rem}
.bodies thead th{position:sticky;top:0;background:#f3f4f6;z-index:1;text-align:left;border-bottom:2px solid var(--line);padding:.35rem .5rem;white-space:nowrap;font-weight:600}
.bodies thead th button{all:unset;cursor:pointer}
.bodies thead th[data-sort] button::after{content:"↕";color:var(--muted);font-size:.8em;margin-left:.25rem}
.bodies thead th[aria-sort=ascending] button::after{content:"▲";color:var(--ink)}
.bodies thead th[aria-sort=descending] button::after{content:"▼";color:var(--ink)}
.bodies tbody{border-bottom:1px solid var(--line)}
.bodies tbody:hover{background:#fafbfc}
.bodies td,.bodies th[scope=row]{padding:.35rem .5rem;vertical-align:top;text-align:left}
.bodies th[scope=row]{font-weight:600}
.bodies .unknown{color:var(--muted);font-weight:400}
.bodies .file{display:block;font:400 .78rem ui-monospace,SFMono-Regular,Consolas,monospace;color:var(--muted);word-break:break-all}
.bodies .n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.bodies .n.zero,.bodies .na{color:var(--muted)}
.bodies .has-error{color:var(--error);font-weight:700}.bodies .has-warning{color:var(--warning);font-weight:700}.bodies .has-cross{color:var(--cross);font-weight:700}
.bodies tr.detail td{padding:0 .5rem .45rem 1.2rem;font-size:.9rem}
.rule-chip{display:inline-block;font:.78rem ui-monospace,SFMono-Regular,Consolas,monospace;background:var(--error-bg);color:var(--error);border-radius:3px;padding:0 .3rem;margin:.05rem 0}
.chip{display:inline-block;padding:0 .55rem;border-radius:999px;font-size:.82rem;border:1px solid currentColor;white-space:nowrap}
.chip.t-doubt{color:var(--doubt)}.chip.t-fatal{color:var(--fatal)}
details>summary{cursor:pointer;color:var(--info);font-size:.88rem}
details[open]>summary{margin-bottom:.3rem}
.problems{margin:.2rem 0 .4rem;padding-left:1.6rem}
.problems li{margin:.25rem 0;padding-left:.2rem}
.p .sev{font-weight:700;font-size:.85rem}
.sev.t-error{color:var(--error)}.sev.t-warning{color:var(--warning)}.sev.t-info{color:var(--info)}.sev.t-doubt{color:var(--doubt)}
.p-meta,.p-with{display:block;color:var(--muted);font-size:.82rem}
.p-with{color:var(--cross)}
.rule{font-family:ui-monospace,SFMono-Regular,Consolas,monospace;font-size:.8rem}
h4.t-doubt{color:var(--doubt)}
.fatal-note{color:var(--fatal);margin:.2rem 0}
.d-foot{margin:.3rem 0 0;word-break:break-all}
@media (max-width:900px){.overview{grid-template-columns:1fr}}
@media print{
body{background:#fff;font-size:10.5pt}
main{max-width:none;padding:0}
.panel,.top{border:none;padding:0;margin:0 0 1rem}
.controls{display:none}
.bodies thead th{position:static}
.bodies tbody{break-inside:avoid}
a{color:inherit;text-decoration:none}
.total,.rule-chip,.chip,.bars{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

/* ------------------------------------------------------------------ the page */

/**
 * The page in pieces, in order: everything up to the table's first row, then one piece per report
 * (its full result read by `load` only then, so a caller can keep summaries and read each record
 * back from results.jsonl), then the rest. `summaries` in the order of results.jsonl.
 */
export function* dashboardParts(summaries: RecordSummary[], cross: CrossFinding[], options: DashboardOptions, load: (s: RecordSummary) => LintResult): Generator<string> {
  const lang: Lang = options.lang === 'en' ? 'en' : 'zh';
  const w = WORDS[lang];
  const rules = new Map(options.rules.map((r) => [r.id, r]));
  const { byId, unattached } = crossByRecord(summaries, cross);
  const collator = new Intl.Collator(w.collator, { numeric: true });
  const rows: Row[] = summaries.map((s) => ({
    s,
    tally: tallyOf(s, options.rules),
    body: s.name,
    year: s.shownYear,
    cross: byId.get(s.id) ?? [],
  }));
  // the worst first, so the page reads in a useful order before (or without) any sorting
  const sorted = rows
    .map((r, k) => ({ r, k }))
    .sort(
      (a, b) =>
        (b.r.tally.unreadable ? -1 : b.r.tally.errors) - (a.r.tally.unreadable ? -1 : a.r.tally.errors) ||
        b.r.tally.warnings - a.r.tally.warnings ||
        b.r.cross.length - a.r.cross.length ||
        collator.compare(a.r.body ?? '\uffff', b.r.body ?? '\uffff') ||
        (b.r.year ?? 0) - (a.r.year ?? 0) ||
        a.k - b.k,
    )
    .map((x) => x.r);

  const title = options.coverage?.year ? w.titleYear(options.coverage.year) : w.title;
  const cov = coverageBlock(options.coverage, w);
  const [tableStart, tableEnd] = tableBlock(sorted, w);
  yield html`<!DOCTYPE html>
<html lang="${w.htmlLang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reportlint ${options.toolVersion}">
<title>${title}</title>
<style>${new Html(CSS)}</style>
</head>
<body>
<main>
<header class="top"><h1>${title}</h1>
${totalsBlock(rows, cross, w)}
<p class="meta muted">${w.generatedBy(options.toolVersion)}${options.generatedAt ? html` · ${w.generatedAt(options.generatedAt)}` : ''}</p></header>
<div class="overview">${chartBlock(rows, options.rules, lang, w)}${cov}</div>
${tableStart}`.value;
  const byRowId = new Map(sorted.map((r) => [r.s.id, r]));
  for (const r of sorted) yield bodyRow(r, load(r.s), byRowId, rules, lang, w).value;
  yield html`${tableEnd}
${unattachedBlock(unattached, rules, lang, w)}
</main>
<script>${new Html(SCRIPT)}</script>
</body>
</html>
`.value;
}

export function formatDashboard(records: AuditRecord[], cross: CrossFinding[], options: DashboardOptions): string {
  const results = new Map<RecordSummary, LintResult>();
  const summaries = records.map((r) => {
    const s = summarize(r);
    results.set(s, r.result);
    return s;
  });
  let page = '';
  for (const part of dashboardParts(summaries, cross, options, (s) => results.get(s)!)) page += part;
  return page;
}
