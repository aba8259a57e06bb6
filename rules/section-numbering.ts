/**
 * section-numbering — the six parts are numbered 一 to 六, each once. A part written under
 * another numeral (a part inserted before it shifts the statutory ones), or a heading inside the
 * report numbered like a part (sub-topics of 总体情况 numbered 一、二、… and then 二、主动公开…
 * again) makes the structure ambiguous: sub-topics take （一）（二）…
 *
 * Table 3's row labels (一、本年新收… 四、结转下年度继续办理) are table text, not headings.
 */
import { defineRule } from '../src/engine/rule.js';
import { placeIn } from '../src/model/blocks.js';
import { SECTION_NUMERALS } from '../src/util/cjk.js';

const NUMERALS = [...SECTION_NUMERALS, '七', '八', '九', '十'];

export default defineRule(
  {
    id: 'section-numbering',
    type: 'problem',
    kind: 'defect',
    severity: 'warn',
    templates: ['2019', '2021'],
    description: { zh: '六个部分依次编号一至六，子标题不使用部分编号', en: 'the six parts are numbered 一 to 六, and nothing else is numbered like a part' },
    messages: {
      shifted: {
        zh: (p) => `「${p.heading}」是第${p.right}部分，却编号为「${p.written}、」`,
        en: (p) => `“${p.heading}” is part ${p.right} but is numbered “${p.written}、”`,
      },
      partLike: {
        zh: (p) => `「${p.heading}」按部分的方式（一、二、…）编号，但不是统一格式的六个部分之一${p.inside}：部分以下的标题应编号为（一）（二）…`,
        en: (p) => `“${p.heading}” is numbered like a part (一、二、…) but is not one of the six parts${p.inside}; headings below a part take （一）（二）…`,
      },
    },
  },
  ({ model, report, lang }) => {
    const found: Array<{ at: number; emit: () => void }> = [];
    const pos = (block: number, start: number) => block * 1e6 + start;
    for (const s of model.sections) {
      if (s.written === null || s.written === s.number) continue;
      found.push({
        at: pos(s.heading.block, s.heading.start),
        emit: () =>
          report('shifted', { heading: s.heading.text, right: SECTION_NUMERALS[s.number - 1], written: NUMERALS[s.written! - 1] }, { place: placeIn(model.blocks[s.heading.block], s.heading.start), expected: `${SECTION_NUMERALS[s.number - 1]}、`, actual: `${NUMERALS[s.written! - 1]}、`, quote: s.heading.text }),
      });
    }
    for (const h of model.partLike) {
      const inside = h.inSection ? (lang === 'zh' ? `（位于第${SECTION_NUMERALS[h.inSection - 1]}部分内）` : ` (inside part ${SECTION_NUMERALS[h.inSection - 1]})`) : '';
      found.push({
        at: pos(h.block, h.start),
        emit: () => report('partLike', { heading: h.text, inside }, { place: placeIn(model.blocks[h.block], h.start), expected: '（一）（二）…', actual: h.text, quote: h.text }),
      });
    }
    found.sort((a, b) => a.at - b.at).forEach((f) => f.emit());
  },
);
