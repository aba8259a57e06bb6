/**
 * Markdown drafts → mdast with remark-parse (positions are remark's own) and remark-gfm, so a
 * pipe table is a table — header row, delimiter row and all — not lines of bars and dashes.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';

export function markdownToMdast(text: string): Root {
  const processor = unified().use(remarkParse).use(remarkGfm);
  return processor.runSync(processor.parse(text)) as Root;
}
