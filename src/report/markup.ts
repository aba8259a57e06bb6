/**
 * Safe markup for the HTML reporters: one escape for text and attribute values alike (attributes
 * are always double-quoted), and a tagged template that escapes every value put into it unless it
 * is markup built here. Report text is never trusted: a page in a report can hold <script>.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Markup built by the `html` tag: the only thing it inserts without escaping. */
export class Html {
  constructor(readonly value: string) {}
}

export type Part = Html | string | number | null | undefined | false | readonly Part[];

function partToString(p: Part): string {
  if (p === null || p === undefined || p === false) return '';
  if (p instanceof Html) return p.value;
  if (Array.isArray(p)) return p.map(partToString).join('');
  return escapeHtml(String(p));
}

/** Tagged template: the literal parts are ours, every interpolation is escaped unless it is Html. */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0];
  parts.forEach((p, i) => (out += partToString(p) + strings[i + 1]));
  return new Html(out);
}
