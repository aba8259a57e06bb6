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
import { SPAM } from '../src/model/spam.js';

interface Hit {
  text: string;
  place?: Place;
  where: 'pageTitle' | 'title' | 'meta' | 'body';
}

function scan(text: string, at: (i: number) => Place | undefined, where: Hit['where'], hits: Hit[]): void {
  SPAM.lastIndex = 0;
  let m: RegExpExecArray | null;
  let start = -1;
  let end = -100;
  while ((m = SPAM.exec(text))) {
    if (start >= 0 && m.index - end < 20) {
      // close to the previous match: the same insertion, widened
      end = m.index + m[0].length;
      hits[hits.length - 1].text = text.slice(start, end);
    } else {
      start = m.index;
      end = m.index + m[0].length;
      hits.push({ text: m[0], place: at(m.index), where });
    }
  }
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
    if (model.pageTitle) {
      const title = model.pageTitle;
      const at = title.place?.start;
      const text = normalizeText(title.text).text;
      // the <title> is one line: a column offset from its start is close enough to point at it
      // spam the visible title repeats is reported there, once
      const inTitle: Hit[] = [];
      scan(text, (i) => (at ? { start: { line: at.line, column: at.column + i } } : undefined), 'pageTitle', inTitle);
      hits.push(...inTitle.filter((h) => !model.title?.text.includes(h.text)));
    }
    for (const c of model.normalization.chrome) scan(c.node.value, (i) => pointAt(c.node, i), 'meta', hits);
    for (const b of model.blocks) {
      if (b.kind === 'table') {
        for (const row of b.rows ?? []) for (const cell of row) if (cell.node) scan(cell.text, (i) => pointAt(cell.node!, i), 'body', hits);
        continue;
      }
      scan(b.text, (i) => placeIn(b, i), model.title && b.text.includes(model.title.text) && b.index < 12 ? 'title' : 'body', hits);
    }
    hits.sort((a, b) => (a.place?.start.line ?? 0) - (b.place?.start.line ?? 0) || (a.place?.start.column ?? 0) - (b.place?.start.column ?? 0));
    const names = { pageTitle: { zh: '网页标题（<title>）', en: 'page <title>' }, title: { zh: '标题', en: 'title' }, meta: { zh: '页面信息栏', en: 'page metadata' }, body: { zh: '正文', en: 'body' } };
    for (const h of hits) report('spam', { text: h.text, where: names[h.where][lang] }, { place: h.place, actual: h.text, quote: h.text });
  },
);
