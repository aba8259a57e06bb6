/**
 * unreadable — a doubt about our own reading, not a defect of the report: a table whose
 * rows could not be found, a row with more values than columns, text in a table that fits
 * no label, two neighbouring cells that look like one number split by a conversion (1 | 2 in a
 * row whose 总计 is 12 — the tally rule reports the sum as written, with the same hint), a
 * scanned row with a cell OCR could not read with certainty. Audits count these apart and never blame the issuing body for them.
 * Doubts of one kind in one table are one finding, each place a related place (three rows with
 * too many values: one doubt naming the three rows).
 */
import { defineRule } from '../src/engine/rule.js';
import { allNumbers, num, splitDigits, sum } from '../src/engine/tally.js';
import { PLACES, ROWS, cellRef, countedNames, groupBy, inDocumentOrder, rowName } from '../src/engine/describe.js';
import type { Finding } from '../src/engine/rule.js';
import type { TemplateTable } from '../src/model/tables.js';

/** Row sums (table 3's 总计 column, table 4's three 总计) that a split number would make hold. */
function splitNumbers(t: TemplateTable) {
  const out = [];
  for (const row of t.rows) {
    if (row.placement !== 'placed') continue;
    const groups = t.def.id === 'review' ? ['review.', 'directSuit.', 'suitAfterReview.'] : t.def.id === 'application' ? [''] : [];
    for (const g of groups) {
      const total = row.cells.find((c) => c.column.key === `${g}total`);
      const parts = allNumbers(row.cells.filter((c) => c.column.key.startsWith(g) && c.column.key !== `${g}total`));
      if (!parts || num(total) === null || sum(parts) === num(total)) continue;
      const split = splitDigits(parts, num(total)!);
      if (split) out.push({ row, split });
    }
  }
  return out;
}

type Kind = 'overflow' | 'no-rows' | 'stray-token' | 'glued' | 'cut-off' | 'ocr-unsure' | 'split-number';

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
      'split-number': {
        zh: (p) => `读取存疑：${p.table}${p.row ? `「${p.row}」行` : ''}相邻两格「${p.left}」「${p.right}」可能原是一个数「${p.joined}」，在转换中被拆到两格（这样合计才相符）；请对照原件核实`,
        en: (p) => `reading doubt: in ${p.table}${p.row ? `, row “${p.row}”` : ''} the neighbouring cells “${p.left}” and “${p.right}” may be one number ${p.joined} split by a conversion (the total would then hold); check the original`,
      },
      glued: {
        zh: (p) => `读取存疑：${p.table}「${p.row}」行的数字「${p.text}」连在一起、没有分隔，按统一格式的列和合计关系也无法唯一确定如何拆分，此行未参与校验`,
        en: (p) => `reading doubt: in ${p.table}, row “${p.row}”, the figures “${p.text}” are run together with no separator and cannot be split with certainty from the format's columns and totals; the row was not checked`,
      },
      'cut-off': {
        zh: (p) => `读取存疑：${p.table}在「${p.text}」处中断（文本到此为止），此行及其后各行未读到数值，未参与校验`,
        en: (p) => `reading doubt: ${p.table} breaks off at “${p.text}” (the text ends there); this row and those after it were not read or checked`,
      },
      'ocr-unsure': {
        zh: (p) => `读取存疑：${p.table}「${p.row}」行有扫描件识别不确定的单元格（「${p.text}」），此行未参与校验`,
        en: (p) => `reading doubt: in ${p.table}, row “${p.row}” has a cell the scan could not be read with certainty (“${p.text}”); the row was not checked`,
      },
      'ocr-unsure-many': {
        zh: (p) => `读取存疑：${p.table}${p.rows}有扫描件识别不确定的单元格，这些行未参与校验`,
        en: (p) => `reading doubt: in ${p.table}, ${p.rows} have cells the scan could not be read with certainty; these rows were not checked`,
      },
      'ocr-unsure-at': {
        zh: (p) => `「${p.row}」行：「${p.text}」`,
        en: (p) => `row “${p.row}”: “${p.text}”`,
      },
      'stray-token': {
        zh: (p) => `读取存疑：${p.table}中的「${p.text}」不属于任何行，已忽略`,
        en: (p) => `reading doubt: “${p.text}” in ${p.table} belongs to no row and was ignored`,
      },
      'overflow-many': {
        zh: (p) => `读取存疑：${p.table}${p.rows}读到的数值多于列数，无法对应到列，这些行未参与校验`,
        en: (p) => `reading doubt: ${p.table}, ${p.rows} have more values than columns; they cannot be placed and these rows were not checked`,
      },
      'overflow-at': {
        zh: (p) => `「${p.row}」行读到 ${p.found} 个数值，多于 ${p.columns} 列`,
        en: (p) => `row “${p.row}”: ${p.found} values for ${p.columns} columns`,
      },
      'split-number-many': {
        zh: (p) => `读取存疑：${p.table}${p.rows}中各有相邻两格可能原是一个数，在转换中被拆到两格（这样合计才相符）；请对照原件核实`,
        en: (p) => `reading doubt: in ${p.table}, ${p.rows} each have two neighbouring cells that may be one number split by a conversion (the totals would then hold); check the original`,
      },
      'split-number-at': {
        zh: (p) => `${p.row ? `「${p.row}」行` : ''}「${p.left}」「${p.right}」可能原是「${p.joined}」`,
        en: (p) => `${p.row ? `row “${p.row}”: ` : ''}“${p.left}” and “${p.right}” may be ${p.joined}`,
      },
      'glued-many': {
        zh: (p) => `读取存疑：${p.table}${p.rows}的数字连在一起、没有分隔，按统一格式的列和合计关系也无法唯一确定如何拆分，这些行未参与校验`,
        en: (p) => `reading doubt: in ${p.table}, the figures of ${p.rows} are run together with no separator and cannot be split with certainty from the format's columns and totals; these rows were not checked`,
      },
      'glued-at': {
        zh: (p) => `「${p.row}」行：「${p.text}」`,
        en: (p) => `row “${p.row}”: “${p.text}”`,
      },
      'stray-token-many': {
        zh: (p) => `读取存疑：${p.table}中的${p.places}文字不属于任何行，已忽略`,
        en: (p) => `reading doubt: text in ${p.table} at ${p.places} belongs to no row and was ignored`,
      },
      'stray-token-at': {
        zh: (p) => `「${p.text}」不属于任何行`,
        en: (p) => `“${p.text}” belongs to no row`,
      },
    },
  },
  ({ model, report, lang }) => {
    for (const t of Object.values(model.tables)) {
      if (!t) continue;
      const table = t.def.name[lang];
      const found: Array<{ kind: Kind; params: Record<string, unknown>; finding: Finding; place?: Finding['place'] }> = [];
      for (const d of t.doubts) {
        const finding = { place: d.place, cell: { table: t.def.id, row: d.row?.label } };
        found.push({ kind: d.reason, params: { table, row: d.row?.label ?? '', found: d.found, columns: d.row?.columns.length, text: d.text }, finding, place: d.place });
      }
      for (const { row, split } of splitNumbers(t)) {
        const finding = { place: split.left.place, expected: split.joined, actual: `${num(split.left)} | ${num(split.right)}`, cell: cellRef(t, split.left) };
        found.push({ kind: 'split-number', params: { table, row: rowName(row), left: num(split.left), right: num(split.right), joined: split.joined }, finding, place: split.left.place });
      }
      // one finding per kind of doubt in the table, each place a related one
      for (const group of groupBy(found, (f) => f.kind)) {
        const items = inDocumentOrder(group);
        const { kind } = items[0];
        if (items.length === 1 || kind === 'no-rows') {
          for (const i of items) report(kind, i.params, i.finding);
          continue;
        }
        const names = (key: string) => items.map((i) => String(i.params[key] ?? ''));
        const join = (k: 'expected' | 'actual') => (items.some((i) => i.finding[k] !== undefined) ? { [k]: items.map((i) => String(i.finding[k] ?? '')).join(' / ') } : {});
        report(
          `${kind}-many`,
          { table, rows: countedNames(names('row'), lang, ROWS), places: countedNames(kind === 'stray-token' ? names('text') : names('row'), lang, kind === 'stray-token' ? PLACES : ROWS) },
          { place: items[0].place, ...join('expected'), ...join('actual'), cell: { table: t.def.id }, related: items.map((i) => ({ place: i.place, messageId: `${kind}-at`, params: i.params, cell: i.finding.cell, ...(i.params.text ? { quote: String(i.params.text) } : {}) })) },
        );
      }
    }
  },
);
