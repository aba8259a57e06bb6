/**
 * overview-topics — 一、总体情况 covers what the format names for it. In the 2021 format
 * (国办公开办函〔2021〕30号) that is 主动公开, 依申请公开, 政府信息管理, 政府信息公开平台建设 and
 * 监督保障. A people's government's own report (county or higher, and 乡镇 — not a 街道办事处,
 * which is not a government) also reports the 工作考核、社会评议和责任追究结果 (《条例》第五十条
 * 第（四）项): under 30号 inside 总体情况 › 监督保障, in a 2019-format report anywhere.
 * Topics are recognised by their words, not by a sub-heading of their own.
 */
import { defineRule } from '../src/engine/rule.js';
import { sectionText } from '../src/model/sections.js';
import { placeIn } from '../src/model/blocks.js';
import type { ReportModel } from '../src/model/index.js';

const TOPICS_2021: Array<{ zh: string; en: string; words: RegExp }> = [
  { zh: '主动公开', en: 'proactive disclosure', words: /主动公开/ },
  { zh: '依申请公开', en: 'disclosure on application', words: /依申请公开|公开申请|申请公开/ },
  { zh: '政府信息管理', en: 'information management', words: /信息管理|保密审查|公开属性|(?:文件|信息)(?:清理|审查|审核)/ },
  { zh: '政府信息公开平台建设', en: 'platforms', words: /平台|网站|政务新媒体|公开专栏|门户/ },
  { zh: '监督保障', en: 'oversight and safeguards', words: /监督|保障|考核|培训/ },
];

const RESULTS: Array<{ zh: string; en: string; words: RegExp }> = [
  { zh: '工作考核', en: 'performance assessment', words: /考核/ },
  { zh: '社会评议', en: 'public evaluation', words: /社会评议|群众评议|评议/ },
  { zh: '责任追究', en: 'accountability', words: /责任追究|追责|问责/ },
];

/** A people's government reporting on itself: county or higher, or a 乡/镇 (not a 街道办事处). */
function isGovernment(model: ReportModel): boolean {
  const t = model.issuer?.type;
  if (t === 'government') return true;
  return t === 'township' && !/街道/.test(model.issuer!.name);
}

export default defineRule(
  {
    id: 'overview-topics',
    type: 'problem',
    kind: 'defect',
    severity: 'warn',
    templates: ['2019', '2021'],
    description: { zh: '总体情况涵盖统一格式要求的各项内容', en: 'the overview covers the topics the format names' },
    messages: {
      topics: {
        zh: (p) => `「一、总体情况」未涉及${p.missing}：2021年格式要求总体情况包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障`,
        en: (p) => `the overview does not cover ${p.missing}: the 2021 format asks for proactive disclosure, applications, information management, platforms, oversight`,
      },
      results: {
        zh: (p) => `人民政府的年度报告应报告工作考核、社会评议和责任追究结果情况（《条例》第五十条第（四）项${p.where}），未见${p.missing}`,
        en: (p) => `a people's government's report must give the results of assessment, public evaluation and accountability (Regulations art. 50(4)${p.where}); missing: ${p.missing}`,
      },
    },
  },
  ({ model, report, lang }) => {
    const overview = model.sections.find((s) => s.number === 1);
    if (!overview) return; // required-sections reports it
    const place = placeIn(model.blocks[overview.heading.block], overview.heading.start);
    const text = sectionText(model.blocks, overview);
    const names = (xs: Array<{ zh: string; en: string }>) => xs.map((x) => (lang === 'zh' ? `「${x.zh}」` : `“${x.en}”`)).join(lang === 'zh' ? '' : ', ');
    if (model.template === '2021') {
      const missing = TOPICS_2021.filter((t) => !t.words.test(text));
      if (missing.length > 0) report('topics', { missing: names(missing) }, { place, expected: TOPICS_2021.map((t) => t.zh).join('、'), actual: '' });
    }
    if (!isGovernment(model)) return;
    // 30号 puts the results in 总体情况; the 2019 format leaves the place open
    const where = model.template === '2021' ? text : model.blocks.filter((b) => b.kind !== 'table').map((b) => b.text).join('\n');
    const missing = RESULTS.filter((r) => !r.words.test(where));
    if (missing.length > 0)
      report(
        'results',
        { missing: names(missing), where: model.template === '2021' ? (lang === 'zh' ? '；2021年格式列于总体情况·监督保障' : '; in the 2021 format under the overview') : '' },
        { place, expected: RESULTS.map((r) => r.zh).join('、'), actual: '' },
      );
  },
);
