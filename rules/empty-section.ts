/**
 * empty-section — a part with no substance: 一、总体情况 or 五、存在的主要问题及改进情况 left empty or
 * holding only 无 / 暂无; 六 with nothing at all (「无」 is an answer there: nothing else to
 * report). 二–四 are tables, which section-table-present checks.
 *
 * Basis: 《条例》第五十条 lists what the report must contain; 30号: 「不能遗漏」, and 敷衍塞责 is
 * named among the defects (template-spec §7).
 */
import { defineRule } from '../src/engine/rule.js';
import { sectionText } from '../src/model/sections.js';
import { placeIn } from '../src/model/blocks.js';

/** The last part ends with the sign-off (the issuer's name, the date): that is not its content. */
function withoutSignOff(text: string): string {
  const lines = text.split('\n');
  const signOff = (l: string) => {
    const t = l.trim();
    return t === '' || /^(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年.{1,4}月.{1,4}日$/.test(t) || (t.length <= 30 && !/[，。；：]/.test(t) && /(?:政府|委员会|办公室|局|厅|街道办事处|街道|镇|乡|中心|院|所|部|管委会)$/.test(t));
  };
  while (lines.length > 0 && signOff(lines[lines.length - 1])) lines.pop();
  return lines.join('\n');
}

const NOTHING = /^(?:无|暂无|没有|无此项|本年度无|无相关情况|无其他需要报告的事项)?$/;

export default defineRule<{ minChars: number }>(
  {
    id: 'empty-section',
    type: 'problem',
    kind: 'defect',
    severity: 'warn',
    templates: ['2019', '2021'],
    description: { zh: '某一部分没有实质内容', en: 'a section has no substance' },
    schema: { type: 'object', properties: { minChars: { type: 'integer', minimum: 0 } }, additionalProperties: false },
    defaultOptions: { minChars: 10 },
    messages: {
      empty: {
        zh: (p) => `「${p.heading}」没有实质内容${p.found ? `（仅有「${p.found}」）` : ''}`,
        en: (p) => `“${p.heading}” has no substance${p.found ? ` (only “${p.found}”)` : ''}`,
      },
    },
  },
  ({ model, report, options }) => {
    for (const s of model.sections) {
      const text = s.number === 6 ? withoutSignOff(sectionText(model.blocks, s)) : sectionText(model.blocks, s);
      const bare = text.replace(/[\s，。、；：！？,.;:!?|]/g, '');
      // 二–四 hold tables: section-table-present speaks for them
      if (s.number >= 2 && s.number <= 4) continue;
      const empty = s.number === 6 ? bare === '' : NOTHING.test(bare) || bare.length < options.minChars;
      if (!empty) continue;
      report('empty', { heading: s.heading.text, found: text.trim() }, { place: placeIn(model.blocks[s.heading.block], s.heading.start), expected: '实质内容', actual: text.trim() });
    }
  },
);
