/**
 * injected-content — gambling, pornography or SEO spam inserted into the page: the mark of
 * a tampered government website (seed 001: 「澳门英皇娱乐_天下足球网-盘口官网」 in five places).
 *
 * Terms are specific to spam (a 澳门…娱乐 brand, 盘口, 博彩, 百家乐, 真人视讯 …); words a report
 * may use legitimately (彩票公益金, 打击赌博, 娱乐场所) are not on the list. Matches closer than
 * 20 characters are one insertion.
 */
import { defineRule } from '../src/engine/rule.js';
import { placeIn } from '../src/model/blocks.js';
import { normalizeText, pointAt } from '../src/extract/normalize.js';
import type { Place } from '../src/types.js';
import { SPAM, insertedBrands } from '../src/model/spam.js';

interface Hit {
  text: string;
  place?: Place;
  where: 'pageTitle' | 'title' | 'meta' | 'body';
}

/** the SEO words glued to an insertion (「_365服务热线_bet体育365正规吗」, 「-现金网重点推荐」): part of it */
const GLUE = /^(?:[_\-—|｜¥￥:：]*(?:官网|官方网站|网址|平台客户端|客户端|平台|服务热线|正规吗|苹果版|安卓版|下载|app|重点推荐|推荐|大全|在线|mobile|旧版|\s*\d{6,}))+/i;

function scan(text: string, spam: RegExp, at: (i: number) => Place | undefined, where: Hit['where'], hits: Hit[]): void {
  spam.lastIndex = 0;
  let m: RegExpExecArray | null;
  let start = -1;
  let end = -100;
  while ((m = spam.exec(text))) {
    const glue = GLUE.exec(text.slice(m.index + m[0].length))?.[0].length ?? 0;
    if (start >= 0 && m.index - end < 20) {
      // close to the previous match: the same insertion, widened
      end = Math.max(end, m.index + m[0].length + glue);
      hits[hits.length - 1].text = text.slice(start, end);
    } else {
      start = m.index;
      end = m.index + m[0].length + glue;
      hits.push({ text: text.slice(start, end), place: at(m.index), where });
    }
    spam.lastIndex = Math.max(spam.lastIndex, end);
  }
}

/** The lexicon for one document: the spam words, and the real brands it shows were pasted in. */
function lexiconFor(texts: string[]): RegExp {
  const brands = new Set<string>();
  for (const t of texts) for (const b of insertedBrands(t)) brands.add(b);
  const extra = [...brands].sort((a, b) => b.length - a.length).map((b) => b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return extra.length ? new RegExp(`${SPAM.source}|${extra.join('|')}`, 'gi') : new RegExp(SPAM.source, 'gi');
}

export default defineRule(
  {
    id: 'injected-content',
    type: 'problem',
    kind: 'defect',
    severity: 'error',
    templates: ['2019', '2021'],
    description: { zh: '页面被植入赌博、色情或推广等非法内容（网站可能被篡改）', en: 'gambling, pornography or SEO spam inserted into the page (a tampered site)' },
    messages: {
      spam: {
        zh: (p) => `${p.where}中出现疑似被植入的非法内容「${p.text}」，网站可能已被篡改，应立即核查并删除`,
        en: (p) => `suspected injected spam “${p.text}” in the ${p.where}: the site may have been tampered with`,
      },
    },
  },
  ({ model, report, lang }) => {
    const hits: Hit[] = [];
    const spam = lexiconFor([model.pageTitle?.text ?? '', ...model.normalization.chrome.map((c) => c.node.value), ...model.blocks.map((b) => b.text)]);
    if (model.pageTitle) {
      const title = model.pageTitle;
      const at = title.place?.start;
      const text = normalizeText(title.text).text;
      // the <title> is one line: a column offset from its start is close enough to point at it
      // spam the visible title repeats is reported there, once
      const inTitle: Hit[] = [];
      scan(text, spam, (i) => (at ? { start: { line: at.line, column: at.column + i } } : undefined), 'pageTitle', inTitle);
      hits.push(...inTitle.filter((h) => !model.title?.text.includes(h.text)));
    }
    for (const c of model.normalization.chrome) scan(c.node.value, spam, (i) => pointAt(c.node, i), 'meta', hits);
    for (const b of model.blocks) {
      if (b.kind === 'table') {
        for (const row of b.rows ?? []) for (const cell of row) if (cell.node) scan(cell.text, spam, (i) => pointAt(cell.node!, i), 'body', hits);
        continue;
      }
      scan(b.text, spam, (i) => placeIn(b, i), model.title && b.text.includes(model.title.text) && b.index < 12 ? 'title' : 'body', hits);
    }
    hits.sort((a, b) => (a.place?.start.line ?? 0) - (b.place?.start.line ?? 0) || (a.place?.start.column ?? 0) - (b.place?.start.column ?? 0));
    const names = { pageTitle: { zh: '网页标题（<title>）', en: 'page <title>' }, title: { zh: '标题', en: 'title' }, meta: { zh: '页面信息栏', en: 'page metadata' }, body: { zh: '正文', en: 'body' } };
    for (const h of hits) report('spam', { text: h.text, where: names[h.where][lang] }, { place: h.place, actual: h.text, quote: h.text });
  },
);
