/**
 * Plain or pasted text → mdast: one paragraph per non-empty line, positions exact.
 * Lines are kept whole (tabs and ` |` cell ends included): flattened tables are read
 * later by the model, which knows the template's labels; markdown parsing would mangle them
 * (a line starting with a tab is an indented code block to markdown).
 */
import type { Root, Paragraph } from 'mdast';

export function textToMdast(text: string): Root {
  const children: Paragraph[] = [];
  let offset = 0;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // a comment line (<!-- reportlint-disable … -->) is for the linter, not part of the report
    if (line.trim() !== '' && !/^\s*<!--[\s\S]*-->\s*$/.test(line)) {
      const start = { line: i + 1, column: 1, offset };
      const end = { line: i + 1, column: line.length + 1, offset: offset + line.length };
      children.push({
        type: 'paragraph',
        children: [{ type: 'text', value: line, position: { start, end } }],
        position: { start, end },
      });
    }
    offset += raw.length + 1;
  });
  const last = lines.length;
  return {
    type: 'root',
    children,
    position: { start: { line: 1, column: 1, offset: 0 }, end: { line: last, column: 1, offset: text.length } },
  };
}
