/**
 * numeric-cells — a numeric cell holds words (无增减, 无, —) or a malformed number (a
 * negative count, a decimal where only whole numbers make sense).
 *
 * Basis: all cells are non-negative integers, except the 2019 「本年增/减」 (signed) and
 * amounts (采购总金额; 2021 收费金额 in 万元), which may carry a unit (template-spec §4, §9.9).
 */
import { defineRule } from '../src/engine/rule.js';
import { cellName, cellRef, rowName } from '../src/engine/describe.js';

export default defineRule(
  {
    id: 'numeric-cells',
    type: 'problem',
    kind: 'defect',
    severity: 'error',
    templates: ['2019', '2021'],
    description: { zh: '数字单元格填了文字或格式不正确的数字', en: 'a numeric cell holds words or a malformed number' },
    messages: {
      word: {
        zh: (p) => `${p.cell}填的是「${p.text}」，应为数字${p.signed ? '（增减用正负数表示，无变化填 0）' : ''}`,
        en: (p) => `${p.cell} holds “${p.text}”; a number is expected${p.signed ? ' (a signed change; 0 for none)' : ''}`,
      },
      malformed: {
        zh: (p) => `${p.cell}填的是「${p.text}」，该栏应为${p.want}`,
        en: (p) => `${p.cell} holds “${p.text}”; this column takes ${p.want}`,
      },
      wordUnplaced: {
        zh: (p) => `${p.table}「${p.row}」行有单元格填的是「${p.text}」，应为数字`,
        en: (p) => `${p.table}, row “${p.row}”: a cell holds “${p.text}”; a number is expected`,
      },
    },
  },
  ({ model, report, lang }) => {
    for (const t of Object.values(model.tables)) {
      if (!t) continue;
      for (const row of t.rows) {
        if (row.placement === 'placed') {
          row.cells.forEach((c, i) => {
            if (c.value.kind !== 'word') return;
            const text = c.value.raw.trim();
            // a number of a form the column does not take: a sign, decimals or a money unit in a count
            if (/^[+＋\-－−]?\s*\d[\d,]*(\.\d+)?\s*(万元|亿元|元)?$/.test(text) && row.def.kind[i] === 'count') {
              const want = lang === 'zh' ? '非负整数（件数、个数）' : 'a whole number of zero or more';
              report('malformed', { cell: cellName(t, c, lang), text, want }, { place: c.place, expected: want, actual: text, cell: cellRef(t, c) });
              return;
            }
            report(
              'word',
              { cell: cellName(t, c, lang), text: c.value.raw.trim(), signed: row.def.kind[i] === 'signed' },
              { place: c.place, expected: lang === 'zh' ? '数字' : 'a number', actual: c.value.raw.trim(), cell: cellRef(t, c) },
            );
          });
        } else if (row.placement === 'unplaced') {
          for (const v of row.values) {
            if (/^[+\-]?\d+(\.\d+)?\s*(万元|元)?$/.test(v.text)) continue;
            report(
              'wordUnplaced',
              { table: t.def.name[lang], row: rowName(row), text: v.text },
              { place: v.place, expected: lang === 'zh' ? '数字' : 'a number', actual: v.text, cell: { table: t.def.id, row: rowName(row) } },
            );
          }
        }
      }
    }
  },
);
