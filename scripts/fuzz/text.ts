/**
 * Hostile text, Markdown and HTML: deep nesting, wide tables, very long lines, and runs of the
 * characters the model's patterns read (digits, numerals, enumeration marks, brackets) made long
 * enough that a pattern with nested or overlapping quantifiers would take seconds.
 */
import type { Rng } from './rng.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Runs built to slow a regular expression down: each ends in a near miss. */
const RUNS: ((n: number) => string)[] = [
  (n) => '1'.repeat(n) + 'x',
  (n) => '第' + '一'.repeat(n) + '条',
  (n) => '一、'.repeat(n),
  (n) => '（'.repeat(n) + '一',
  (n) => '(' .repeat(n) + '1',
  (n) => ' '.repeat(n) + '\t.',
  (n) => '\u3000'.repeat(n) + '一、',
  (n) => '1,'.repeat(n) + '件',
  (n) => '1.'.repeat(n),
  (n) => '1件、'.repeat(n) + '其中',
  (n) => '其中' + '1件，'.repeat(n),
  (n) => '共' + '1'.repeat(n) + '件',
  (n) => '2024年'.repeat(n) + '月',
  (n) => '2024年1月'.repeat(n) + '日',
  (n) => '，'.repeat(n),
  (n) => '。'.repeat(n),
  (n) => '一二三四五六七八九十百千万'.repeat(Math.ceil(n / 13)),
  (n) => '0'.repeat(n) + '.0.0',
  (n) => '１２３４５'.repeat(Math.ceil(n / 5)),
  (n) => '信息公开'.repeat(Math.ceil(n / 4)),
  (n) => '政府信息公开工作年度报告'.repeat(Math.ceil(n / 12)),
  (n) => '—'.repeat(n) + '1',
  (n) => '-'.repeat(n) + '1',
  (n) => '|'.repeat(n),
  (n) => '| 1 '.repeat(n) + '|',
  (n) => '\t1'.repeat(n),
  (n) => '*'.repeat(n) + 'a',
  (n) => '_'.repeat(n) + 'a',
  (n) => '['.repeat(n) + 'a',
  (n) => '`'.repeat(n) + 'a',
  (n) => '<'.repeat(n) + 'a',
  (n) => '&#'.repeat(n),
  (n) => '&amp'.repeat(n),
  (n) => '<!--'.repeat(n),
  (n) => '一、'.repeat(n) + '\n' + '（一）'.repeat(n),
  (n) => Array.from({ length: n }, (_, i) => `${i}`).join(''),
  (n) => 'a1'.repeat(n),
  (n) => '万元'.repeat(n),
  (n) => '收费'.repeat(n),
  (n) => '维持'.repeat(n) + '纠正',
  (n) => '日'.repeat(n) + '2024年',
  (n) => 'http://'.repeat(n),
  (n) => 'www.'.repeat(n) + 'com',
  (n) => '\r'.repeat(n) + '\n',
  (n) => '\u00a0'.repeat(n),
  (n) => '\u200b'.repeat(n),
  (n) => '\ufffd'.repeat(n),
];

export function regexRun(rng: Rng, maxLength: number): string {
  const n = rng.int(1000, maxLength);
  return RUNS[rng.int(0, RUNS.length - 1)](n).slice(0, Math.max(n, 1000) * 4);
}

/** The text with a hostile run put in it: replacing a line, in the middle of one, or many times. */
export function withRuns(rng: Rng, base: string): string {
  const lines = base.split('\n');
  const times = rng.chance(0.2) ? rng.int(2, 200) : 1;
  for (let t = 0; t < times; t++) {
    const run = regexRun(rng, times > 1 ? 20_000 : 500_000);
    const at = rng.int(0, lines.length - 1);
    const line = lines[at];
    const cut = rng.int(0, line.length);
    lines[at] = rng.chance(0.3) ? run : line.slice(0, cut) + run + line.slice(cut);
  }
  return lines.join('\n');
}

export function deepMarkdown(rng: Rng): string {
  const n = rng.int(500, 200_000);
  const unit = rng.pick(['> ', '- ', '* ', '1. ', '>', '  - ', '**', '[', '![', '> - ', '<div>']);
  if (unit === '  - ') return Array.from({ length: Math.min(n, 2_000) }, (_, i) => '  '.repeat(i % 400) + '- 一、总体情况').join('\n');
  return unit.repeat(n) + '一、总体情况 1件';
}

export function deepHtml(rng: Rng): string {
  const n = rng.int(500, 300_000);
  const [open, close] = rng.pick([
    ['<div>', '</div>'],
    ['<table><tr><td>', '</td></tr></table>'],
    ['<ul><li>', '</li></ul>'],
    ['<b><i>', '</i></b>'],
    ['<span>', ''],
    ['<p>', ''],
    ['<blockquote>', '</blockquote>'],
    ['<table><tbody><tr><th colspan="2">', ''],
  ]);
  return `<html><body>${open.repeat(n)}一、总体情况 1件${rng.chance(0.5) ? close.repeat(n) : ''}</body></html>`;
}

/** A table of rows × cols cells, as HTML, Markdown pipes or tab-separated text; spans may be huge. */
export function wideTable(rng: Rng): { text: string; ext: string } {
  const rows = rng.int(1, rng.chance(0.5) ? 3000 : 30);
  const cols = rng.int(1, Math.max(1, Math.floor(rng.int(2, 2_000_000) / rows)));
  const kind = rng.pick(['html', 'md', 'txt']);
  const cell = (r: number, c: number) => (rng.chance(0.7) ? String((r * 31 + c) % 1000) : rng.pick(['申请人数', '本年新收政府信息公开申请数量', '其中', '', '—', '件']));
  if (kind === 'html') {
    const span = () =>
      rng.chance(0.05) ? ` ${rng.pick(['colspan', 'rowspan'])}="${rng.pick(['2147483647', '4294967295', '99999999', '1000', '-1', '0', 'x', '1e9'])}"` : '';
    const body = Array.from({ length: rows }, (_, r) => `<tr>${Array.from({ length: cols }, (_, c) => `<td${span()}>${cell(r, c)}</td>`).join('')}</tr>`).join('\n');
    return { text: `<html><body><p>二、主动公开政府信息情况</p><table>${body}</table></body></html>`, ext: 'html' };
  }
  const sep = kind === 'md' ? ' | ' : '\t';
  const line = (r: number) => Array.from({ length: cols }, (_, c) => cell(r, c)).join(sep);
  const lines = Array.from({ length: rows }, (_, r) => (kind === 'md' ? `| ${line(r)} |` : line(r)));
  if (kind === 'md') lines.splice(1, 0, `|${' --- |'.repeat(cols)}`);
  return { text: `二、主动公开政府信息情况\n${lines.join('\n')}\n`, ext: kind };
}

/** One line of many megabytes: the report without its line breaks, or one sentence repeated. */
export function longLine(rng: Rng, base: string): string {
  const size = rng.int(1_000_000, 10_000_000);
  const unit = rng.chance(0.5) ? base.replace(/\s+/g, rng.pick(['', ' ', '\u3000'])) : rng.pick(['本机关共收到申请1件，', '一、', '1', '公开', 'ab ']);
  return unit.repeat(Math.ceil(size / Math.max(1, unit.length))).slice(0, size);
}

export const encode = (s: string) => enc.encode(s);
export const decode = (b: Uint8Array) => dec.decode(b);
