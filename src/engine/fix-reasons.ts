/** Why a correction is not applied, in the message language: said per finding by `check --fix`. */
import type { FixRefusal, Lang } from '../types.js';

const REASONS: Record<FixRefusal, { zh: string; en: string }> = {
  'not-placed': { zh: '原文此处不完全是检查时读到的文字（如全角数字、转义字符），无法确定改哪里', en: 'the file does not hold exactly the text the check read there (full-width digits, an escape), so where to change it is not certain' },
  overlap: { zh: '与另一处修正改的是同一段文字，两者只能取其一', en: 'another correction changes the same text; only one of them can be right' },
  'not-proved': { zh: '按此修正后复查出现了新的问题（或原问题仍在），说明错的可能是别处', en: 'with this correction the check finds something new (or the finding stays): the mistake may be elsewhere' },
  'too-slow': { zh: '时限内未能验证修正', en: 'no time was left to verify the correction' },
  encoding: { zh: '文件的编码无法原样写回（解码时有无法识别的字节）', en: 'the file cannot be written back in its own encoding byte for byte (decoding replaced some bytes)' },
  'docx-not-found': { zh: '在 word/document.xml 中找不到这一段（可能在脚注、文本框或页眉页脚里）', en: 'the paragraph is not found in word/document.xml (it may be in a footnote, a text box or a header)' },
  'docx-ambiguous': { zh: 'Word 文档中读来相同的段落数目对不上，无法确定是哪一段', en: 'paragraphs reading the same occur a different number of times in the Word XML, so which one is meant is not certain' },
  'docx-complex': { zh: '这一段含域代码、修订标记、文本框、符号或分页符，不自动修改', en: 'the paragraph holds field codes, tracked changes, a text box, symbols or a page break, which are not rewritten' },
  'docx-label': { zh: '要改的是 Word 自动编号，不在段落文字中', en: 'the text to change is Word’s automatic numbering, not the paragraph’s own text' },
};

export const fixReason = (code: FixRefusal, lang: Lang): string => REASONS[code][lang];
