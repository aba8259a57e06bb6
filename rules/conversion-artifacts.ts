/**
 * conversion-artifacts — traces a conversion left in the text: pinyin annotations inserted
 * after characters (`現(xiàn)`, from a site's reading aid saved with the page), mojibake
 * (UTF-8 read as Latin-1 or GBK: 锟斤拷, Ã©), and replacement characters (U+FFFD).
 * The text is still read (normalize removes the pinyin); the finding says the published
 * page carries the artifacts.
 */
import { defineRule } from '../src/engine/rule.js';
import { placeIn } from '../src/model/blocks.js';
import type { Place } from '../src/types.js';

// GB18030 text decoded one byte out of step turns Han into a jumble with bopomofo and rare
// box-drawing pieces inside it (「（一）主動公開」 → 「ㄒ唬┲鲃庸_」); the light lines that draw
// text tables (─│┌┼…) are left alone
const SHIFTED = '[\\u3105-\\u312f\\u2504-\\u250b\\u250d-\\u250f\\u2511-\\u2513\\u2515-\\u2517\\u2519-\\u251b\\u251d-\\u2523\\u2525-\\u252b\\u252d-\\u2533\\u2535-\\u253b\\u253d-\\u254b]';
const MOJIBAKE = new RegExp(`锟斤拷|烫烫烫|屯屯屯|[ÃÂâåæçèéäï][\\u0080-\\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|[\\u4e00-\\u9fff]${SHIFTED}+|${SHIFTED}+[\\u4e00-\\u9fff]`, 'g');
const REPLACEMENT = /\ufffd/g;

export default defineRule(
  {
    id: 'conversion-artifacts',
    type: 'problem',
    kind: 'defect',
    severity: 'warn',
    templates: ['2019', '2021'],
    fixable: true,
    description: { zh: '正文残留转换痕迹：插入的拼音、乱码、替换字符', en: 'conversion traces in the text: inserted pinyin, mojibake, replacement characters' },
    messages: {
      pinyin: {
        zh: (p) => `文中插入了 ${p.count} 处拼音注音（如「${p.sample}」），应发布不带注音的原文`,
        en: (p) => `${p.count} pinyin annotation(s) inserted in the text (e.g. “${p.sample}”); publish the text without them`,
      },
      mojibake: {
        zh: (p) => `文中有 ${p.count} 处乱码（如「${p.sample}」），文字在转换编码时已损坏`,
        en: (p) => `${p.count} mojibake sequence(s) (e.g. “${p.sample}”): the text was damaged by a wrong encoding`,
      },
      removePinyin: {
        zh: (p) => `删除全部 ${p.count} 处拼音注音`,
        en: (p) => `Remove all ${p.count} pinyin annotations`,
      },
      replacement: {
        zh: (p) => `文中有 ${p.count} 个无法识别的字符（�），原文字已丢失`,
        en: (p) => `${p.count} replacement character(s) (�): the original characters are lost`,
      },
    },
  },
  ({ model, report }) => {
    const pinyin = model.normalization.samples.filter((s) => s.kind === 'pinyin');
    if (model.normalization.counts.pinyin > 0) {
      const first = pinyin[0];
      const count = model.normalization.counts.pinyin;
      // the fix removes every annotation, so it is offered only when each one's place is known
      const fix = pinyin.length === count ? { messageId: 'removePinyin', edits: pinyin.map((s) => ({ at: s.place, from: s.from, to: '' })) } : undefined;
      report('pinyin', { count, sample: first?.from ?? '' }, { place: first?.place, actual: first?.from, expected: '', fix });
    }
    for (const [id, re] of [['mojibake', MOJIBAKE], ['replacement', REPLACEMENT]] as const) {
      let count = 0;
      let first: { place?: Place; text: string } | null = null;
      for (const b of model.blocks) {
        if (b.kind === 'table') continue;
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(b.text))) {
          count++;
          first ??= { place: placeIn(b, m.index), text: b.text.slice(Math.max(0, m.index - 3), m.index + m[0].length + 3) };
        }
      }
      if (count > 0 && first) report(id, { count, sample: first.text }, { place: first.place, actual: first.text });
    }
  },
);
