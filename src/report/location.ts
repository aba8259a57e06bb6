/**
 * Where a finding is, in words: page and line for PDF, paragraph or table cell for DOCX, line
 * (and column) for text and HTML. Two registers: terse for a terminal and a spreadsheet cell,
 * spelled out for the pages people read.
 */
import type { Lang, LintMessage, RelatedLocation } from '../types.js';

/** What a place is given by: a finding or one of the places a grouped finding covers. */
type Located = Pick<LintMessage | RelatedLocation, 'line' | 'column' | 'page' | 'paragraph' | 'tableCell'>;

/** Terse: `208:10`, `第3页第12行`, `p3:12`, `table 2 r4c3`. */
export function location(m: Located, lang: Lang): string {
  const zh = lang === 'zh';
  if (m.page !== null && m.page !== undefined) {
    if (m.line === null) return zh ? `第${m.page}页` : `p${m.page}`;
    return zh ? `第${m.page}页第${m.line}行` : `p${m.page}:${m.line}`;
  }
  if (m.tableCell) {
    const t = m.tableCell;
    return zh ? `表格${t.table}第${t.row}行第${t.column}列` : `table ${t.table} r${t.row}c${t.column}`;
  }
  if (m.paragraph) return zh ? `第${m.paragraph}段` : `¶${m.paragraph}`;
  return m.line !== null ? `${m.line}:${m.column ?? 1}` : '-';
}

/** Spelled out: `第208行第10列`, `page 3, line 12`; without the column when a page shows the line itself. */
export function locationText(m: Located, lang: Lang, options: { column?: boolean } = {}): string {
  const zh = lang === 'zh';
  if (m.page !== null && m.page !== undefined) {
    if (m.line === null) return zh ? `第${m.page}页` : `page ${m.page}`;
    return zh ? `第${m.page}页第${m.line}行` : `page ${m.page}, line ${m.line}`;
  }
  if (m.tableCell) {
    const t = m.tableCell;
    return zh ? `表格${t.table}第${t.row}行第${t.column}列` : `table ${t.table}, row ${t.row}, column ${t.column}`;
  }
  if (m.paragraph) return zh ? `第${m.paragraph}段` : `paragraph ${m.paragraph}`;
  if (m.line === null) return '';
  if (options.column === false) return zh ? `第${m.line}行` : `line ${m.line}`;
  return zh ? `第${m.line}行第${m.column ?? 1}列` : `line ${m.line}, column ${m.column ?? 1}`;
}
