/**
 * `reportlint rules`: every rule that applies here — the pack's and those of the plugins the
 * config in the current folder (or `--config`) loads — with its id, default level, the format
 * versions (2019 试行 / 2021) it checks, whether `--fix` can correct it, and what it checks in
 * Chinese and English. `--format json` for tools.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import path from 'node:path';
import type { RuleMeta } from '../engine/rule.js';
import { rules as builtIn } from '../../rules/index.js';
import { configResolver } from './config.js';
import type { Lang } from '../types.js';

const LEVEL = { zh: { error: '错误', warn: '警告', info: '提示' }, en: { error: 'error', warn: 'warning', info: 'info' } } as const;

export function rulesJson(metas: RuleMeta[]) {
  return metas.map((m) => ({ id: m.id, level: m.severity, templates: m.templates, type: m.type, kind: m.kind, fixable: m.fixable === true, description: m.description, docs: m.docs, ...(m.schema ? { options: m.schema } : {}) }));
}

export function rulesText(metas: RuleMeta[], lang: Lang): string {
  const zh = lang === 'zh';
  const width = Math.max(...metas.map((m) => m.id.length));
  const out = [zh ? `共 ${metas.length} 条规则（级别为默认级别；格式指适用的年报格式版本）` : `${metas.length} rules (the level is the default; formats are the report format versions each checks)`, ''];
  for (const m of metas) {
    const formats = m.templates.map((t) => (zh ? `${t}格式` : t)).join(zh ? '、' : ', ');
    const fix = m.fixable ? (zh ? '  可自动修正' : '  fixable') : '';
    out.push(`${m.id.padEnd(width)}  ${LEVEL[lang][m.severity]}  ${formats}${fix}`);
    const [first, second] = zh ? [m.description.zh, m.description.en] : [m.description.en, m.description.zh];
    out.push(`${' '.repeat(width + 2)}${first}`, `${' '.repeat(width + 2)}${second}`);
  }
  return out.join('\n') + '\n';
}

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('列出全部规则 / list every rule')
    .addOption(new Option('-f, --format <format>', '输出格式 / output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', '说明语言 / language').choices(['zh', 'en']))
    .option('-c, --config <file>', '列入此配置文件的插件规则 / include the rules of this config file’s plugins')
    .action(async (o: { format: 'text' | 'json'; lang?: Lang; config?: string }) => {
      // the config for a file in the current folder (the resolver looks from a file's folder up)
      const config = await configResolver(o.config)(path.join(process.cwd(), 'report'));
      const metas = [...builtIn, ...config.plugins].map((r) => r.meta);
      process.stdout.write(o.format === 'json' ? JSON.stringify(rulesJson(metas), null, 2) + '\n' : rulesText(metas, o.lang ?? config.lang ?? 'zh'));
    });
}
