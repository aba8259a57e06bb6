/** Character classes and label helpers shared by the extractors and the model. */
export const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
/** Chinese text: Han characters and the full-width punctuation that runs with them. */
export const CJK_TEXT = new RegExp(`[${HAN}，。、；：！？（）《》“”]`);
/** The numbering that starts a heading or a row label: 一、 （一） （1） 1. 1、 ①. */
export const NUMBERED_LABEL = /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|[①-⑳])/;

/** A comparison key for labels: no spaces, no punctuation, one parenthesis style. */
export function labelKey(s: string): string {
  // labels and figures recur from table to table and report to report: their keys are kept (bounded)
  if (s.length > 200) return keyOf(s);
  let k = keys.get(s);
  if (k === undefined) {
    if (keys.size > 20_000) keys.clear();
    keys.set(s, (k = keyOf(s)));
  }
  return k;
}
const keys = new Map<string, string>();

function keyOf(s: string): string {
  return s
    .replace(/[（(]/g, '(')
    .replace(/[）)]/g, ')')
    .replace(/[“”"「」『』'‘’]/g, '')
    .replace(/[\s\u00a0\u3000|·•:：,，.。、;；]/g, '')
    .trim();
}

/** Chinese numerals up to 99 (一, 十二, 二十三). */
export function cnNumber(s: string): number | null {
  const digits: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (!s) return null;
  if (s.length === 1) return s === '十' ? 10 : (digits[s] ?? null);
  const ten = s.indexOf('十');
  if (ten < 0) return null;
  const hi = ten === 0 ? 1 : digits[s.slice(0, ten)];
  const loS = s.slice(ten + 1);
  const lo = loS ? digits[loS] : 0;
  if (hi === undefined || lo === undefined) return null;
  return hi * 10 + lo;
}

export const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六'];

/** Shorten a quote for messages. */
export function shorten(s: string, max = 40): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}
