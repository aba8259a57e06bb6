/**
 * Text that remembers where each character came from, so that positions found in
 * normalised text can be mapped back to the original file.
 */
export interface MappedText {
  text: string;
  /** map[i] = offset in the original string of text[i]; map[text.length] = original length. */
  map: number[];
}

export function mapped(text: string): MappedText {
  const map = new Array<number>(text.length + 1);
  for (let i = 0; i <= text.length; i++) map[i] = i;
  return { text, map };
}

/**
 * Replace every match of `re` (global) by `replacement(match)`; the characters of the
 * replacement inherit the original offset of the matched text (spread 1:1 when lengths agree).
 */
export function replaceMapped(
  src: MappedText,
  re: RegExp,
  replacement: (m: RegExpExecArray) => string,
  onChange?: (m: RegExpExecArray, replaced: string) => void,
): MappedText {
  if (!re.global) throw new Error('replaceMapped needs a global RegExp');
  re.lastIndex = 0;
  let m = re.exec(src.text);
  // most stages find nothing in most texts: the text and its map are kept, not copied
  if (!m) return src;
  const parts: string[] = [];
  const map: number[] = [];
  let last = 0;
  let changed = false;
  for (; m; m = re.exec(src.text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const start = m.index;
    const rep = replacement(m);
    if (rep === m[0]) continue;
    changed = true;
    onChange?.(m, rep);
    if (start > last) parts.push(src.text.slice(last, start));
    for (let i = last; i < start; i++) map.push(src.map[i]);
    parts.push(rep);
    // same length: keep 1:1; otherwise point at the start of the match (or the char at j, if any)
    for (let j = 0; j < rep.length; j++) map.push(src.map[start + Math.min(j, m[0].length - 1)]);
    last = start + m[0].length;
  }
  if (!changed) return src;
  parts.push(src.text.slice(last));
  for (let i = last; i <= src.text.length; i++) map.push(src.map[i]);
  return { text: parts.join(''), map };
}

/** Apply a per-character conversion that keeps length (e.g. traditional → simplified). */
export function convertSameLength(src: MappedText, convert: (s: string) => string): { result: MappedText; changed: number } {
  const out = convert(src.text);
  if (out.length === src.text.length) {
    let changed = 0;
    for (let i = 0; i < out.length; i++) if (out[i] !== src.text[i]) changed++;
    return { result: { text: out, map: src.map }, changed };
  }
  // A phrase conversion changed the length: fall back to converting character by character.
  let text = '';
  let changed = 0;
  for (const ch of src.text) {
    const c = convert(ch);
    const one = c.length === ch.length ? c : ch;
    if (one !== ch) changed++;
    text += one;
  }
  return { result: { text, map: src.map }, changed };
}
