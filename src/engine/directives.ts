/**
 * Inline control for drafts written as text, Markdown or HTML (DOCX and PDF cannot carry
 * comments: they use a baseline):
 *
 *   <!-- reportlint-disable table-shape -- 本单位按省里的表样填报 -->   off from here (all rules without ids)
 *   <!-- reportlint-enable table-shape -->                               on again
 *   <!-- reportlint-disable-next-line narrative-sum -- reason -->        only the next line
 *
 * A finding a directive turns off is not dropped: it is kept as suppressed, with the reason.
 */
export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line';
  /** rule ids; empty means every rule */
  rules: string[];
  reason?: string;
  line: number;
}

const COMMENT = /<!--\s*reportlint-(disable-next-line|disable|enable)\b([\s\S]*?)-->/g;

export function findDirectives(text: string): Directive[] {
  const out: Directive[] = [];
  COMMENT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = COMMENT.exec(text))) {
    const [body, reason] = m[2].split(/\s--\s?/, 2);
    const line = text.slice(0, m.index).split('\n').length;
    const endLine = line + (m[0].match(/\n/g)?.length ?? 0);
    out.push({
      kind: m[1] as Directive['kind'],
      rules: body.split(/[\s,]+/).filter(Boolean),
      ...(reason?.trim() ? { reason: reason.trim() } : {}),
      line: m[1] === 'disable-next-line' ? endLine : line,
    });
  }
  return out;
}

/** The directive that turns `ruleId` off at `line` (null: a finding without a line, judged at the end). */
export function suppressedBy(directives: Directive[], ruleId: string, line: number | null): Directive | null {
  const applies = (d: Directive) => d.rules.length === 0 || d.rules.includes(ruleId);
  let active: Directive | null = null;
  for (const d of directives) {
    if (!applies(d)) continue;
    if (d.kind === 'disable-next-line') {
      if (line !== null && line === d.line + 1) return d;
      continue;
    }
    if (line !== null && d.line > line) break;
    active = d.kind === 'disable' ? d : null;
  }
  return active;
}
