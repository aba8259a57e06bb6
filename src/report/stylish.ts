/** Findings for people: grouped by file, Chinese by default, colour only when asked. */
import type { Lang, LintResult } from '../types.js';
import { location } from './location.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** how many of a grouped finding's places are listed under it */
export const RELATED_SHOWN = 10;
const words = {
  zh: { more: (n: number) => `… 另有 ${n} 处（完整列表见 --format json、sarif、html 或 xlsx）`, 2: '错误', 1: '警告', 0: '提示', doubt: '存疑', fatal: '无法读取', clean: '未发现问题', year: '年', format: '格式', summary: (e: number, w: number, i: number, f: number) => `共 ${e + w + i} 个问题（${e} 个错误，${w} 个警告，${i} 条提示），涉及 ${f} 个文件` },
  en: { more: (n: number) => `… and ${plural(n, 'more place')} (all of them in --format json, sarif, html or xlsx)`, 2: 'error', 1: 'warning', 0: 'info', doubt: 'doubt', fatal: 'unreadable', clean: 'no problems', year: '', format: ' format', summary: (e: number, w: number, i: number, f: number) => `${plural(e + w + i, 'problem')} (${plural(e, 'error')}, ${plural(w, 'warning')}, ${plural(i, 'note')}) in ${plural(f, 'file')}` },
};


export interface StylishExtras {
  /** baseline entries that matched no finding of the files checked */
  stale?: Array<{ ruleId: string; file: string; message: string }>;
}

export function formatStylish(results: LintResult[], lang: Lang = 'zh', color = false, extras: StylishExtras = {}): string {
  const w = words[lang];
  const c = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [];
  let files = 0;
  for (const r of results) {
    const facts = [r.reportYear ? `${r.reportYear}${w.year}` : null, r.template ? `${r.template}${w.format}` : null, r.issuer?.name ?? null].filter(Boolean).join(' · ');
    if (r.messages.length === 0) {
      out.push(`${c(4, r.filePath)}${facts ? `  (${facts})` : ''}  ${c(32, w.clean)}`);
      continue;
    }
    files++;
    out.push(c(4, r.filePath) + (facts ? `  (${facts})` : ''));
    for (const m of r.messages) {
      const where = location(m, lang);
      const label = m.fatal ? w.fatal : m.kind === 'doubt' ? w.doubt : w[m.severity];
      const colored = m.severity === 2 ? c(31, label) : m.severity === 1 ? c(33, label) : c(36, label);
      // a PDF or DOCX place is hard to find by its numbers alone: quote the text there
      const quote = m.quote && (m.page !== null || m.paragraph || m.tableCell) ? `  ${c(90, lang === 'zh' ? `「${m.quote}」` : `"${m.quote}"`)}` : '';
      out.push(`  ${where.padEnd(8)} ${colored}  ${m.message}${quote}  ${c(90, m.fatal ? '' : m.ruleId)}`.trimEnd());
      // a grouped finding: the places it covers, indented under it (the first few; all of them in json, sarif, html, xlsx)
      const related = m.related ?? [];
      for (const r of related.slice(0, RELATED_SHOWN)) {
        const rq = r.quote && (r.page !== null || r.paragraph || r.tableCell) ? `  ${c(90, lang === 'zh' ? `「${r.quote}」` : `"${r.quote}"`)}` : '';
        out.push(`    ${c(90, '↳')} ${location(r, lang).padEnd(8)} ${r.message}${rq}`);
      }
      if (related.length > RELATED_SHOWN) out.push(`    ${c(90, w.more(related.length - RELATED_SHOWN))}`);
    }
    out.push('');
  }
  const e = results.reduce((s, r) => s + r.errorCount, 0);
  const wn = results.reduce((s, r) => s + r.warningCount, 0);
  const i = results.reduce((s, r) => s + r.infoCount, 0);
  out.push((e ? c(31, '✖ ') : '✔ ') + w.summary(e, wn, i, files));
  const suppressed = results.reduce((s, r) => s + (r.suppressedMessages?.length ?? 0), 0);
  if (suppressed > 0) out.push(c(90, lang === 'zh' ? `  另有 ${suppressed} 个问题已按基线或行内注释接受，未列出` : `  ${plural(suppressed, 'more finding')} accepted by the baseline or an inline comment, not listed`));
  const stale = extras.stale ?? [];
  if (stale.length > 0) {
    out.push(c(33, lang === 'zh' ? `  基线中有 ${stale.length} 条记录已不再出现（问题已改正或原文已变），可用 --write-baseline 更新：` : `  ${plural(stale.length, 'baseline entry')} no longer match any finding (fixed, or the text changed); update with --write-baseline:`));
    for (const s of stale) out.push(c(90, `    ${s.file}  ${s.ruleId}  ${s.message}`));
  }
  return out.join('\n') + '\n';
}
