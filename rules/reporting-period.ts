/**
 * reporting-period — every stated period (统计期限, 起止时间) is 1 January – 31 December of the
 * year in the title.
 *
 * Basis: the report covers the calendar year (四川 DB51/T 2660—2019 §2.1: 「年度报告统计时间段为上一年度
 * 1月1日至12月31日」; template-spec §7).
 */
import { defineRule } from '../src/engine/rule.js';
import { formatYMD, type PeriodMention } from '../src/model/dates.js';

const CN_DIGITS = '〇一二三四五六七八九';

export default defineRule(
  {
    id: 'reporting-period',
    type: 'problem',
    kind: 'defect',
    severity: 'error',
    templates: ['2019', '2021'],
    fixable: true,
    description: { zh: '报告所述统计期限为报告年度的1月1日至12月31日', en: 'the stated period is 1 January – 31 December of the reporting year' },
    messages: {
      wrong: {
        zh: (p) => `报告所述期限「${p.actual}」与报告年度 ${p.year} 年不符，应为 ${p.expected}`,
        en: (p) => `the stated period “${p.actual}” does not match the reporting year ${p.year}; expected ${p.expected}`,
      },
      fixYear: {
        zh: (p) => `把期限中的年份改为标题中的 ${p.year} 年`,
        en: (p) => `Change the period's year to the title's year, ${p.year}`,
      },
    },
  },
  ({ model, report }) => {
    const year = model.reportingYear;
    if (year === null) return;
    for (const p of model.periods) {
      const ok = p.start.year === year && p.start.month === 1 && p.start.day === 1 && p.end.year === year && p.end.month === 12 && p.end.day === 31;
      if (ok) continue;
      const expected = `${year}年1月1日至${year}年12月31日`;
      const actual = `${formatYMD(p.start)}至${formatYMD(p.end)}`;
      report('wrong', { actual, expected, year }, { place: p.place, expected, actual, quote: p.text, fix: yearFix(p, year) });
    }
  },
);

/**
 * The quick fix, offered only when the year is all that is wrong (1月1日 to 12月31日, with the
 * title's year elsewhere): each written year that differs becomes the title's, written the
 * same way (digits, or 二〇二〇 in Chinese numerals).
 */
function yearFix(p: PeriodMention, year: number) {
  const daysRight = p.start.month === 1 && p.start.day === 1 && p.end.month === 12 && p.end.day === 31;
  const wrong = p.years.filter((y) => y.value !== year);
  if (!daysRight || wrong.length === 0) return undefined;
  const written = (y: { text: string }) => (/^\d{4}$/.test(y.text) ? String(year) : [...String(year)].map((d) => (d === '0' && y.text.includes('零') ? '零' : CN_DIGITS[Number(d)])).join(''));
  return { messageId: 'fixYear', edits: wrong.map((y) => ({ at: y.place, from: y.text, to: written(y) })) };
}
