/** Markdown drafts → mdast with remark-parse (positions are remark's own). */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root } from 'mdast';

export function markdownToMdast(text: string): Root {
  return unified().use(remarkParse).parse(text) as Root;
}
