/**
 * The format's own words — every row label, column header, banner and group label of both
 * templates — for reading a scanned table: a label cell that OCR read one or two characters off
 * (「法人或其他组识」) is the label it is nearest to, when it is near one label and no other. Only
 * words are matched this way, never figures; a cell near no label, or as near two, keeps what
 * was read, and a label that really is reworded (「科研单位」 for 科研机构) stays far enough to be
 * reported.
 */
import { templateTables } from '../../format/template.js';
import { labelKey } from '../../util/cjk.js';

interface Word {
  text: string;
  key: string;
  chars: string[];
}

let lexicon: Word[] | null = null;

function words(): Word[] {
  if (lexicon) return lexicon;
  const seen = new Map<string, string>();
  const add = (s: string | undefined) => {
    if (!s) return;
    const key = labelKey(s);
    if (key.length >= 2 && !seen.has(key)) seen.set(key, s);
  };
  for (const version of ['2019', '2021'] as const)
    for (const t of templateTables(version)) {
      t.groups.forEach(add);
      t.headers.forEach(add);
      for (const r of t.rows) {
        add(r.label);
        r.path.forEach(add);
        r.match.forEach(add);
        r.former?.forEach(add);
        for (const c of r.columns) c.path.forEach(add);
      }
    }
  return (lexicon = [...seen].map(([key, text]) => ({ text, key, chars: [...key] })));
}

/** Edits allowed for a label of n characters: none for the shortest, then one in six. */
const allowed = (n: number) => (n < 4 ? 0 : Math.max(1, Math.floor(n / 6)));

/**
 * The format's label a cell's reading stands for (`label`), or none when it is no label or already
 * exact; `ambiguous` when it is as near two labels (「第二十条第()项」: (一), (五), (六)… each one
 * edit away): no label is chosen, and the reading is unsure — it is a misread, not a reworded label.
 */
export function labelReading(read: string): { label: string | null; ambiguous: boolean } {
  const key = labelKey(read);
  const chars = [...key];
  if (chars.length < 4 || chars.length > 60 || !/[\u4e00-\u9fff]{2}/.test(key)) return { label: null, ambiguous: false };
  let bestD = Infinity;
  const near: Word[] = [];
  for (const w of words()) {
    const max = allowed(w.chars.length);
    if (Math.abs(w.chars.length - chars.length) > max) continue;
    const d = distance(chars, w.chars, max);
    if (d > max) continue;
    if (d < bestD) {
      bestD = d;
      near.length = 0;
    }
    if (d === bestD) near.push(w);
  }
  if (near.length === 0 || bestD === 0) return { label: null, ambiguous: false };
  if (near.length > 1) return { label: null, ambiguous: true };
  return { label: near[0].text, ambiguous: false };
}

/** Levenshtein distance, given up (Infinity) past `max`. */
function distance(a: string[], b: string[], max: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let low = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      low = Math.min(low, cur[j]);
    }
    if (low > max) return Infinity;
    prev = cur;
  }
  return prev[b.length];
}
