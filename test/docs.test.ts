/**
 * The rule docs cannot drift from the rules: every docs/rules/<id>.md has a failing and a passing
 * example, and each example is linted here with only its rule on. An example is a fenced block
 *
 *   ```text example                       (attributes: file="x.html", template="2021", lang="en",
 *   …the report, or the part of it…         options='{"townshipDeadline":"02-20"}')
 *   ```
 *
 * followed by a ```findings block listing, one per line, `line:column message` exactly as the
 * linter prints them (`-` for a finding with no line), and under a grouped finding each place it
 * covers as `  ↳ line:column text`. An empty findings block: a passing example.
 */
import { describe, it, expect } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rules } from '../rules/index.js';
import { lintBytes } from '../src/engine/lint.js';
import type { RuleSettings } from '../src/engine/config.js';
import type { Lang, TemplateVersion } from '../src/types.js';
import { root } from './helpers/fixtures.js';

export interface DocExample {
  attrs: Record<string, string>;
  input: string;
  findings: string[];
  /** line in the .md where the example starts, for the test name */
  at: number;
}

/** The examples of one rule doc, in order. */
export function examplesOf(markdown: string): DocExample[] {
  const out: DocExample[] = [];
  const re = /^```text example([^\n]*)\n([\s\S]*?)^```\s*\n\s*(?:[^\n`]*\n\s*)?^```findings\n([\s\S]*?)^```/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(markdown))) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/(\w+)=(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]] = a[2] ?? a[3];
    out.push({
      attrs,
      input: m[2],
      findings: m[3].split('\n').filter((l) => l.trim()),
      at: markdown.slice(0, m.index).split('\n').length,
    });
  }
  return out;
}

async function run(id: string, ex: DocExample): Promise<string[]> {
  const settings: RuleSettings = Object.fromEntries(rules.map((r) => [r.meta.id, 'off']));
  const rule = rules.find((r) => r.meta.id === id)!;
  const level = rule.meta.severity;
  settings[id] = ex.attrs.options ? [level, JSON.parse(ex.attrs.options)] : level;
  const r = await lintBytes(Buffer.from(ex.input, 'utf8'), {
    filePath: ex.attrs.file ?? 'example.txt',
    rules: settings,
    lang: (ex.attrs.lang as Lang) ?? 'zh',
    template: ex.attrs.template as TemplateVersion | undefined,
  });
  expect(r.fatal).toBe(false);
  const at = (x: { line: number | null; column: number | null }) => (x.line === null ? '-' : `${x.line}:${x.column}`);
  return r.messages.flatMap((x) => [`${at(x)} ${x.message}`, ...(x.related ?? []).map((p) => `  ↳ ${at(p)} ${p.message}`)]);
}

describe.each(rules.map((r) => [r.meta.id] as const))('docs/rules/%s.md', (id) => {
  const file = path.join(root, 'docs', 'rules', `${id}.md`);
  const md = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const examples = examplesOf(md);

  it('has a failing and a passing example, and says why the rule exists and how to configure it', () => {
    expect(examples.some((e) => e.findings.length > 0)).toBe(true);
    expect(examples.some((e) => e.findings.length === 0)).toBe(true);
    expect(md).toMatch(/^## What it checks, and why$/m);
    expect(md).toMatch(/^## Options$/m);
    expect(md).toMatch(/^## Examples$/m);
  });

  it.each(examples.map((e) => [`example at line ${e.at}`, e] as const))('%s gives exactly the findings listed under it', async (_name, ex) => {
    expect(await run(id, ex)).toEqual(ex.findings);
  });
});
