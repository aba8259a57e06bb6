/**
 * fee-reporting — from the 2021 format on, 六、其他需要报告的事项 states the 信息处理费 collected
 * under 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号), or that none was.
 *
 * Basis: practice under 国办公开办函〔2021〕30号 (template-spec §3, marked unverified there: the
 * wording of 30号 on fees could not be read). Hence a warning, and the option `anywhere` (default
 * false) accepts the statement in any part of the report.
 */
import { defineRule } from '../src/engine/rule.js';
import { sectionText } from '../src/model/sections.js';
import { placeIn } from '../src/model/blocks.js';

const FEE = /信息处理费|处理费|(?:未|没有|不)(?:收取|收缴)(?:任何)?(?:费用|费)/;

export default defineRule<{ anywhere: boolean }>(
  {
    id: 'fee-reporting',
    type: 'problem',
    kind: 'defect',
    severity: 'warn',
    templates: ['2021'],
    description: { zh: '第六部分说明信息处理费的收取情况', en: 'section 六 states the information processing fees collected' },
    schema: { type: 'object', properties: { anywhere: { type: 'boolean' } }, additionalProperties: false },
    defaultOptions: { anywhere: false },
    messages: {
      missing: {
        zh: () => '「六、其他需要报告的事项」未说明政府信息公开信息处理费的收取情况（收取金额，或未收取）',
        en: () => 'section 六 does not state the information processing fees collected (the amount, or that none were)',
      },
    },
  },
  ({ model, report, options }) => {
    const six = model.sections.find((s) => s.number === 6);
    if (!six) return; // required-sections reports it
    const text = options.anywhere ? model.blocks.map((b) => b.text).join('\n') : sectionText(model.blocks, six);
    if (FEE.test(text)) return;
    report('missing', {}, { place: placeIn(model.blocks[six.heading.block], six.heading.start), expected: '信息处理费收取情况', actual: '' });
  },
);
