/** How rules name sections, tables and cells in messages, in both languages. */
import type { Lang, Place } from '../types.js';
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

/** A counting word in both languages: 行 / row, rows. */
export interface Unit {
  zh: string;
  en: [one: string, many: string];
}
export const ROWS: Unit = { zh: '行', en: ['row', 'rows'] };
export const COLUMNS: Unit = { zh: '列', en: ['column', 'columns'] };
export const PLACES: Unit = { zh: '处', en: ['place', 'places'] };

/**
 * Names in a message that groups several places, shortened when long (the first `max`, when
 * that leaves out more than one) and always counted:
 * 「a」行 · 「a」「b」等 2 行 · 「a」「b」「c」…等 25 行; row “a” · 2 rows (“a”, “b”) · 25 rows (“a”, “b”, “c”, …).
 */
export function countedNames(items: string[], lang: Lang, unit: Unit, max = 3): string {
  const n = items.length;
  // never cut just one name off
  const cut = n > max + 1;
  const shown = cut ? items.slice(0, max) : items;
  if (lang === 'zh') {
    const q = shown.map((s) => `「${s}」`).join('');
    return n === 1 ? `${q}${unit.zh}` : `${q}${cut ? '…' : ''}等 ${n} ${unit.zh}`;
  }
  const q = shown.map((s) => `“${s}”`).join(', ');
  return n === 1 ? `${unit.en[0]} ${q}` : `${n} ${unit.en[1]} (${q}${cut ? ', …' : ''})`;
}

/**
 * A plain list, cut when long and counted only when cut: as many items as fit in `budget`
 * characters (at least two, and never all but one): 商业企业、科研机构…等 7 列 / 商业企业, 科研机构, … (7 columns).
 */
export function shortList(items: string[], lang: Lang, unit: Unit, budget = 40): string {
  let shown = 0;
  let length = 0;
  while (shown < items.length && (shown < 2 || length + items[shown].length <= budget)) length += items[shown++].length + 1;
  if (shown >= items.length - 1) return list(items, lang);
  const head = list(items.slice(0, shown), lang);
  return lang === 'zh' ? `${head}…等 ${items.length} ${unit.zh}` : `${head}, … (${items.length} ${unit.en[1]})`;
}

/** Items in first-seen order, each once. */
export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Items grouped by a key, the groups in the order their first item came. */
export function groupBy<T>(items: T[], key: (t: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const g = groups.get(k);
    if (g) g.push(t);
    else groups.set(k, [t]);
  }
  return [...groups.values()];
}

/** Items in the order of their places in the document (those with no place last, in their own order). */
export function inDocumentOrder<T extends { place?: Place }>(items: T[]): T[] {
  const at = (t: T) => t.place?.start;
  return items
    .map((t, i) => ({ t, i }))
    .sort((a, b) => {
      const pa = at(a.t);
      const pb = at(b.t);
      if (!pa || !pb) return pa ? -1 : pb ? 1 : a.i - b.i;
      return pa.line - pb.line || pa.column - pb.column || a.i - b.i;
    })
    .map(({ t }) => t);
}
