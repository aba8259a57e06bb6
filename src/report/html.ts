/**
 * Findings for people, as one self-contained HTML page: totals at the top, then per file its
 * facts, the list of findings beside the report's own text (from `result.view`), each finding
 * marked in the paragraph or table cell it points into and linked both ways.
 *
 * The page is opened from disk by a clerk and may be mailed on, so it loads nothing: CSS inline,
 * no script, no fonts or images, and a Content-Security-Policy that forbids anything else.
 * Everything that comes from a report (text, quotes, messages, the issuer, even the file path)
 * is data an outsider wrote, so it goes through `html` below, which escapes whatever it is given
 * unless it is markup this module built itself.
 */
import { escapeHtml, html, Html } from './markup.js';
import { locationText } from './location.js';
import type { Lang, LintMessage, LintResult } from '../types.js';
import type { RuleMeta } from '../engine/rule.js';
import type { DocumentView, ViewBlock, ViewCell } from '../engine/view.js';
import { pushTo } from '../util/group.js';

export interface HtmlOptions {
  lang: Lang;
  rules: RuleMeta[];
  toolVersion: string;
  /** shown in the header when given; left out by default so the same input gives the same page */
  generatedAt?: string;
}

/* safe markup: ./markup.ts (escapeHtml is re-exported for the tests) */
export { escapeHtml };

/**
 * A rule's doc link, only if it cannot run or fetch anything by being clicked: a relative path
 * (what the rules give, docs/rules/<id>.md) or http(s). Whitespace and control characters are
 * refused outright, since browsers drop them inside a scheme (`java\nscript:`).
 */
export function safeHref(url: string | undefined): string | null {
  if (!url || /[\u0000-\u0020\u007f]/.test(url)) return null;
  if (/^https?:\/\/[^/]/i.test(url)) return url;
  if (url.startsWith('//') || url.startsWith('\\')) return null; // another host, not a relative path
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return null; // javascript:, data:, file:, …
  return url;
}

/* ------------------------------------------------------------------ words */

const WORDS = {
  zh: {
    htmlLang: 'zh-CN',
    title: '政府信息公开工作年度报告检查结果',
    files: '文件',
    errors: '错误',
    warnings: '警告',
    notes: '提示',
    doubts: '读取存疑',
    doubt: '读取存疑',
    unreadable: '无法读取',
    sev: { 2: '错误', 1: '警告', 0: '提示' } as Record<0 | 1 | 2, string>,
    /** a count's label when the count is 1 (Chinese has no plural) */
    one: {} as Record<string, string>,
    issuer: '发布机关',
    year: '报告年度',
    format: '文件格式',
    template: '适用格式',
    issuerTypes: { government: '人民政府', department: '政府部门', township: '乡镇（街道）', unknown: '类型未识别' } as Record<string, string>,
    formats: { text: '纯文本', markdown: 'Markdown', html: '网页（HTML）', docx: 'Word（DOCX）', pdf: 'PDF' } as Record<string, string>,
    yearOf: (y: number) => `${y}年`,
    paren: (s: string) => `（${s}）`,
    templateOf: (t: string) => `${t}年版格式`,
    unknown: '未识别',
    findings: '检查发现',
    document: '报告原文',
    noFindings: '未发现问题',
    noView: '本次检查未附报告原文（未生成文档视图），仅列出检查发现。',
    expected: '应为',
    actual: '实为',
    blank: '（空白）',
    quote: (q: string) => `「${q}」`,
    unplaced: '未定位到正文',
    toText: '在原文中查看',
    toFinding: (n: number) => `查看第 ${n} 条检查发现`,
    toGrouped: (n: number) => `第 ${n} 条检查发现所列之处`,
    places: (n: number) => `涉及 ${n} 处`,
    tableMarks: '涉及整张表格：',
    doubtNote: '「读取存疑」不是报告本身的问题，而是本工具对文档的读取没有把握之处，请对照原文核实。',
    legend: '标注颜色：',
    suppressed: (n: number) => `另有 ${n} 个问题已按基线或行内注释接受，未列出。`,
    generatedBy: (v: string) => `由 reportlint ${v} 生成`,
    generatedAt: (t: string) => `生成时间：${t}`,
    summaryTable: '文件一览',
    file: '文件',
    partTitle: (n: number, title: string) => `${'一二三四五六'[n - 1] ?? n}、${title}`,
    operandOf: (ns: number[]) => `第 ${ns.join('、')} 条检查发现所核对合计的加数`,
    beforeParts: '标题与开头',
    unplacedGroup: '未定位到正文的问题',
  },
  en: {
    htmlLang: 'en',
    title: 'Annual government information disclosure reports: check results',
    files: 'files',
    errors: 'errors',
    warnings: 'warnings',
    notes: 'notes',
    doubts: 'reading doubts',
    doubt: 'reading doubt',
    unreadable: 'unreadable',
    sev: { 2: 'error', 1: 'warning', 0: 'note' } as Record<0 | 1 | 2, string>,
    one: { files: 'file', errors: 'error', warnings: 'warning', notes: 'note', doubts: 'reading doubt' } as Record<string, string>,
    issuer: 'Issuer',
    year: 'Reporting year',
    format: 'File format',
    template: 'Template',
    issuerTypes: { government: 'people’s government', department: 'department', township: 'township / subdistrict', unknown: 'type not recognised' } as Record<string, string>,
    formats: { text: 'plain text', markdown: 'Markdown', html: 'web page (HTML)', docx: 'Word (DOCX)', pdf: 'PDF' } as Record<string, string>,
    yearOf: (y: number) => String(y),
    paren: (s: string) => `(${s})`,
    templateOf: (t: string) => `${t} format`,
    unknown: 'not recognised',
    findings: 'Findings',
    document: 'Report text',
    noFindings: 'No problems found',
    noView: 'The report text is not included (linted without a document view); findings only.',
    expected: 'expected',
    actual: 'found',
    blank: '(blank)',
    quote: (q: string) => `“${q}”`,
    unplaced: 'not placed in the text',
    toText: 'show in the text',
    toFinding: (n: number) => `go to finding ${n}`,
    toGrouped: (n: number) => `a place listed by finding ${n}`,
    places: (n: number) => `${n} ${n === 1 ? 'place' : 'places'}`,
    tableMarks: 'About the whole table: ',
    doubtNote: 'A reading doubt is not a defect of the report: it is a place where this tool is not sure it read the document right. Check it against the original.',
    legend: 'Highlights: ',
    suppressed: (n: number) => `${n} more ${n === 1 ? 'finding' : 'findings'} accepted by the baseline or an inline comment, not listed.`,
    generatedBy: (v: string) => `Generated by reportlint ${v}`,
    generatedAt: (t: string) => `Generated at ${t}`,
    summaryTable: 'Files',
    file: 'File',
    partTitle: (n: number, title: string) => `Part ${n}: ${title}`,
    operandOf: (ns: number[]) => `a part of the sum checked by finding ${ns.join(', ')}`,
    beforeParts: 'Title and opening',
    unplacedGroup: 'Not placed in the text',
  },
};
type Words = (typeof WORDS)['zh'];

/* ------------------------------------------------------------------ classification */

/** How a finding is shown: the report's defects by severity; our own doubts and fatal reads apart. */
type Tone = 'error' | 'warning' | 'info' | 'doubt' | 'fatal';

function toneOf(m: LintMessage): Tone {
  if (m.fatal) return 'fatal';
  if (m.kind === 'doubt') return 'doubt';
  return m.severity === 2 ? 'error' : m.severity === 1 ? 'warning' : 'info';
}

// a place named by several findings is coloured by the most serious of them
const RANK: Record<Tone, number> = { fatal: 5, error: 4, warning: 3, doubt: 2, info: 1 };
const strongest = (tones: Tone[]): Tone => tones.reduce((a, b) => (RANK[b] > RANK[a] ? b : a));

function toneLabel(m: LintMessage, w: Words): string {
  const t = toneOf(m);
  return t === 'fatal' ? w.unreadable : t === 'doubt' ? w.doubt : w.sev[m.severity];
}

interface Counts {
  errors: number;
  warnings: number;
  notes: number;
  doubts: number;
  unreadable: number;
}

/**
 * Counted by tone rather than from errorCount/warningCount: those include the reading doubts,
 * which the page keeps apart, so a clerk does not take our uncertainty for the report's fault.
 */
function countOf(results: LintResult[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, notes: 0, doubts: 0, unreadable: 0 };
  for (const r of results)
    for (const m of r.messages) {
      const t = toneOf(m);
      if (t === 'error') c.errors++;
      else if (t === 'warning') c.warnings++;
      else if (t === 'info') c.notes++;
      else if (t === 'doubt') c.doubts++;
      else c.unreadable++;
    }
  return c;
}


/* ------------------------------------------------------------------ ids and badges */

// ids are built from indexes only, never from the file path, so they are always valid and unique
const findingId = (file: number, i: number) => `r${file}-f${i}`;
const markId = (file: number, i: number) => `r${file}-m${i}`;
/** the mark of place k of grouped finding i (a blank cell of a blank-cells finding) */
const relatedMarkId = (file: number, i: number, k: number) => `r${file}-m${i}-${k}`;

/** A finding's badge at one place: its own place, or one of the places it lists (`related`). */
interface Badge {
  i: number;
  related: boolean;
  id?: string;
}

/** Where a place of the view stands in the page: its findings and the places of grouped findings. */
type Spot = { messages: number[]; related?: Array<[number, number]> };

/**
 * The badges of every place of the text, decided before anything is drawn, in the order the page
 * draws them: a finding's first badge carries the anchor its entry's back link goes to; each place
 * of a grouped finding gets a badge too, whose anchor the entry's list of places links to.
 */
interface MarkPlan {
  badges: Map<Spot, Badge[]>;
  /** `${i}:${k}` → the anchor of the badge that marks place k of finding i */
  relatedAnchor: Map<string, string>;
}

/** State while one file's text is drawn. */
interface MarkContext {
  file: number;
  messages: LintMessage[];
  plan: MarkPlan;
  w: Words;
}

/** The findings of a table no single cell holds (a missing row, the table's shape), shown above it. */
function wholeTable(block: Extract<ViewBlock, { kind: 'table' }>): Spot {
  const cells = block.rows.flat();
  const inCells = new Set(cells.flatMap((c) => c.messages));
  const relatedInCells = new Set(cells.flatMap((c) => (c.related ?? []).map(([i, k]) => `${i}:${k}`)));
  return { messages: block.messages.filter((i) => !inCells.has(i)), related: (block.related ?? []).filter(([i, k]) => !relatedInCells.has(`${i}:${k}`)) };
}

/** Spots in the order the page draws them (a table's whole-table marks before its cells); each table's whole-table spot is kept for drawing. */
function spotsOf(view: DocumentView, above: Map<ViewBlock, Spot>): Spot[] {
  return view.blocks.flatMap((b): Spot[] => {
    if (b.kind !== 'table') return [b];
    const whole = wholeTable(b);
    above.set(b, whole);
    return [whole, ...b.rows.flat()];
  });
}

function planMarks(file: number, view: DocumentView, above: Map<ViewBlock, Spot>): MarkPlan {
  const badges = new Map<Spot, Badge[]>();
  const relatedAnchor = new Map<string, string>();
  const anchored = new Set<number>();
  const used = new Set<string>();
  for (const spot of spotsOf(view, above)) {
    const here: Badge[] = [];
    for (const i of spot.messages) {
      const first = !anchored.has(i);
      anchored.add(i);
      const id = first ? markId(file, i) : undefined;
      if (id) used.add(id);
      here.push({ i, related: false, id });
    }
    // the places of grouped findings here: one badge per finding, however many of its places are here
    const byFinding = new Map<number, number[]>();
    for (const [i, k] of spot.related ?? []) pushTo(byFinding, i, k);
    for (const [i, ks] of byFinding) {
      let b = here.find((x) => x.i === i);
      if (!b) here.push((b = { i, related: true }));
      if (!b.id && !used.has(relatedMarkId(file, i, ks[0]))) {
        b.id = relatedMarkId(file, i, ks[0]);
        used.add(b.id);
      }
      if (b.id) for (const k of ks) if (!relatedAnchor.has(`${i}:${k}`)) relatedAnchor.set(`${i}:${k}`, b.id);
    }
    badges.set(spot, here);
  }
  return { badges, relatedAnchor };
}

function badge(ctx: MarkContext, b: Badge): Html {
  const m = ctx.messages[b.i];
  const title = b.related ? ctx.w.toGrouped(b.i + 1) : ctx.w.toFinding(b.i + 1);
  return html`<a class="badge t-${toneOf(m)}${b.related ? ' rel' : ''}"${b.id ? html` id="${b.id}"` : ''} href="#${findingId(ctx.file, b.i)}" title="${title} · ${toneLabel(m, ctx.w)} ${m.ruleId}">${b.i + 1}</a>`;
}

const badgesAt = (ctx: MarkContext, spot: Spot) => {
  const list = ctx.plan.badges.get(spot) ?? [];
  return list.length ? html`<span class="badges">${list.map((b) => badge(ctx, b))}</span>` : '';
};

/** The highlight of a place named by findings (or listed by grouped ones): none, or `mark` and the tone of the most serious. */
const markClasses = (ctx: MarkContext, spot: Spot): string[] => {
  const indexes = (ctx.plan.badges.get(spot) ?? []).map((b) => b.i);
  return indexes.length ? ['mark', `t-${strongest(indexes.map((i) => toneOf(ctx.messages[i])))}`] : [];
};

/** A class attribute, or nothing when there is no class (the names are this module's own words). */
const classAttr = (names: string[]) => (names.length ? html` class="${names.join(' ')}"` : '');

/* ------------------------------------------------------------------ the report's text */

const NUMERIC = /^\s*([-+−]?\d[\d,，.]*\s*(万元|元|%|件|条)?)?\s*$/;

function renderCell(ctx: MarkContext, cell: ViewCell): Html {
  const tag = cell.header ? 'th' : 'td';
  const span = html`${cell.rowSpan > 1 ? html` rowspan="${cell.rowSpan}"` : ''}${cell.colSpan > 1 ? html` colspan="${cell.colSpan}"` : ''}`;
  // numbers and headings spanning columns are centred like the printed form; row labels read better from the left
  // a part of a sum that a finding says does not hold: lit faintly, so the total and what it adds up are seen together
  const operandOf = (cell.operands ?? []).filter((i) => !cell.messages.includes(i));
  const cls = classAttr([...(NUMERIC.test(cell.text) || cell.colSpan > 1 ? ['c'] : []), ...markClasses(ctx, cell), ...(operandOf.length ? ['operand'] : [])]);
  const title = operandOf.length ? html` title="${ctx.w.operandOf(operandOf.map((i) => i + 1))}" data-operand-of="${operandOf.join(' ')}"` : '';
  const inner = html`<span class="cell-text">${cell.text}</span>${badgesAt(ctx, cell)}`;
  // the tag name is one of two literals, never data
  return tag === 'th' ? html`<th${span}${cls}${title}>${inner}</th>` : html`<td${span}${cls}${title}>${inner}</td>`;
}

function renderTable(ctx: MarkContext, block: Extract<ViewBlock, { kind: 'table' }>, whole: Spot | undefined): Html {
  // findings inside the table that no single cell holds (a missing row, the table's shape) go above it
  const above = whole && (ctx.plan.badges.get(whole)?.length ?? 0) > 0 ? html`<p${classAttr(['table-marks', ...markClasses(ctx, whole)])}>${ctx.w.tableMarks}${badgesAt(ctx, whole)}</p>` : '';
  const rows = block.rows.map((row) => html`<tr>${row.map((cell) => renderCell(ctx, cell))}</tr>`);
  return html`${above}<div class="table-wrap"><table class="doc-table"><tbody>${rows}</tbody></table></div>`;
}

function renderBlock(ctx: MarkContext, block: ViewBlock, above: Map<ViewBlock, Spot>): Html {
  if (block.kind === 'table') return renderTable(ctx, block, above.get(block));
  const marks = markClasses(ctx, block);
  // badges first, so they line up at the left edge where the eye looks for them
  const body = html`${badgesAt(ctx, block)}${block.text}`;
  return block.kind === 'heading' ? html`<h4${classAttr(['doc-heading', ...marks])}>${body}</h4>` : html`<p${classAttr(['doc-para', ...marks])}>${body}</p>`;
}

/**
 * The view's finding indexes that name a finding of this result. They always should; but if a
 * caller drops findings after linting (a baseline) without rebuilding the view, a stale index must
 * not mark the wrong place or break the page, so it is left out (and so is a place of a grouped
 * finding that the finding does not list).
 */
function checkedView(view: DocumentView, messages: LintMessage[]): DocumentView {
  const count = messages.length;
  const ok = (list: number[]) => list.filter((i) => Number.isInteger(i) && i >= 0 && i < count);
  const okRelated = (list: Array<[number, number]> = []) => list.filter(([i, k]) => ok([i]).length === 1 && Number.isInteger(k) && k >= 0 && k < (messages[i].related?.length ?? 0));
  const blocks = view.blocks.map((b): ViewBlock =>
    b.kind === 'table'
      ? { ...b, messages: ok(b.messages), related: okRelated(b.related), rows: b.rows.map((row) => row.map((c) => ({ ...c, messages: ok(c.messages), related: okRelated(c.related), ...(c.operands ? { operands: ok(c.operands) } : {}) }))) }
      : { ...b, messages: ok(b.messages), related: okRelated(b.related) },
  );
  return { ...view, blocks, unplaced: ok(view.unplaced) };
}

function renderDocument(ctx: MarkContext, view: DocumentView, above: Map<ViewBlock, Spot>): Html {
  return html`<div class="doc" lang="zh-CN"><h3 class="pane-title">${ctx.w.document}</h3><div class="doc-body">${view.blocks.map((b) => renderBlock(ctx, b, above))}</div></div>`;
}

/* ------------------------------------------------------------------ the findings list */

/** Indexes of the findings that are marked somewhere in the text (so their entry can link back). */
function placedIn(view: DocumentView | undefined): Set<number> {
  return new Set(view?.blocks.flatMap((b) => b.messages) ?? []);
}

function ruleLink(m: LintMessage, meta: RuleMeta | undefined, lang: Lang): Html | string {
  if (m.fatal) return '';
  const href = safeHref(m.url ?? meta?.docs);
  const title = meta?.description[lang] ?? '';
  return href ? html`<a class="rule" href="${href}" title="${title}">${m.ruleId}</a>` : html`<span class="rule" title="${title}">${m.ruleId}</span>`;
}

function expectedActual(m: LintMessage, w: Words): Html | string {
  if (m.expected === undefined && m.actual === undefined) return '';
  const value = (s: string) => (s === '' ? html`<span class="blank">${w.blank}</span>` : s);
  return html`<dl class="ea">${m.expected !== undefined ? html`<dt>${w.expected}</dt><dd>${value(m.expected)}</dd>` : ''}${m.actual !== undefined ? html`<dt>${w.actual}</dt><dd>${value(m.actual)}</dd>` : ''}</dl>`;
}

/** Where the entry leads back to: its mark in the text; without a text shown, nowhere, and nothing is said. */
type Placement = 'marked' | 'unplaced' | 'no-text';

/**
 * The places a grouped finding lists (each blank cell of a table), under its entry: each with
 * where it is, its own text, and a link to its mark in the text. Folded when there are many.
 */
function relatedList(file: number, i: number, m: LintMessage, plan: MarkPlan, lang: Lang, w: Words): Html | string {
  const related = m.related ?? [];
  if (related.length === 0) return '';
  const items = related.map((rel, k) => {
    const where = locationText(rel, lang);
    const anchor = plan.relatedAnchor.get(`${i}:${k}`);
    const place = where ? (anchor ? html`<a class="where" href="#${anchor}" title="${w.toText}">${where}</a>` : html`<span class="where">${where}</span>`) : '';
    return html`<li data-related="${k}">${place}<span class="r-msg">${rel.message}</span>${rel.quote && (rel.page !== null || rel.paragraph || rel.tableCell) ? html` <span class="f-quote">${w.quote(rel.quote)}</span>` : ''}</li>`;
  });
  const open = related.length <= RELATED_OPEN ? html` open` : '';
  return html`<details class="related" id="${findingId(file, i)}-places"${open}><summary>${w.places(related.length)}</summary><ol>${items}</ol></details>`;
}

/** a grouped finding's places are listed unfolded up to this many */
const RELATED_OPEN = 10;

function renderFinding(file: number, i: number, m: LintMessage, placement: Placement, meta: RuleMeta | undefined, lang: Lang, w: Words, plan: MarkPlan): Html {
  const where = locationText(m, lang);
  const back =
    placement === 'marked' ? html`<a class="back" href="#${markId(file, i)}" title="${w.toText}">↖ ${w.toText}</a>` : placement === 'unplaced' ? html`<span class="unplaced">${w.unplaced}</span>` : '';
  return html`<li class="finding t-${toneOf(m)}" id="${findingId(file, i)}" data-finding="${i}" data-rule-id="${m.ruleId}" data-severity="${m.severity}" data-kind="${m.fatal ? 'fatal' : m.kind}">
<div class="f-head"><span class="num">${i + 1}</span><span class="sev t-${toneOf(m)}">${toneLabel(m, w)}</span>${ruleLink(m, meta, lang)}${where ? html`<span class="where">${where}</span>` : ''}</div>
<p class="f-msg">${m.message}</p>${m.quote ? html`<p class="f-quote">${w.quote(m.quote)}</p>` : ''}${expectedActual(m, w)}${relatedList(file, i, m, plan, lang, w)}<div class="f-foot">${back}</div></li>`;
}

/**
 * The findings as the reader goes through the report: under the part of the report each stands in
 * (by the block it is marked in), those the text does not place after them, and the reading
 * doubts apart at the end — they are about this tool's reading, not the report.
 */
function findingGroups(r: LintResult, w: Words): Array<{ key: string; title: string; items: number[] }> {
  const blockOf = new Map<number, number>();
  r.view?.blocks.forEach((b, at) => {
    const inCells = b.kind === 'table' ? b.rows.flat().flatMap((c) => c.messages) : [];
    for (const i of [...b.messages, ...inCells]) if (!blockOf.has(i)) blockOf.set(i, at);
  });
  const sections = [...(r.view?.sections ?? [])].sort((a, b) => a.block - b.block);
  const partOf = (i: number): string => {
    const at = blockOf.get(i);
    if (at === undefined) return 'other';
    const part = sections.filter((s) => s.block <= at).pop();
    return part ? `part-${part.number}` : 'head';
  };
  const groups = new Map<string, number[]>();
  r.messages.forEach((m, i) => pushTo(groups, m.kind === 'doubt' ? 'doubt' : r.view && !r.fatal ? partOf(i) : 'all', i));
  const title = (key: string) => {
    if (key === 'doubt') return w.doubts;
    if (key === 'head') return w.beforeParts;
    if (key === 'other') return w.unplacedGroup;
    const part = sections.find((s) => `part-${s.number}` === key);
    return part ? w.partTitle(part.number, part.title) : '';
  };
  const order = ['head', ...sections.map((s) => `part-${s.number}`), 'other', 'all', 'doubt'];
  return order.filter((k, n) => groups.has(k) && order.indexOf(k) === n).map((key) => ({ key, title: title(key), items: groups.get(key)! }));
}

function renderFindings(file: number, r: LintResult, rules: Map<string, RuleMeta>, lang: Lang, w: Words, plan: MarkPlan): Html {
  const placed = placedIn(r.view);
  const placement = (i: number): Placement => (!r.view || r.fatal ? 'no-text' : placed.has(i) ? 'marked' : 'unplaced');
  const groups = findingGroups(r, w);
  const list = (items: number[]) => html`<ol class="findings">${items.map((i) => renderFinding(file, i, r.messages[i], placement(i), rules.get(r.messages[i].ruleId), lang, w, plan))}</ol>`;
  const body = !r.messages.length
    ? html`<p class="clean">✔ ${w.noFindings}</p>`
    : groups.length === 1 && groups[0].key === 'all'
      ? list(groups[0].items)
      : groups.map((g) => html`<div class="f-group g-${g.key}" data-group="${g.key}"><h4 class="group-title">${g.title}</h4>${list(g.items)}</div>`);
  return html`<aside class="findings-pane"><h3 class="pane-title">${w.findings}</h3>${body}</aside>`;
}

/* ------------------------------------------------------------------ per file */

function facts(r: LintResult, w: Words): Html {
  const issuer = r.issuer ? html`${r.issuer.name} <span class="muted">${w.paren(w.issuerTypes[r.issuer.type] ?? r.issuer.type)}</span>` : html`<span class="muted">${w.unknown}</span>`;
  const row = (label: string, value: Html | string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  const or = (v: string | null) => v ?? html`<span class="muted">${w.unknown}</span>`;
  return html`<dl class="facts">${row(w.issuer, issuer)}${row(w.year, or(r.reportYear ? w.yearOf(r.reportYear) : null))}${row(w.format, or(r.format ? (w.formats[r.format] ?? r.format) : null))}${row(w.template, or(r.template ? w.templateOf(r.template) : null))}</dl>`;
}

type CountKey = 'files' | 'errors' | 'warnings' | 'notes' | 'doubts' | 'unreadable';
const counted = (w: Words, key: CountKey, n: number) => (n === 1 ? (w.one[key] ?? w[key]) : w[key]);

/** A file's counts as small coloured chips, the zeros left out. */
function countChips(c: Counts, w: Words): Html {
  const chip = (n: number, key: CountKey, tone: string) => (n ? html`<span class="chip t-${tone}"><b>${n}</b> ${counted(w, key, n)}</span>` : '');
  return html`${chip(c.errors, 'errors', 'error')}${chip(c.warnings, 'warnings', 'warning')}${chip(c.notes, 'notes', 'info')}${chip(c.doubts, 'doubts', 'doubt')}${chip(c.unreadable, 'unreadable', 'fatal')}`;
}

function renderFile(file: number, given: LintResult, rules: Map<string, RuleMeta>, lang: Lang, w: Words): Html {
  const r = given.view ? { ...given, view: checkedView(given.view, given.messages) } : given;
  // the badges and anchors of the text, decided first: the findings list links to them
  const above = new Map<ViewBlock, Spot>();
  const plan = r.view && !r.fatal ? planMarks(file, r.view, above) : { badges: new Map(), relatedAnchor: new Map() };
  const suppressed = r.suppressedMessages?.length ?? 0;
  const head = html`<header class="file-head"><h2 class="path">${r.filePath}</h2>${r.title ? html`<p class="report-title">${r.title}</p>` : ''}${r.fatal ? '' : facts(r, w)}<p class="chips">${countChips(countOf([r]), w)}</p>${suppressed ? html`<p class="suppressed muted">${w.suppressed(suppressed)}</p>` : ''}</header>`;
  const findings = renderFindings(file, r, rules, lang, w, plan);
  // a fatal file has nothing to show but its one message; a result linted without view has no text to show
  if (r.fatal || !r.view) {
    const note = r.fatal ? '' : html`<p class="no-view muted">${w.noView}</p>`;
    return html`<section class="file only-list${r.fatal ? ' fatal' : ''}" id="file-${file}" data-file-name="${r.filePath}">${head}${note}<div class="file-body">${findings}</div></section>`;
  }
  const doc = renderDocument({ file, messages: r.messages, plan, w }, r.view, above);
  return html`<section class="file" id="file-${file}" data-file-name="${r.filePath}">${head}<div class="file-body">${findings}${doc}</div></section>`;
}

/* ------------------------------------------------------------------ the page */

function overview(results: LintResult[], w: Words): Html | string {
  // a table of contents is only worth its space when there is more than one file
  if (results.length < 2) return '';
  const rows = results.map(
    (r, i) => html`<tr><td><a href="#file-${i}">${r.filePath}</a></td><td>${r.issuer?.name ?? ''}</td><td>${r.reportYear ?? ''}</td><td class="chips">${countChips(countOf([r]), w)}${r.messages.length ? '' : html`<span class="clean">✔ ${w.noFindings}</span>`}</td></tr>`,
  );
  return html`<nav class="toc"><h2>${w.summaryTable}</h2><table><thead><tr><th>${w.file}</th><th>${w.issuer}</th><th>${w.year}</th><th></th></tr></thead><tbody>${rows}</tbody></table></nav>`;
}

function pageHeader(results: LintResult[], options: HtmlOptions, w: Words): Html {
  const c = countOf(results);
  const total = (n: number, key: CountKey, tone: string) => html`<div class="total t-${tone}${n ? '' : ' zero'}"><b>${n}</b><span>${counted(w, key, n)}</span></div>`;
  const legend = (['error', 'warning', 'info', 'doubt'] as const).map((t) => html`<span class="swatch mark t-${t}">${t === 'error' ? w.errors : t === 'warning' ? w.warnings : t === 'info' ? w.notes : w.doubts}</span>`);
  return html`<header class="top"><h1>${w.title}</h1>
<div class="totals">${total(results.length, 'files', 'files')}${total(c.errors, 'errors', 'error')}${total(c.warnings, 'warnings', 'warning')}${total(c.notes, 'notes', 'info')}${total(c.doubts, 'doubts', 'doubt')}${c.unreadable ? total(c.unreadable, 'unreadable', 'fatal') : ''}</div>
<p class="legend">${w.legend}${legend}</p>${c.doubts ? html`<p class="doubt-note">${w.doubtNote}</p>` : ''}
<p class="meta muted">${w.generatedBy(options.toolVersion)}${options.generatedAt ? html` · ${w.generatedAt(options.generatedAt)}` : ''}</p></header>`;
}

// default-src 'none': even if something slipped through the escaping, the page could run and fetch nothing
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'";

/** the page's style sheet; the check page (src/web) links the same rules as a file of its own */
export const REPORT_CSS = `
:root{--ink:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#f6f8fa;
--error:#b42318;--error-bg:#fde8e7;--warning:#9a6700;--warning-bg:#fff4d6;--info:#0b5cad;--info-bg:#e6f0fb;--doubt:#6639ba;--doubt-bg:#f1ebfb;--fatal:#7d1a12;--fatal-bg:#fbd5d1}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:var(--bg);font:15px/1.7 "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",system-ui,sans-serif}
main{max-width:1400px;margin:0 auto;padding:1.5rem}
h1{font-size:1.5rem;margin:0 0 1rem}
h2{font-size:1.15rem;margin:0}
a{color:var(--info)}
.muted{color:var(--muted)}
.top,.toc,.file{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1.25rem 1.5rem;margin-bottom:1.5rem}
.totals{display:flex;flex-wrap:wrap;gap:.75rem}
.total{min-width:7rem;padding:.5rem .9rem;border-radius:6px;border:1px solid var(--line);border-left-width:5px}
.total b{display:block;font-size:1.6rem;line-height:1.2}
.total.zero{opacity:.6}
.total.t-error{border-left-color:var(--error)}.total.t-warning{border-left-color:var(--warning)}.total.t-info{border-left-color:var(--info)}.total.t-doubt{border-left-color:var(--doubt)}.total.t-fatal{border-left-color:var(--fatal)}
.legend{margin:.9rem 0 0;font-size:.9rem}
.swatch{display:inline-block;padding:0 .5rem;margin-right:.4rem;border-radius:3px}
.doubt-note{font-size:.9rem;color:var(--doubt);margin:.5rem 0 0}
.meta{font-size:.85rem;margin:.5rem 0 0}
.toc table{border-collapse:collapse;width:100%;margin-top:.5rem;font-size:.9rem}
.toc th,.toc td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left}
.file-head{border-bottom:1px solid var(--line);padding-bottom:.75rem;margin-bottom:1rem}
.path{font-family:ui-monospace,SFMono-Regular,Consolas,monospace;font-size:1rem;word-break:break-all}
.report-title{font-size:1.1rem;font-weight:600;margin:.3rem 0}
.facts{display:flex;flex-wrap:wrap;gap:.25rem 1.75rem;margin:.4rem 0}
.facts div{display:flex;gap:.5rem}
.facts dt{color:var(--muted)}
.facts dd{margin:0}
.chips{margin:.4rem 0 0}
.chip{display:inline-block;padding:0 .55rem;margin:0 .35rem .2rem 0;border-radius:999px;font-size:.85rem;border:1px solid currentColor}
.chip.t-error{color:var(--error)}.chip.t-warning{color:var(--warning)}.chip.t-info{color:var(--info)}.chip.t-doubt{color:var(--doubt)}.chip.t-fatal{color:var(--fatal)}
.clean{color:#1a7f37;font-weight:600}
.file-body{display:grid;grid-template-columns:minmax(0,1.7fr) minmax(20rem,1fr);grid-template-areas:"doc list";gap:1.5rem;align-items:start}
.only-list .file-body{grid-template-columns:1fr;grid-template-areas:"list"}
.doc{grid-area:doc;min-width:0}
.findings-pane{grid-area:list;position:sticky;top:.75rem;max-height:calc(100vh - 1.5rem);overflow:auto}
.only-list .findings-pane{position:static;max-height:none}
.pane-title{font-size:1rem;margin:0 0 .6rem;color:var(--muted);font-weight:600}
.findings{list-style:none;margin:0;padding:0}
.group-title{font-size:.92rem;margin:.8rem 0 .4rem;padding-bottom:.2rem;border-bottom:1px solid var(--line)}
.f-group:first-of-type .group-title{margin-top:0}
.g-doubt .group-title{color:var(--doubt)}
.finding{border:1px solid var(--line);border-left:5px solid var(--line);border-radius:6px;padding:.55rem .75rem;margin-bottom:.6rem;background:#fff}
.finding:target{outline:3px solid #0969da}
.finding.t-error{border-left-color:var(--error)}.finding.t-warning{border-left-color:var(--warning)}.finding.t-info{border-left-color:var(--info)}.finding.t-doubt{border-left-color:var(--doubt);border-left-style:dashed}.finding.t-fatal{border-left-color:var(--fatal);background:var(--fatal-bg)}
.f-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:.2rem .6rem;font-size:.88rem}
.num{font-weight:700;min-width:1.6rem}
.sev{font-weight:700}
.sev.t-error{color:var(--error)}.sev.t-warning{color:var(--warning)}.sev.t-info{color:var(--info)}.sev.t-doubt{color:var(--doubt)}.sev.t-fatal{color:var(--fatal)}
.rule{font-family:ui-monospace,SFMono-Regular,Consolas,monospace;font-size:.85rem}
.where{color:var(--muted)}
.f-msg{margin:.3rem 0}
.f-quote{margin:.2rem 0;color:var(--muted);font-size:.9rem}
.ea{display:grid;grid-template-columns:auto 1fr;gap:0 .6rem;margin:.2rem 0;font-size:.9rem}
.ea dt{color:var(--muted)}
.ea dd{margin:0;word-break:break-all}
.blank{color:var(--muted);font-style:italic}
.f-foot{font-size:.82rem}
.unplaced{color:var(--muted)}
.doc-body{font-family:"Songti SC","SimSun","Noto Serif CJK SC","Source Han Serif SC",serif;font-size:15.5px}
.doc-heading{font-size:1.05rem;margin:1.1rem 0 .4rem}
.doc-para{margin:.45rem 0;white-space:pre-line}
.mark{border-radius:3px;box-shadow:0 0 0 2px var(--m-line) inset;background:var(--m-bg)}
p.mark,h4.mark,.table-marks.mark{padding:.15rem .4rem}
.t-error{--m-bg:var(--error-bg);--m-line:var(--error)}.t-warning{--m-bg:var(--warning-bg);--m-line:var(--warning)}.t-info{--m-bg:var(--info-bg);--m-line:var(--info)}.t-doubt{--m-bg:var(--doubt-bg);--m-line:var(--doubt)}.t-fatal{--m-bg:var(--fatal-bg);--m-line:var(--fatal)}
.mark.t-doubt{box-shadow:none;outline:2px dashed var(--doubt);outline-offset:-2px}
.badges{display:inline-flex;gap:.15rem;margin:0 .3rem;vertical-align:top}
.badge{display:inline-block;min-width:1.35rem;padding:0 .3rem;border-radius:999px;font:700 .72rem/1.35rem system-ui,sans-serif;text-align:center;text-decoration:none;color:#fff;background:var(--m-line)}
.badge:target{outline:3px solid #0969da}
.badge.rel{background:#fff;color:var(--m-line);box-shadow:0 0 0 1.5px var(--m-line) inset}
.related{margin:.3rem 0;font-size:.88rem}
.related summary{cursor:pointer;color:var(--muted)}
.related ol{margin:.2rem 0 0;padding-left:1.4rem}
.related li{margin:.1rem 0}
.related .where{margin-right:.5rem}
.table-wrap{overflow-x:auto;margin:.6rem 0 1rem}
.doc-table{border-collapse:collapse;font-size:.85rem;line-height:1.45;min-width:60%}
.doc-table th,.doc-table td{border:1px solid #8c959f;padding:.25rem .4rem;vertical-align:middle}
.doc-table th{background:#f3f4f6;font-weight:600}
.doc-table th,.doc-table td.c{text-align:center}
.cell-text{white-space:pre-line}
.doc-table .mark{box-shadow:0 0 0 3px var(--m-line) inset}
.doc-table .operand{background:#fff8c5;box-shadow:0 0 0 1px #d4a72c inset}
.no-view{margin:.25rem 0 1rem}
.suppressed{font-size:.85rem;margin:.3rem 0 0}
@media (max-width:900px){.file-body{grid-template-columns:1fr;grid-template-areas:"list" "doc"}.findings-pane{position:static;max-height:none}}
@media print{
body{background:#fff;font-size:11pt}
main{max-width:none;padding:0}
.top,.toc,.file{border:none;padding:0;margin:0 0 1.2rem}
.file{break-before:page}
.file:first-of-type{break-before:auto}
.file-body{display:block}
.findings-pane{position:static;max-height:none;overflow:visible;margin-bottom:1rem}
.finding,.doc-table tr,.doc-para{break-inside:avoid}
.table-wrap{overflow:visible}
a{color:inherit;text-decoration:none}
.mark,.badge,.finding,.total,.chip,.swatch{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.finding:target,.badge:target{outline:none}
.back{display:none}
}
`;

/** One file's part of the page (its facts, findings and marked text), as markup: the check page shows files one by one. */
export function formatHtmlFile(index: number, result: LintResult, options: HtmlOptions): string {
  const w = WORDS[options.lang] ?? WORDS.zh;
  return renderFile(index, result, new Map(options.rules.map((r) => [r.id, r])), options.lang, w).value;
}

export function formatHtml(results: LintResult[], options: HtmlOptions): string {
  const w = WORDS[options.lang] ?? WORDS.zh;
  const rules = new Map(options.rules.map((r) => [r.id, r]));
  const files = results.map((r, i) => renderFile(i, r, rules, options.lang, w));
  const page = html`<!DOCTYPE html>
<html lang="${w.htmlLang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reportlint ${options.toolVersion}">
<title>${w.title}</title>
<style>${new Html(REPORT_CSS)}</style>
</head>
<body>
<main>
${pageHeader(results, options, w)}
${overview(results, w)}
${files}
</main>
</body>
</html>
`;
  return page.value;
}
