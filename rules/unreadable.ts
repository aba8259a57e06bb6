/**
 * unreadable — a doubt about our own reading, not a defect of the report: a table whose
 * rows could not be found, a row with more values than columns, text in a table that fits
 * no label. Audits count these apart and never blame the issuing body for them.
 */
import { defineRule } from '../src/engine/rule.js';

export default defineRule(
  {
    id: 'unreadable',
    type: 'reading',
    kind: 'doubt',
    severity: 'warn',
    templates: ['2019', '2021'],
    description: { zh: '读取存疑：表格或数值无法可靠定位（非报告本身的问题）', en: 'reading doubt: a table or value could not be placed reliably (not a defect of the report)' },
    messages: {
      overflow: {
        zh: (p) => `读取存疑：${p.table}「${p.row}」行读到 ${p.found} 个数值，多于 ${p.columns} 列，无法对应到列，此行未参与校验`,
        en: (p) => `reading doubt: ${p.table}, row “${p.row}” has ${p.found} values for ${p.columns} columns; they cannot be placed and the row was not checked`,
      },
      'no-rows': {
        zh: (p) => `读取存疑：找到了${p.table}，但未能识别出其中任何一行，表格未参与校验`,
        en: (p) => `reading doubt: ${p.table} was found but none of its rows could be recognised; it was not checked`,
      },
      'stray-token': {
        zh: (p) => `读取存疑：${p.table}中的「${p.text}」不属于任何行，已忽略`,
        en: (p) => `reading doubt: “${p.text}” in ${p.table} belongs to no row and was ignored`,
      },
    },
  },
  ({ model, report, lang }) => {
    for (const t of Object.values(model.tables)) {
      if (!t) continue;
      for (const d of t.doubts) {
        report(
          d.reason,
          { table: t.def.name[lang], row: d.row?.label ?? '', found: d.found, columns: d.row?.columns.length, text: d.text },
          { place: d.place, cell: { table: t.def.id, row: d.row?.label } },
        );
      }
    }
  },
);
