/**
 * `check --print-config <file>`: the configuration that applies to that file, as ESLint prints it —
 * after the presets, the config files found (or `--config`) and the command line's `--rule`,
 * `--template` and `--lang`. Every rule is listed, `"off"` included; a rule with options shows
 * the options it runs with (its defaults under what the config sets).
 */
import { resolveRules, type RuleSetting, type RuleSettings } from '../engine/config.js';
import { rules as builtIn } from '../../rules/index.js';
import type { FileConfig } from './config.js';
import type { Lang, TemplateVersion } from '../types.js';

export interface PrintedConfig {
  filePath: string;
  configFile: string | null;
  ignored: boolean;
  lang: Lang;
  /** null: chosen from the reporting year */
  template: TemplateVersion | null;
  plugins: string[];
  ignorePatterns: string[];
  rules: Record<string, RuleSetting>;
}

export function printConfig(filePath: string, config: FileConfig, flags: { rules: RuleSettings; lang?: Lang; template?: TemplateVersion }, ignored: boolean): PrintedConfig {
  const ruleList = [...builtIn, ...config.plugins];
  const resolved = resolveRules({ ...config.rules, ...flags.rules }, undefined, ruleList);
  const rules: Record<string, RuleSetting> = {};
  for (const r of ruleList) {
    const s = resolved.get(r.meta.id);
    if (!s) rules[r.meta.id] = 'off';
    else if (r.meta.defaultOptions || s.options) rules[r.meta.id] = [s.level, { ...(r.meta.defaultOptions ?? {}), ...(s.options ?? {}) }];
    else rules[r.meta.id] = s.level;
  }
  return {
    filePath,
    configFile: config.source,
    ignored,
    lang: flags.lang ?? config.lang ?? 'zh',
    template: flags.template ?? config.template ?? null,
    plugins: config.plugins.map((p) => p.meta.id),
    ignorePatterns: config.ignore.patterns,
    rules,
  };
}
