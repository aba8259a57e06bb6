/**
 * The words only spam uses: the lexicon of injected-content, and what the issuer's name is
 * cleaned of (a tampered page pastes a casino brand in front of the body's name).
 */
export const SPAM = new RegExp(
  [
    // casino brands; 金沙, 永利, 银河 are also real place names (金沙县, 银河街道), so only a
    // gambling word after them counts — never 官网, 平台 or 体育 alone
    '(?:澳门|澳門|葡京|威尼斯人|金沙|永利|银河|太阳城|英皇|新葡京|美高梅|巴黎人)[\\u4e00-\\u9fa5]{0,6}?(?:娱乐|赌场|博彩|棋牌|真人)(?:官网|平台|城|网站|网)?',
    '皇冠(?:体育|娱乐|博彩)',
    '盘口(?:官网|网)?',
    '博彩',
    '百家乐',
    '真人(?:视讯|娱乐|荷官)',
    '老虎机',
    '时时彩',
    '六合彩',
    '北京赛车',
    '彩票(?:网|平台|官网|注册|投注)',
    '(?:在线|线上|网上)(?:赌场|投注|下注|娱乐城)',
    '娱乐(?:城|官网|平台|注册|开户)',
    '(?:注册|开户|首存)送?彩金|(?:注册|开户|首存)送',
    '(?:bet365|365bet|ag真人|亚博|开云体育|乐鱼体育|bob体育)',
    '(?:成人|色情)(?:视频|电影|网站|直播)',
    '(?:裸聊|约炮|一夜情)',
    '代开(?:发票|增值税)',
  ].join('|'),
  'gi',
);

/** The text with every spam insertion (and the separators glued to it) taken out. */
export function withoutSpam(text: string): string {
  return text.replace(new RegExp(`(?:${SPAM.source})[_\\-—|｜:：\\s]*`, 'gi'), '');
}

/** What follows the last spam insertion in a text (the name a brand was pasted before). */
export function afterSpam(text: string): string {
  let end = -1;
  const re = new RegExp(SPAM.source, 'gi');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) end = m.index + m[0].length;
  if (end < 0) return text;
  const rest = text.slice(end);
  // the brand's own tail up to a separator (「_天下足球网-」) goes with it
  const sep = rest.search(/[_\-—|｜:：]/);
  return (sep >= 0 && sep < 12 ? rest.slice(sep) : rest).replace(/^[_\-—|｜:：\s]+/, '');
}
