/**
 * The words only spam uses: the lexicon of injected-content, and what the issuer's name is
 * cleaned of (a tampered page pastes a casino brand in front of the body's name).
 */
export const SPAM = new RegExp(
  [
    // casino brands; 金沙, 永利, 银河 are also real place names (金沙县, 银河街道), so only a
    // gambling word after them counts — never 官网, 平台 or 体育 alone
    '(?:澳门|澳門|葡京|威尼斯人|金沙|永利|银河|太阳城|英皇|新葡京|美高梅|巴黎人)[\\u4e00-\\u9fa5]{0,6}?(?:娱乐|赌场|博彩|棋牌|真人)(?:官网|平台|城|网站|网址|网|推荐)?',
    '皇冠(?:体育|娱乐|博彩)',
    '盘口(?:官网|网)?',
    '博彩(?:业|公司|网址|网站|官网|平台)?',
    '赌场(?:推荐|网址|官网)?',
    '百家乐',
    '真人(?:视讯|娱乐|荷官)',
    '老虎机',
    '时时彩',
    '六合彩',
    '北京赛车',
    '彩天下',
    '现金网',
    '彩票(?:网|平台|官网|注册|投注)',
    '(?:在线|线上|网上)(?:赌场|投注|下注|娱乐城)',
    '投注(?:官网|平台|网站|网址)',
    '娱乐(?:城|场(?!所)|官网|平台|注册|开户)',
    '(?:注册|开户|首存)送?彩金|(?:注册|开户|首存)送',
    // betting brands and their SEO spellings (365bet, bet体育365, bei365, beat365, 速发365)
    '(?:bet|bei|beat)\\s*(?:体育)?\\s*365|365\\s*(?:bet|体育|网址|服务热线|官网|官方网站|下载|平台)|速发365',
    '(?:ag真人|亚博|开云体育|乐鱼体育|bob体育|沙巴体育|大发体育|威廉希尔|立博|必发)',
    '(?:足彩|竞彩)(?:在线|网|官网|平台|app)|欧洲五大联赛',
    // pornography
    '(?:成人|色情)(?:视频|电影|网站|直播|影院)',
    '(?:裸聊|约炮|一夜情)',
    '(?:亚洲|日韩|欧美|国产|日本)\\s*av|av\\s*无码|无码(?:专区|视频|在线|高清)|一区二区|二区三区|精产国品|寡妇影院|午夜(?:影院|福利)',
    '代开(?:发票|增值税)',
  ].join('|'),
  'gi',
);

/**
 * Real brands that are spam only where they stand: 中国体育彩票 is the sports lottery a sports
 * bureau reports on (体彩公益金, 体育彩票销售), but pasted in place of a place name or a word
 * (「中国体育彩票市统计局」, 「《中国体育彩票晚报》」, 「所列中国体育彩票的统计期限」) it is an insertion.
 */
export const DUAL_USE = /(?:中国)?(?:体育|福利)彩票|足球彩票|竞彩足球/g;
/** what follows a dual-use brand where only a name can stand: a division, an organ, a newspaper */
const NAME_SLOT_AFTER = /^(?:市(?!场)|县|区(?!域|别)|省|州|镇|乡|人民政府|政府|办公室|办公厅|晚报|日报|的统计期限|印发)/;

/** The dual-use brands of a text that stand, at least once, where only a name can: each is spam wherever it occurs. */
export function insertedBrands(text: string): Set<string> {
  const out = new Set<string>();
  DUAL_USE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DUAL_USE.exec(text))) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 6);
    const before = text[m.index - 1] ?? '';
    if (NAME_SLOT_AFTER.test(after) || (before === '《' && /^(?:印发|关于)/.test(after)) || /^[_\-—|｜]/.test(after)) out.add(m[0]);
  }
  return out;
}

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
