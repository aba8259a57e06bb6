/**
 * required-sections — the six sections of the format are there, in order: a missing one is
 * reported at the heading before the gap, one standing out of order at itself.
 *
 * Basis: 《政府信息公开条例》第五十条 lists the contents; the unified format (国办公开办函〔2019〕60号,
 * 〔2021〕30号) fixes the six headings 一、总体情况 … 六、其他需要报告的事项. Title variants used
 * by real reports are tolerated (see src/model/sections.ts).
 */
import { defineRule } from '../src/engine/rule.js';
import { sectionName } from '../src/engine/describe.js';
import { SECTION_NUMERALS } from '../src/util/cjk.js';
import { placeIn } from '../src/model/blocks.js';

export default defineRule(
  {
    id: 'required-sections',
    type: 'problem',
    kind: 'defect',
    severity: 'error',
    templates: ['2019', '2021'],
    description: { zh: '六个部分齐全且顺序正确', en: 'the six sections are present and in order' },
    messages: {
      missing: {
        zh: (p) => `缺少第${p.numeral}部分「${p.name}」：年度报告应按统一格式包含六个部分`,
        en: (p) => `section ${p.numeral} “${p.name}” is missing: the format requires all six sections`,
      },
      outOfOrder: {
        zh: (p) => `第${p.numeral}部分「${p.heading}」位置不对：排在了第${p.other}部分${p.before ? '之前' : '之后'}，六个部分应按一至六的顺序排列`,
        en: (p) => `section ${p.numeral} “${p.heading}” is out of place: it stands ${p.before ? 'before' : 'after'} section ${p.other}; the six go in order 一 to 六`,
      },
    },
  },
  ({ model, report, lang }) => {
    const found = new Set(model.sections.map((s) => s.number));
    for (let n = 1; n <= 6; n++) {
      if (found.has(n)) continue;
      const stray = model.outOfOrder.find((h) => h.number === n);
      if (stray) {
        // a part after it that belongs before it, or else a part before it that belongs after it
        const later = (x: (typeof model.sections)[number]) => x.heading.block > stray.block || (x.heading.block === stray.block && x.heading.start > stray.start);
        const ahead = model.sections.find((x) => later(x) && x.number < n);
        const behind = [...model.sections].reverse().find((x) => !later(x) && x.number > n);
        const other = ahead ?? behind;
        report('outOfOrder', { numeral: SECTION_NUMERALS[n - 1], heading: stray.text, other: other ? SECTION_NUMERALS[other.number - 1] : '', before: ahead !== undefined }, { place: placeIn(model.blocks[stray.block], stray.start), expected: sectionName(n, lang), actual: stray.text, quote: stray.text });
        continue;
      }
      // point at the heading before the gap, or the start of the document
      const prev = [...model.sections].reverse().find((s) => s.number < n);
      const place = prev ? placeIn(model.blocks[prev.heading.block], prev.heading.start) : model.blocks[0]?.place;
      report(
        'missing',
        { numeral: SECTION_NUMERALS[n - 1], name: sectionName(n, 'zh').slice(2) },
        { place, expected: sectionName(n, lang), actual: '' },
      );
    }
  },
);
