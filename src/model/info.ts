/** Title, reporting year and issuer (name and type) of a report. */
import type { Block } from './blocks.js';
import { placeIn } from './blocks.js';
import type { Place } from '../types.js';
import { afterSpam } from './spam.js';
import { findPeriods } from './dates.js';

export type IssuerType = 'department' | 'government' | 'township' | 'unknown';

export interface ReportInfo {
  title: { text: string; place?: Place } | null;
  reportingYear: number | null;
  issuer: { name: string; type: IssuerType } | null;
}

const TITLE = /((?:19|20)\d{2})\s*年度?.*?(政府信息公开|政务公开).*?(年度报告|年报|报告)/;

const TITLE_IN_PROSE = /(?:现予?公布|现将|公布|发布|编制(?:完成)?了?)《?([^《》，。；、\s]{2,30}?)((?:19|20)\d{2})\s*年度?[^《》，。；]{0,12}?(?:政府信息公开|政务公开)[^《》，。；]{0,8}?(?:年度报告|年报|工作报告)》?/;

/** 「现特向社会公布2024年合水镇人民政府信息公开工作年度报告」: the year before the name */
const YEAR_FIRST_IN_PROSE = /(?:现予?公布|公布|发布|编制(?:完成)?了?)《?((?:19|20)\d{2})\s*年度?([^《》，。；、\s\d]{2,30}?)(?:政府信息公开|政务公开)[^《》，。；]{0,8}?(?:年度报告|年报|工作报告)》?/;

export function findInfo(blocks: Block[], pageTitle?: string | null): ReportInfo {
  // a web page or its PDF print may put a site header and a menu of many short lines first
  const head = blocks.slice(0, 30);
  for (const [i, b] of head.entries()) {
    if (b.kind === 'table') continue;
    // a Markdown paragraph may run the breadcrumb and the title together, line after line
    const lines = b.text.split('\n').slice(0, 5);
    for (const [li, line] of lines.entries()) {
      let cell = withoutBreadcrumb(line.split(/[|\t]/)[0].trim());
      // a title set large wraps onto a second line, which a PDF gives as a block of its own
      const next = li + 1 < lines.length ? lines[li + 1].split(/[|\t]/)[0].trim() : head[i + 1]?.kind !== 'table' ? (head[i + 1]?.text.trim() ?? '') : '';
      if (!TITLE.test(cell) && /(?:19|20)\d{2}\s*年/.test(cell) && next.length <= 20 && TITLE.test(cell + next)) cell += next;
      const m = TITLE.exec(cell);
      if (!m || cell.length > 80) continue;
      // a preamble sentence naming the report is not its title line (「根据…，现特向社会公布2024年…」)
      if (/^(根据|按照|依据|依照|为|现将|现)/.test(cell) || /[，。；,;]/.test(cell.slice(0, m.index))) continue;
      const prev = li > 0 ? lines[li - 1].trim() : i > 0 && head[i - 1].kind !== 'table' ? head[i - 1].text.trim() : '';
      const name = nameInTitle(cell, m, prev);
      const at = b.text.indexOf(line) + line.indexOf(cell.slice(0, 4));
      return {
        title: { text: cell, place: placeIn(b, Math.max(0, at)) },
        reportingYear: Number(m[1]),
        issuer: name ? { name, type: issuerType(name) } : null,
      };
    }
  }
  // no title line (a page whose store kept the text from its preamble on): the title the
  // preamble names — 「现公布建平县人民政府2025年政府信息公开工作年度报告」
  for (const b of head.slice(0, 6)) {
    if (b.kind === 'table') continue;
    const y = YEAR_FIRST_IN_PROSE.exec(b.text.slice(0, 400));
    if (y) {
      // 「人民政府信息公开」: the 政府 of the name is also the 政府 of 政府信息公开
      const name = issuerName(y[2].replace(/人民$/, '人民政府'));
      if (name.length >= 2 && issuerType(name) !== 'unknown' && !/^[我本该]/.test(name))
        return { title: { text: y[0].slice(y[0].indexOf(y[1])), place: placeIn(b, b.text.indexOf(y[0])) }, reportingYear: Number(y[1]), issuer: { name, type: issuerType(name) } };
    }
    const m = TITLE_IN_PROSE.exec(b.text.slice(0, 400));
    if (!m) continue;
    const name = issuerName(m[1]);
    const self = /^[我本该]/.test(name);
    if (!self && issuerType(name) === 'unknown') continue;
    const at = b.text.indexOf(m[1]);
    return { title: { text: m[0].slice(m[0].indexOf(m[1])).replace(/》$/, ''), place: placeIn(b, at) }, reportingYear: Number(m[2]), issuer: self ? selfReferred(blocks) : { name, type: issuerType(name) } };
  }
  const pm = pageTitle ? TITLE.exec(pageTitle) : null;
  if (pageTitle && pm) {
    const name = nameInTitle(pageTitle, pm, '');
    return { title: { text: pageTitle }, reportingYear: Number(pm[1]), issuer: name ? { name, type: issuerType(name) } : null };
  }
  // no title at all: the year the report's own period states, the issuer its text calls itself
  const period = findPeriods(blocks.slice(0, 12))[0];
  if (period && period.start.year === period.end.year) return { title: null, reportingYear: period.start.year, issuer: selfReferred(blocks) };
  return { title: null, reportingYear: null, issuer: null };
}

const SELF: Array<[IssuerType, RegExp, RegExp]> = [
  ['department', /[我本](?:局|厅|委|办|署|中心)(?![长员])/g, /([\u4e00-\u9fa5]{2,18}?(?:局|厅|委员会|办公室|中心))/g],
  ['township', /[我本](?:镇|乡|街道)(?![长])/g, /([\u4e00-\u9fa5]{2,14}?(?:镇|乡|街道办事处|街道))/g],
  ['government', /[我本](?:省|市|县|区|州|旗)(?![长委])/g, /([\u4e00-\u9fa5]{2,14}?(?:人民政府))/g],
];

/**
 * Who a report without a title is by, from how its text calls itself: 「我局」「本局」 is a
 * department, 「我镇」 a township, 「我县」「我区」 a government — only when one kind is used and
 * the others never are. The name is the body of that kind the text names most (twice at least).
 */
function selfReferred(blocks: Block[]): ReportInfo['issuer'] {
  const text = blocks.slice(0, 40).filter((b) => b.kind !== 'table').map((b) => b.text).join('\n');
  const counts = SELF.map(([, re]) => text.match(re)?.length ?? 0);
  const used = counts.filter((n) => n > 0).length;
  const i = counts.findIndex((n) => n > 0);
  if (used !== 1 || counts[i] < 2) return null;
  const [type, , names] = SELF[i];
  const seen = new Map<string, number>();
  for (const m of text.matchAll(names)) {
    const n = m[1].replace(/^.*?(?:年|，|、|和|及|与|在|的|由|经|对|向|为|是|按照|根据)/, '');
    if (n.length >= 3) seen.set(n, (seen.get(n) ?? 0) + 1);
  }
  const best = [...seen].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1])[0];
  return { name: best?.[0] ?? '', type };
}

/** A site's breadcrumb run into the title line (「首页/ 政府信息公开 / … / 2021年 / 正文周湾镇2021年…」): cut. */
function withoutBreadcrumb(line: string): string {
  // separators set off by a space (「首页 / 政府信息公开 /」), or a line that starts as a breadcrumb
  const seps = line.match(/\s(?:->|[\/>›»→])|(?:->|[\/>›»→])\s/g) ?? [];
  if (seps.length < 2 && !/^(?:首页|网站首页|当前位置|您当前的位置|您现在的位置|您的位置)\s*[\/>›»→]/.test(line)) return line;
  const last = Math.max(...['->', '/', '>', '›', '»', '→'].map((sep) => line.lastIndexOf(sep) + (line.lastIndexOf(sep) >= 0 ? sep.length : 0)));
  return line.slice(last).replace(/^\s*正文\s*/, '').trim();
}

/**
 * The issuer in a title: before the year (「某县人民政府2024年…」), or after it when the year comes
 * first (「2023年浙江省市场监督管理局政府信息公开…」), or the line above when the title is set on
 * two lines with the name first (「木兰县审计局」 / 「2021年政府信息公开工作年度报告」).
 */
function nameInTitle(cell: string, m: RegExpExecArray, prev: string): string {
  const before = issuerName(cell.slice(0, m.index));
  if (before) return before;
  const between = /^\s*年度?\s*(.*?)(?:政府信息公开|政务公开)/.exec(cell.slice(m.index + m[1].length));
  const inside = between ? issuerName(between[1]) : '';
  if (inside.length >= 2 && issuerType(inside) !== 'unknown') return inside;
  const above = issuerName(prev);
  return above.length >= 2 && above.length <= 24 && issuerType(above) !== 'unknown' ? above : '';
}

/**
 * The issuer's name as the title gives it, without what is not the name: a crawler's field
 * label (标题：), Markdown marks (# **), and spam a tampered page pasted in front of it.
 */
export function issuerName(raw: string): string {
  let n = raw.replace(/^[#>*\s]+|[*\s]+$/g, '').replace(/^(?:标题|题目|文章标题|名称|主题)\s*[：:]\s*/, '');
  n = afterSpam(n);
  // a covering letter's title: 「福建省公安厅关于报送2020年…的函」
  n = n.replace(/关于(?:报送|印发|公布|发布|上报|公开)?$/, '');
  return n.replace(/^[#>*_\-—|｜:：\s《“"]+|[》”"\s]+$/g, '').trim();
}

/**
 * 乡镇/街道; a government at county level or above (its own report); or a department
 * (局, 委员会, 办公室, and bodies such as a development zone's 管委会).
 */
export function issuerType(name: string): IssuerType {
  const n = name.replace(/\s/g, '');
  if (/(乡|镇|街道|街道办事处|苏木)(人民政府)?$/.test(n)) return 'township';
  if (/(开发区|高新区|园区|新区|试验区|保税区|管委会|管理委员会)$/.test(n)) return 'department';
  if (/(局|委|委员会|办公室|办|厅|中心|院|署|所|部|站|队|馆|处|科|会)$/.test(n)) return 'department';
  if (/(人民政府|政府|省|市|县|区|旗|自治州|州|盟|自治县)$/.test(n)) return 'government';
  return 'unknown';
}
