/**
 * table-shape — each template table has the rows and columns of the format it is written in:
 * no row or column missing, none added, no label reworded. A table split by a page break or a
 * repeated header is read as one table before this is checked.
 *
 * Basis: the unified format (《条例》第五十条 「统一格式」; 国办公开办函〔2019〕60号 and
 * 〔2021〕30号) fixes the tables; 30号 asks that the report 「不能遗漏」. Labels are compared
 * without spaces and punctuation; a label cut short by the layout or followed by a unit is not
 * a rewording. Table 3 of 2021 must split （六）其他处理 into its three sub-rows.
 *
 * Findings of one kind in one table are one finding (two mistyped labels: one finding naming
 * both, each row a related place); different kinds stay apart (a mistyped label and a missing
 * split are two findings).
 */
import { defineRule } from '../src/engine/rule.js';
import { ROWS, countedNames, inDocumentOrder, list, rowName } from '../src/engine/describe.js';
import type { Finding } from '../src/engine/rule.js';
import type { TemplateTable } from '../src/model/tables.js';
import type { RowDef } from '../src/format/template.js';
import { labelKey } from '../src/util/cjk.js';
import { pushTo } from '../src/util/group.js';

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

type Kind = 'notSplit' | 'missingRows' | 'relabelled' | 'former' | 'extraRow';
type P = Record<string, unknown>;

/** How several findings of one kind in one table are said as one: the grouped message, and each place's own text. */
const GROUPS: Record<Kind, { messageId: string; relatedId: string; params: (items: P[], lang: 'zh' | 'en') => P }> = {
  notSplit: { messageId: 'notSplitRows', relatedId: 'notSplitAt', params: (items, lang) => ({ rows: countedNames(items.map((i) => String(i.row)), lang, ROWS) }) },
  missingRows: {
    messageId: 'missingRowsAt',
    relatedId: 'missingHere',
    params: (items, lang) => ({ places: items.length, rows: countedNames(items.flatMap((i) => i.names as string[]), lang, ROWS) }),
  },
  relabelled: { messageId: 'relabelledRows', relatedId: 'relabelledAt', params: (items, lang) => ({ rows: countedNames(items.map((i) => String(i.found)), lang, ROWS) }) },
  former: { messageId: 'formerRows', relatedId: 'formerAt', params: (items, lang) => ({ rows: countedNames(items.map((i) => String(i.found)), lang, ROWS) }) },
  extraRow: { messageId: 'extraRows', relatedId: 'extraRowAt', params: (items, lang) => ({ rows: countedNames(items.map((i) => String(i.label)), lang, ROWS) }) },
};

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
      notSplitRows: {
        zh: (p) => `${p.table}${p.rows}未按${p.version}年格式分项`,
        en: (p) => `${p.table}: ${p.rows} are not split into sub-rows as the ${p.version} format requires`,
      },
      notSplitAt: {
        zh: (p) => `「${p.row}」应分为${p.count}项${p.missing}`,
        en: (p) => `“${p.row}” should be split into ${p.count} sub-rows ${p.missing}`,
      },
      missingRowsAt: {
        zh: (p) => `${p.table}缺少${p.rows}，在 ${p.places} 处`,
        en: (p) => `${p.table} lacks ${p.rows}, in ${p.places} places`,
      },
      missingHere: {
        zh: (p) => `缺少${p.missing}`,
        en: (p) => `missing: ${p.missing}`,
      },
      relabelledRows: {
        zh: (p) => `${p.table}${p.rows}的名称与统一格式不一致`,
        en: (p) => `${p.table}: ${p.rows} are not labelled as in the format`,
      },
      relabelledAt: {
        zh: (p) => `写作「${p.found}」，应为「${p.expected}」`,
        en: (p) => `labelled “${p.found}”, not “${p.expected}”`,
      },
      formerRows: {
        zh: (p) => `${p.table}${p.rows}在${p.version}年格式中已改称别的名称`,
        en: (p) => `${p.table}: ${p.rows} are called otherwise in the ${p.version} format`,
      },
      formerAt: {
        zh: (p) => `「${p.found}」已改称「${p.expected}」`,
        en: (p) => `“${p.found}” is now “${p.expected}”`,
      },
      extraRows: {
        zh: (p) => `${p.table}有统一格式中没有的${p.rows}`,
        en: (p) => `${p.table} has ${p.rows} that the format does not have`,
      },
      extraRowAt: {
        zh: (p) => `「${p.label}」不是统一格式中的行`,
        en: (p) => `“${p.label}” is not a row of the format`,
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
      // every finding of the table by kind, reported once the table is read through
      const found = new Map<Kind, Array<{ params: Record<string, unknown>; finding: Finding }>>();
      const add = (kind: Kind, params: Record<string, unknown>, finding: Finding) => pushTo(found, kind, { params, finding });

      // rows standing for sub-rows the layout does not split (2019's single （六）其他处理)
      const stand = t.rows.filter((r) => r.def.optional);
      const covered = new Set<string>();
      for (const r of stand) {
        const subs = t.missingRows.filter((m) => m.path.length > r.def.path.length && m.path.slice(0, r.def.path.length).join() === r.def.path.join());
        if (subs.length === 0) continue;
        subs.forEach((s) => covered.add(s.key));
        add('notSplit', { table, row: leaf(r.def), version, count: subs.length, missing: quote(subs.map(leaf), lang) }, { place: r.place, expected: subs.map(leaf).join(' / '), actual: r.label, cell: { table: t.def.id, row: rowName(r) } });
      }
      // other missing rows, a run of neighbours as one place, placed at the row before the gap
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
        add('relabelled', { table, row: rowName(run[0]), found: x.label.trim(), expected: run[0].label }, { place: x.place, expected: run[0].label, actual: x.label.trim(), cell: { table: t.def.id, row: rowName(run[0]) } });
      }
      for (const [ri, run] of runs.entries()) {
        if (renamed.has(ri)) continue;
        const all = t.def.rows.map((r) => r.key);
        const before = [...t.rows].reverse().find((r) => all.indexOf(r.def.key) < all.indexOf(run[0].key));
        const names = run.map((r) => rowName(r));
        add('missingRows', { table, count: run.length, missing: quote(names, lang), names }, { place: before?.place ?? t.place, expected: names.join(' / '), actual: '', cell: { table: t.def.id } });
      }
      for (const r of t.rows) {
        if (r.labelMatch === 'former') {
          add('former', { table, found: r.label.trim(), expected: r.def.label, version }, { place: r.place, expected: r.def.label, actual: r.label.trim(), cell: { table: t.def.id, row: rowName(r) } });
          continue;
        }
        if (r.labelMatch !== 'similar') continue;
        add('relabelled', { table, row: rowName(r), found: r.label.trim(), expected: r.def.label }, { place: r.place, expected: r.def.label, actual: r.label.trim(), cell: { table: t.def.id, row: rowName(r) } });
      }
      for (const x of t.extraRows) add('extraRow', { table, label: x.label.trim() }, { place: x.place, expected: '', actual: x.label.trim(), cell: { table: t.def.id, row: x.label.trim() } });

      for (const [kind, given] of found) {
        const items = inDocumentOrder(given.map((g) => ({ ...g, place: g.finding.place })));
        if (items.length === 1) {
          const { params, finding } = items[0];
          report(kind, params, finding);
          continue;
        }
        const group = GROUPS[kind];
        const join = (k: 'expected' | 'actual') => {
          const values = items.map((i) => String(i.finding[k] ?? ''));
          return values.every((v) => v === '') ? '' : values.join(' / ');
        };
        report(group.messageId, { table, version, ...group.params(items.map((i) => i.params), lang) }, {
          place: items[0].place,
          expected: join('expected'),
          actual: join('actual'),
          cell: { table: t.def.id },
          related: items.map((i) => ({ place: i.place, messageId: group.relatedId, params: i.params, cell: i.finding.cell })),
        });
      }
      const cols = missingColumns(t);
      if (cols.length > 0) report('missingColumns', { table, missing: quote(cols, lang) }, { place: t.place, expected: list(cols, lang), actual: '', cell: { table: t.def.id } });
    }
  },
);
