/**
 * table-shape — each template table has the rows and columns of the format it is written in:
 * no row or column missing, none added, no label reworded. A table split by a page break or a
 * repeated header is read as one table before this is checked.
 *
 * Basis: the unified format (《条例》第五十条 「统一格式」; 国办公开办函〔2019〕60号 and
 * 〔2021〕30号) fixes the tables; 30号 asks that the report 「不能遗漏」. Labels are compared
 * without spaces and punctuation; a label cut short by the layout or followed by a unit is not
 * a rewording. Table 3 of 2021 must split （六）其他处理 into its three sub-rows.
 */
import { defineRule } from '../src/engine/rule.js';
import { list, rowName } from '../src/engine/describe.js';
import type { TemplateTable } from '../src/model/tables.js';
import type { RowDef } from '../src/model/template.js';
import { labelKey } from '../src/util/cjk.js';

const quote = (items: string[], lang: 'zh' | 'en') => (lang === 'zh' ? items.map((i) => `「${i}」`).join('') : items.map((i) => `“${i}”`).join(', '));
const leaf = (r: RowDef) => r.path[r.path.length - 1] ?? r.label;

/** The column labels a table's header must show (leaf labels and the group labels above them). */
function missingColumns(t: TemplateTable): string[] {
  if (t.headerTexts.length === 0) return [];
  const keys = t.headerTexts.map(labelKey);
  const wanted = new Set<string>();
  for (const r of t.def.rows) for (const c of r.columns) for (const p of c.path) wanted.add(p);
  // the core of a label, without a bracketed unit: 本年收费金额（单位：万元） → 本年收费金额
  return [...wanted].filter((w) => {
    const core = labelKey(w.replace(/[（(][^）)]*[）)]$/, ''));
    return !keys.some((k) => k.includes(core));
  });
}

export default defineRule(
  {
    id: 'table-shape',
    type: 'problem',
    kind: 'defect',
    severity: 'error',
    templates: ['2019', '2021'],
    description: { zh: '统计表的行、列及其名称与统一格式一致', en: 'the tables have the rows, columns and labels of the format' },
    messages: {
      notSplit: {
        zh: (p) => `${p.table}「${p.row}」未按${p.version}年格式分项：应分为${p.count}项${p.missing}，现只有一行`,
        en: (p) => `${p.table}: “${p.row}” is not split as the ${p.version} format requires into ${p.count} sub-rows ${p.missing}; it is a single row`,
      },
      missingRows: {
        zh: (p) => `${p.table}缺少${p.count > 1 ? `${p.count}行` : '一行'}：${p.missing}`,
        en: (p) => `${p.table} lacks ${p.count > 1 ? `${p.count} rows` : 'a row'}: ${p.missing}`,
      },
      extraRow: {
        zh: (p) => `${p.table}有统一格式中没有的行「${p.label}」`,
        en: (p) => `${p.table} has a row the format does not have: “${p.label}”`,
      },
      relabelled: {
        zh: (p) => `${p.table}「${p.row}」行的名称写作「${p.found}」，与统一格式「${p.expected}」不一致`,
        en: (p) => `${p.table}: the row “${p.row}” is labelled “${p.found}”, not “${p.expected}” as in the format`,
      },
      former: {
        zh: (p) => `${p.table}的「${p.found}」行在${p.version}年格式中已改称「${p.expected}」`,
        en: (p) => `${p.table}: the row “${p.found}” is called “${p.expected}” in the ${p.version} format`,
      },
      missingColumns: {
        zh: (p) => `${p.table}表头缺少列：${p.missing}`,
        en: (p) => `${p.table}: the header lacks the columns ${p.missing}`,
      },
    },
  },
  ({ model, report, lang }) => {
    for (const t of Object.values(model.tables)) {
      if (!t || t.rows.length === 0) continue;
      const table = t.def.name[lang];
      const version = t.version ?? model.template;
      // rows standing for sub-rows the layout does not split (2019's single （六）其他处理)
      const stand = t.rows.filter((r) => r.def.optional);
      const covered = new Set<string>();
      for (const r of stand) {
        const subs = t.missingRows.filter((m) => m.path.length > r.def.path.length && m.path.slice(0, r.def.path.length).join() === r.def.path.join());
        if (subs.length === 0) continue;
        subs.forEach((s) => covered.add(s.key));
        report('notSplit', { table, row: leaf(r.def), version, count: subs.length, missing: quote(subs.map(leaf), lang) }, { place: r.place, expected: subs.map(leaf).join(' / '), actual: r.label, cell: { table: t.def.id, row: rowName(r) } });
      }
      // other missing rows, a run of neighbours as one finding, placed at the row before the gap
      // an optional older-layout row between two missing ones does not break their run
      const order = t.def.rows.filter((r) => !r.optional).map((r) => r.key);
      const missing = t.missingRows.filter((m) => !covered.has(m.key));
      const runs: RowDef[][] = [];
      for (const m of missing) {
        const last = runs.at(-1);
        if (last && order.indexOf(m.key) === order.indexOf(last.at(-1)!.key) + 1) last.push(m);
        else runs.push([m]);
      }
      // a row missing where a row the format does not have stands: one row, renamed
      const renamed = new Set<number>();
      for (const [ri, run] of runs.entries()) {
        if (run.length !== 1) continue;
        const all = t.def.rows.map((r) => r.key);
        const prev = [...t.rows].reverse().find((r) => all.indexOf(r.def.key) < all.indexOf(run[0].key))?.def;
        const x = t.extraRows.find((e) => e.after === prev);
        if (!x) continue;
        renamed.add(ri);
        t.extraRows.splice(t.extraRows.indexOf(x), 1);
        report('relabelled', { table, row: rowName(run[0]), found: x.label.trim(), expected: run[0].label }, { place: x.place, expected: run[0].label, actual: x.label.trim(), cell: { table: t.def.id, row: rowName(run[0]) } });
      }
      for (const [ri, run] of runs.entries()) {
        if (renamed.has(ri)) continue;
        const all = t.def.rows.map((r) => r.key);
        const before = [...t.rows].reverse().find((r) => all.indexOf(r.def.key) < all.indexOf(run[0].key));
        report('missingRows', { table, count: run.length, missing: quote(run.map((r) => rowName(r)), lang) }, { place: before?.place ?? t.place, expected: run.map((r) => rowName(r)).join(' / '), actual: '', cell: { table: t.def.id } });
      }
      for (const r of t.rows) {
        if (r.labelMatch === 'former') {
          report('former', { table, found: r.label.trim(), expected: r.def.label, version }, { place: r.place, expected: r.def.label, actual: r.label.trim(), cell: { table: t.def.id, row: rowName(r) } });
          continue;
        }
        if (r.labelMatch !== 'similar') continue;
        report('relabelled', { table, row: rowName(r), found: r.label.trim(), expected: r.def.label }, { place: r.place, expected: r.def.label, actual: r.label.trim(), cell: { table: t.def.id, row: rowName(r) } });
      }
      for (const x of t.extraRows) report('extraRow', { table, label: x.label.trim() }, { place: x.place, expected: '', actual: x.label.trim(), cell: { table: t.def.id, row: x.label.trim() } });
      const cols = missingColumns(t);
      if (cols.length > 0) report('missingColumns', { table, missing: quote(cols, lang) }, { place: t.place, expected: list(cols, lang), actual: '', cell: { table: t.def.id } });
    }
  },
);
