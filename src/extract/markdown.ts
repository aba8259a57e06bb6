/**
 * Markdown drafts → mdast with remark-parse (positions are remark's own) and remark-gfm, so a
 * pipe table is a table — header row, delimiter row and all — not lines of bars and dashes.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root, RootContent } from 'mdast';

export function markdownToMdast(text: string): Root {
  const processor = unified().use(remarkParse).use(remarkGfm);
  const tree = processor.runSync(processor.parse(text)) as Root;
  restorePositions(tree, text);
  return tree;
}

/**
 * remark-gfm finds literal autolinks (www.example.gov.cn) after parsing, by splitting text nodes,
 * and the pieces it makes have no position: a paragraph with a web address in it lost the place of
 * all its text, and its findings their line. A piece gets back the place where the source holds its
 * text verbatim, right after the sibling before it or right before the sibling after it; one that
 * differs there (an escape, an entity) stays without.
 */
function restorePositions(tree: Root, text: string): void {
  const lines = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lines.push(i + 1);
  const point = (offset: number) => {
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lines[lo] + 1, offset };
  };
  const stack: Array<Root | RootContent> = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!('children' in node)) continue;
    const kids = node.children as RootContent[];
    for (const k of kids) stack.push(k);
    if (!kids.some((k) => !k.position && k.type === 'text')) continue;
    const set = (k: RootContent & { value: string }, start: number) => {
      k.position = { start: point(start), end: point(start + k.value.length) };
    };
    // forward from the sibling before (or the paragraph's start), then back from the sibling after
    let cursor = node.type === 'paragraph' ? node.position?.start.offset : undefined;
    for (const k of kids) {
      if (k.position) cursor = k.position.end.offset;
      else if (k.type === 'text' && cursor !== undefined && text.startsWith(k.value, cursor)) {
        set(k, cursor);
        cursor += k.value.length;
      } else cursor = undefined;
    }
    let end = node.type === 'paragraph' ? node.position?.end.offset : undefined;
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i];
      if (k.position) end = k.position.start.offset;
      else if (k.type === 'text' && end !== undefined && text.slice(end - k.value.length, end) === k.value) {
        set(k, end - k.value.length);
        end -= k.value.length;
      } else end = undefined;
    }
  }
}
