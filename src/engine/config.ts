/**
 * Configuration, as data: presets, per-rule levels and options, checked against each rule's
 * JSON schema. Finding and reading config files is the CLI's job (src/cli/config.ts); the core
 * only takes the layers it was given, so it runs in a browser too.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { Lang, Level, TemplateVersion } from '../types.js';
import type { Rule } from './rule.js';
import { rules as builtIn } from '../../rules/index.js';

export type RuleSetting = Level | [Level, Record<string, unknown>?];
export type RuleSettings = Record<string, RuleSetting>;

/** What a config file holds (.reportlintrc.json / .yaml, reportlint.config.js, package.json "reportlint"). */
export interface Config {
  extends?: string | string[];
  rules?: RuleSettings;
  /** packages or files exporting rules (loaded by the CLI) */
  plugins?: string[];
  /** force the format instead of taking it from the reporting year */
  template?: TemplateVersion;
  lang?: Lang;
  /** files not to check, gitignore-style, relative to the config file */
  ignorePatterns?: string[];
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const recommended = (): RuleSettings => Object.fromEntries(builtIn.map((r) => [r.meta.id, r.meta.severity]));

/** Presets named in `extends`. The format presets force the format for drafts with no year. */
export const presets: Record<string, Config> = {
  'reportlint:recommended': { rules: recommended() },
  'reportlint:format-2019': { extends: 'reportlint:recommended', template: '2019' },
  'reportlint:format-2021': { extends: 'reportlint:recommended', template: '2021' },
};

const LEVELS: Level[] = ['off', 'info', 'warn', 'error'];
const KEYS = new Set(['extends', 'rules', 'plugins', 'template', 'lang', 'ignorePatterns', '$schema']);

export interface ResolvedRule {
  level: Exclude<Level, 'off'>;
  options?: Record<string, unknown>;
}

// made on the first rule options to check: most runs set none, and making one costs start-up time
let ajv: Ajv | undefined;
const validators = new WeakMap<object, ValidateFunction>();

/** Check one config layer; `source` names it in messages ("… .reportlintrc.json: rules.table-shape: …"). */
export function checkConfig(config: unknown, source: string, ruleList: Rule[] = builtIn): Config {
  const fail = (key: string, why: string): never => {
    throw new ConfigError(`${source}: ${key}: ${why}`);
  };
  if (typeof config !== 'object' || config === null || Array.isArray(config)) fail('(top)', 'a config is an object');
  const c = config as Record<string, unknown>;
  for (const k of Object.keys(c)) if (!KEYS.has(k)) fail(k, `unknown key (known: ${[...KEYS].filter((x) => x !== '$schema').join(', ')})`);
  if (c.template !== undefined && c.template !== '2019' && c.template !== '2021') fail('template', "must be '2019' or '2021'");
  if (c.lang !== undefined && c.lang !== 'zh' && c.lang !== 'en') fail('lang', "must be 'zh' or 'en'");
  for (const k of ['plugins', 'ignorePatterns'] as const)
    if (c[k] !== undefined && !(Array.isArray(c[k]) && (c[k] as unknown[]).every((x) => typeof x === 'string'))) fail(k, 'must be a list of strings');
  const ext = c.extends;
  if (ext !== undefined && typeof ext !== 'string' && !(Array.isArray(ext) && ext.every((x) => typeof x === 'string'))) fail('extends', 'must be a name or a list of names');
  for (const name of [ext ?? []].flat() as string[])
    if (name.startsWith('reportlint:') && !presets[name]) fail('extends', `unknown preset '${name}' (known: ${Object.keys(presets).join(', ')})`);
  if (c.rules !== undefined) {
    if (typeof c.rules !== 'object' || c.rules === null || Array.isArray(c.rules)) fail('rules', 'must be an object of rule ids');
    for (const [id, setting] of Object.entries(c.rules as Record<string, unknown>)) checkSetting(id, setting, `rules.${id}`, ruleList, fail);
  }
  return c as Config;
}

function checkSetting(id: string, setting: unknown, key: string, ruleList: Rule[], fail: (k: string, why: string) => never): void {
  const rule = ruleList.find((r) => r.meta.id === id);
  if (!rule) fail(key, 'unknown rule');
  const [level, options] = Array.isArray(setting) ? setting : [setting, undefined];
  if (!LEVELS.includes(level as Level)) fail(Array.isArray(setting) ? `${key}[0]` : key, `level must be one of ${LEVELS.join(', ')}, not ${JSON.stringify(level)}`);
  if (options === undefined) return;
  const schema = rule!.meta.schema;
  if (!schema) fail(`${key}[1]`, 'this rule takes no options');
  let validate = validators.get(schema!);
  if (!validate) {
    validate = (ajv ??= new Ajv({ allErrors: true, strict: false })).compile(schema!);
    validators.set(schema!, validate);
  }
  if (!validate(options)) {
    const e = validate.errors![0];
    const where = e.instancePath ? e.instancePath.replace(/^\//, '').replace(/\//g, '.') : (e.params as { additionalProperty?: string }).additionalProperty ?? '';
    fail(`${key}[1]${where ? `.${where}` : ''}`, e.message ?? 'invalid option');
  }
}

/**
 * Flatten layers (the nearest config last) into rule settings, the forced format and the
 * language. Presets are expanded here; a layer whose `extends` names a file was expanded by
 * the caller, who passes the loaded layers in order.
 */
export function flattenConfig(layers: Config[]): { rules: RuleSettings; template?: TemplateVersion; lang?: Lang; plugins: string[] } {
  const out: { rules: RuleSettings; template?: TemplateVersion; lang?: Lang; plugins: string[] } = { rules: {}, plugins: [] };
  const apply = (c: Config, seen: string[]) => {
    for (const name of [c.extends ?? []].flat()) {
      const preset = presets[name];
      if (!preset) {
        if (name.startsWith('reportlint:')) throw new ConfigError(`extends: unknown preset '${name}' (known: ${Object.keys(presets).join(', ')})`);
        continue; // a file: the caller loaded it as an earlier layer
      }
      if (!seen.includes(name)) apply(preset, [...seen, name]);
    }
    for (const [id, s] of Object.entries(c.rules ?? {})) {
      // [level] keeps the options set by an earlier layer, as ESLint does
      const prev = out.rules[id];
      out.rules[id] = Array.isArray(s) && s.length === 1 && Array.isArray(prev) ? [s[0], prev[1]] : s;
    }
    if (c.template) out.template = c.template;
    if (c.lang) out.lang = c.lang;
    out.plugins.push(...(c.plugins ?? []));
  };
  for (const c of layers) apply(c, []);
  return out;
}

/** The recommended preset with the user's settings on top. Unknown ids, levels and options are errors. */
export function resolveRules(settings: RuleSettings = {}, preset = 'reportlint:recommended', ruleList: Rule[] = builtIn): Map<string, ResolvedRule> {
  if (!presets[preset]) throw new ConfigError(`unknown preset '${preset}'`);
  const base = flattenConfig([presets[preset]]).rules;
  // rules from plugins are on at their own default level unless configured
  for (const r of ruleList) if (!(r.meta.id in base)) base[r.meta.id] = r.meta.severity;
  const out = new Map<string, ResolvedRule>();
  const fail = (key: string, why: string): never => {
    throw new ConfigError(`${key}: ${why}`);
  };
  const apply = (id: string, s: RuleSetting) => {
    checkSetting(id, s, `rule '${id}'`, ruleList, fail);
    const [level, options] = Array.isArray(s) ? s : [s, undefined];
    if (level === 'off') out.delete(id);
    else out.set(id, { level, options: options ?? out.get(id)?.options });
  };
  for (const [id, s] of Object.entries(base)) apply(id, s);
  for (const [id, s] of Object.entries(settings)) apply(id, s);
  return out;
}

/** `--rule blank-cells:off` → ['blank-cells', 'off'] */
export function parseRuleFlag(flag: string): [string, Level] {
  const m = /^([a-z0-9@/_-]+):(off|info|warn|error)$/.exec(flag.trim());
  if (!m) throw new ConfigError(`--rule expects id:off|info|warn|error, got '${flag}'`);
  return [m[1], m[2] as Level];
}
