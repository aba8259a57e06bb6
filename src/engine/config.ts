/** Rule settings: presets, per-rule levels and options, and the `--rule id:level` flag. */
import type { Level } from '../types.js';
import { rules } from '../../rules/index.js';

export type RuleSetting = Level | [Level, Record<string, unknown>?];
export type RuleSettings = Record<string, RuleSetting>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const presets: Record<string, RuleSettings> = {
  'reportlint:recommended': Object.fromEntries(rules.map((r) => [r.meta.id, r.meta.severity])),
};

const LEVELS: Level[] = ['off', 'info', 'warn', 'error'];

export interface ResolvedRule {
  level: Exclude<Level, 'off'>;
  options?: Record<string, unknown>;
}

/** The recommended preset with the user's settings on top. Unknown ids and levels are errors. */
export function resolveRules(settings: RuleSettings = {}, preset = 'reportlint:recommended'): Map<string, ResolvedRule> {
  const base = presets[preset];
  if (!base) throw new ConfigError(`unknown preset '${preset}'`);
  const known = new Set(rules.map((r) => r.meta.id));
  const out = new Map<string, ResolvedRule>();
  const apply = (id: string, s: RuleSetting) => {
    if (!known.has(id)) throw new ConfigError(`unknown rule '${id}'`);
    const [level, options] = Array.isArray(s) ? s : [s, undefined];
    if (!LEVELS.includes(level)) throw new ConfigError(`rule '${id}': level must be one of ${LEVELS.join(', ')}, not '${String(level)}'`);
    if (level === 'off') out.delete(id);
    else out.set(id, { level, options: options ?? out.get(id)?.options });
  };
  for (const [id, s] of Object.entries(base)) apply(id, s);
  for (const [id, s] of Object.entries(settings)) apply(id, s);
  return out;
}

/** `--rule blank-cells:off` → ['blank-cells', 'off'] */
export function parseRuleFlag(flag: string): [string, Level] {
  const m = /^([a-z0-9-]+):(off|info|warn|error)$/.exec(flag.trim());
  if (!m) throw new ConfigError(`--rule expects id:off|info|warn|error, got '${flag}'`);
  return [m[1], m[2] as Level];
}
