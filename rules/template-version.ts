/**
 * template-version — the tables follow the format in force for the reporting year: the 2019
 * 试行 format (国办公开办函〔2019〕60号) for 2019–2020, the 2021 format (国办公开办函〔2021〕30号)
 * from 2021 on. A table copied from the other format is named once, with the words that show it
 * (本年新制作数量, 上一年项目数量, 第二十条第（九）项 … or the reverse).
 */
import { defineRule } from '../src/engine/rule.js';
import { list } from '../src/engine/describe.js';

const INSTRUMENT = { '2019': '国办公开办函〔2019〕60号', '2021': '国办公开办函〔2021〕30号' } as const;

export default defineRule(
  {
    id: 'template-version',
    type: 'problem',
    kind: 'defect',
    severity: 'error',
    templates: ['2019', '2021'],
    description: { zh: '统计表使用了与报告年度不符的格式版本', en: 'the tables use the format of the wrong version for the reporting year' },
    messages: {
      wrongVersion: {
        zh: (p) => `${p.why}应使用${p.expected}年格式（${p.instrument}），但${p.tables}使用的是${p.found}年格式：出现了${p.markers}`,
        en: (p) => `${p.why} calls for the ${p.expected} format (${p.instrument}), but ${p.tables} ${p.count > 1 ? 'follow' : 'follows'} the ${p.found} format: found ${p.markers}`,
      },
    },
  },
  ({ model, report, lang }) => {
    const foreign = model.otherVersionTables;
    if (foreign.length === 0) return;
    const first = foreign[0].markers[0];
    const why =
      model.templateFrom === 'year'
        ? lang === 'zh' ? `${model.reportingYear}年度报告` : `a report for ${model.reportingYear}`
        : model.templateFrom === 'forced'
          ? lang === 'zh' ? '指定的格式' : 'the format asked for'
          : lang === 'zh' ? '报告未写明年度，按表2的格式判断，全部统计表' : 'with no year stated, table 2’s format, which all tables';
    const markers = foreign.flatMap((t) => t.markers.map((m) => m.marker));
    report(
      'wrongVersion',
      {
        why,
        expected: model.template,
        instrument: INSTRUMENT[model.template],
        found: foreign[0].version,
        tables: list(foreign.map((t) => model.tables[t.id]!.def.name[lang]), lang),
        count: foreign.length,
        markers: lang === 'zh' ? markers.map((m) => `「${m}」`).join('') : markers.map((m) => `“${m}”`).join(', '),
      },
      { place: first.token.place, expected: `${model.template}年格式`, actual: `${foreign[0].version}年格式`, quote: first.token.text },
    );
  },
);
