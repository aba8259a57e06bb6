/**
 * application-balance — 勾稽关系 of table 3, in every applicant column:
 * 一、本年新收 + 二、上年结转 = 三、本年度办理结果（七）总计 + 四、结转下年度继续办理.
 *
 * Basis: stated in the table itself, 「第一项加第二项之和，等于第三项加第四项之和」
 * (template-spec §5c.1). Blank cells are not zeros: a column with a blank is not checked
 * here (blank-cells reports the blank).
 */
import { defineRule } from '../src/engine/rule.js';
import { allNumbers, cells, num, sum } from '../src/engine/tally.js';
import { cellRef, columnName } from '../src/engine/describe.js';

export default defineRule(
  {
    id: 'application-balance',
    type: 'problem',
    kind: 'defect',
    severity: 'error',
    templates: ['2019', '2021'],
    description: { zh: '表3勾稽关系：第一项加第二项之和等于第三项加第四项之和', en: 'table 3 balance: received + carried over = handled total + carried forward' },
    messages: {
      unbalanced: {
        zh: (p) =>
          `表3「${p.column}」列勾稽关系不成立：一、本年新收 ${p.received} + 二、上年结转 ${p.carried} = ${p.lhs}，而（七）总计 ${p.handled} + 四、结转下年度 ${p.forward} = ${p.rhs}，相差 ${p.diff}`,
        en: (p) =>
          `table 3, column “${p.column}” does not balance: received ${p.received} + carried over ${p.carried} = ${p.lhs}, but handled total ${p.handled} + carried forward ${p.forward} = ${p.rhs} (difference ${p.diff})`,
      },
    },
  },
  ({ model, report }) => {
    const t = model.tables.application;
    if (!t) return;
    for (const column of t.def.rows[0].columns) {
      const cs = allNumbers(cells(t, ['received', 'carriedOver', 'resultTotal', 'carriedForward'], column.key));
      if (!cs) continue;
      const [received, carried, handled, forward] = cs;
      const lhs = sum([received, carried]);
      const rhs = sum([handled, forward]);
      if (lhs === rhs) continue;
      report(
        'unbalanced',
        {
          column: columnName(received),
          received: num(received),
          carried: num(carried),
          handled: num(handled),
          forward: num(forward),
          lhs,
          rhs,
          diff: Math.abs(lhs - rhs),
        },
        { place: handled.place, expected: lhs, actual: rhs, cell: cellRef(t, handled), operands: [received, carried, forward].flatMap((c) => (c.place ? [c.place] : [])) },
      );
    }
  },
);
