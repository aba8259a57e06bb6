/**
 * The fixer of a Word draft: a rule's correction is first resolved against mammoth's HTML exactly
 * as an HTML page's is (the HTML must hold what the rule read, engine/fix.ts), then placed in
 * word/document.xml's runs (place.ts), and applied to the package's bytes (rewrite.ts).
 */
import type { Root as HastRoot } from 'hast';
import type { Fix, Fixer, SourceLocation, WordEdit } from '../../types.js';
import { resolveSpans, sourceText } from '../../engine/fix.js';
import { makePlacer } from './place.js';
import { rewriteDocx } from './rewrite.js';

export function docxFixer(bytes: Uint8Array, html: string, hast: HastRoot, documentXml: string, labels: () => Map<number, string>, locate: (offset: number) => SourceLocation): Fixer {
  let placer: ReturnType<typeof makePlacer> | undefined;
  const src = sourceText(html, true);
  return {
    resolve(fix) {
      const spans = resolveSpans(src, fix.edits);
      if (!spans) return { refused: 'not-placed' };
      placer ??= makePlacer(hast, html, documentXml, labels(), locate);
      const word: WordEdit[] = [];
      for (const s of spans) {
        const placed = placer.place(s);
        if (typeof placed === 'string') return { refused: placed };
        word.push(placed);
      }
      return { title: fix.title, edits: [], word } satisfies Fix;
    },
    apply: async (fixes) => rewriteDocx(bytes, fixes.flatMap((f) => f.word ?? [])),
  };
}
