/**
 * Traditional → simplified (opencc-js, its t2s preset), skipped for a text in which no
 * dictionary entry can start: most reports are simplified throughout, and opencc walks its
 * trie from every character (three quarters of the normalisation time of a text report).
 * The characters an entry changes are read once from the preset's own dictionaries: a text
 * holding none of them comes out of every entry that matches it as it went in.
 */
import * as OpenCC from 'opencc-js';

let converter: ((s: string) => string) | null = null;
let changes: Changes | null | undefined;

export function toSimplified(s: string): string {
  if (changes === undefined) changes = changedCharacters();
  if (changes && !mayChange(changes, s)) return s;
  const convert = (converter ??= OpenCC.Converter({ from: 't', to: 'cn' }));
  return convert(s);
}

type Dict = string | ReadonlyArray<readonly [string, string]>;
/**
 * Every character an entry of the t2s dictionaries changes (where key and value
 * differ; the whole key when their lengths differ); null if the preset is not laid out as
 * expected (then every text is converted).
 */
function changedCharacters(): Changes | null {
  const config = (OpenCC.Locale?.configs as Record<string, { normalizationChain?: Dict[][]; conversionChain?: Dict[][] }> | undefined)?.t2s;
  const groups = [...(config?.normalizationChain ?? []), ...(config?.conversionChain ?? [])];
  if (!config?.conversionChain || groups.length === 0) return null;
  const changed = new Set<number>();
  const add = (key: string, values: string[]) => {
    const k = [...key];
    for (const value of values) {
      const v = [...value];
      k.forEach((ch, i) => {
        if (k.length !== v.length || ch !== v[i]) changed.add(ch.codePointAt(0)!);
      });
    }
  };
  for (const group of groups)
    for (const dict of group) {
      if (typeof dict === 'string') {
        for (const entry of dict.split('|')) {
          const [key, ...values] = entry.split(' ');
          if (key) add(key, values.length ? values : ['']);
        }
      } else if (Array.isArray(dict)) for (const [key, value] of dict) add(key, [value]);
      else return null;
    }
  const bmp = new Uint8Array(0x10000);
  const astral = new Set<number>();
  for (const c of changed) {
    if (c < 0x10000) bmp[c] = 1;
    else astral.add(c);
  }
  return { bmp, astral };
}

/** the characters as a table of the basic plane (a lookup per UTF-16 unit) and a set of the rest */
interface Changes {
  bmp: Uint8Array;
  astral: Set<number>;
}

function mayChange(c: Changes, s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const cp = s.codePointAt(i)!;
      if (c.astral.has(cp)) return true;
      i++;
    } else if (c.bmp[u]) return true;
  }
  return false;
}
