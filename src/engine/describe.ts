/** How rules name sections, tables and cells in messages, in both languages. */
import type { Lang } from '../types.js';
import type { Cell, RowReading, TemplateTable } from '../model/tables.js';
import { SECTION_TITLES } from '../model/sections.js';
import { SECTION_NUMERALS } from '../util/cjk.js';

export function sectionName(n: number, lang: Lang): string {
  const t = SECTION_TITLES[n - 1].title;
  return lang === 'zh' ? `${SECTION_NUMERALS[n - 1]}、${t}` : `section ${SECTION_NUMERALS[n - 1]} (${t})`;
}

export function tableName(t: TemplateTable, lang: Lang): string {
  return t.def.name[lang];
}

/** 「（三）不予公开 › 1.属于国家秘密」 */
export function rowName(row: RowReading | Cell['row']): string {
  const def = 'def' in row ? row.def : row;
  if (def.path.length === 0) return '';
  return def.path.filter((p, i) => i > 0 || def.path.length === 1 || !/^三、本年度办理结果$/.test(p)).join(' › ');
}

/** The column's own label; table 4's repeat under each group, so they keep the group's name. */
export function columnName(cell: Cell): string {
  return cell.column.path.filter((p) => p !== '申请人情况' && p !== '法人或其他组织' && p !== '行政诉讼').join(' › ');
}

/** 表3「一、本年新收…」行「自然人」列 */
export function cellName(table: TemplateTable, cell: Cell, lang: Lang): string {
  const row = rowName(cell.row);
  const col = columnName(cell);
  if (lang === 'zh') return `${table.def.name.zh}${row ? `「${row}」行` : ''}「${col}」列`;
  return `${table.def.name.en}${row ? `, row “${row}”` : ''}, column “${col}”`;
}

export function cellRef(table: TemplateTable, cell: Cell) {
  return { table: table.def.id, row: rowName(cell.row) || undefined, column: columnName(cell) };
}

export function list(items: string[], lang: Lang): string {
  return items.join(lang === 'zh' ? '、' : ', ');
}
