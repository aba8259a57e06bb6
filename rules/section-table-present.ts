/**
 * section-table-present — sections 二, 三 and 四 each hold their template table.
 *
 * Basis: the unified format gives these sections as statistical tables (template-spec §4–§6);
 * a report that leaves them out (even with all values zero) does not follow the format.
 */
import { defineRule } from '../src/engine/rule.js';
import { sectionName } from '../src/engine/describe.js';
import { templateTables } from '../src/format/template.js';
import { placeIn } from '../src/model/blocks.js';

export default defineRule(
  {
    id: 'section-table-present',
    type: 'problem',
    kind: 'defect',
    severity: 'error',
    templates: ['2019', '2021'],
    description: { zh: '第二、三、四部分各有统一格式的统计表', en: 'sections 二, 三 and 四 each hold their template table' },
    messages: {
      missing: {
        zh: (p) => `「${p.section}」部分没有统一格式规定的统计表（${p.table}）`,
        en: (p) => `${p.section} has no template table (${p.table})`,
      },
    },
  },
  ({ model, report, lang }) => {
    for (const def of templateTables(model.template)) {
      const section = model.sections.find((s) => s.number === def.section);
      if (!section || model.tables[def.id]) continue;
      report(
        'missing',
        { section: sectionName(def.section, lang), table: def.name[lang] },
        { place: placeIn(model.blocks[section.heading.block], section.heading.start), expected: def.name[lang], actual: '' },
      );
    }
  },
);
