/**
 * Config files, found upward from each checked file (the nearest one wins, as in ESLint's
 * flat lookup): .reportlintrc.json, .reportlintrc.yaml/.yml, reportlint.config.js/.mjs, or a
 * `reportlint` field in package.json — or the one named by `--config`. `extends` may name a
 * preset (reportlint:recommended, reportlint:format-2019, reportlint:format-2021) or another
 * file; `plugins` name packages or files that export rules.
 */
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkConfig, ConfigError, flattenConfig, presets, type Config, type RuleSettings } from '../engine/config.js';
import type { Rule } from '../engine/rule.js';
import type { Baseline } from '../engine/baseline.js';
import { rules as builtIn } from '../../rules/index.js';
import type { Lang, TemplateVersion } from '../types.js';

export const CONFIG_FILES = ['.reportlintrc.json', '.reportlintrc.yaml', '.reportlintrc.yml', 'reportlint.config.js', 'reportlint.config.mjs', 'package.json'];

export interface FileConfig {
  /** the config file it came from (null: none found, the recommended preset) */
  source: string | null;
  rules: RuleSettings;
  template?: TemplateVersion;
  lang?: Lang;
  plugins: Rule[];
  /** ignore patterns with the folder they are relative to */
  ignore: { base: string; patterns: string[] };
}

// A long-running server (reportlint lsp) re-reads config files when they change; Node caches
// imported modules by URL, so each generation imports JS configs and plugins under a new one.
let generation = 0;
const moduleUrl = (file: string) => pathToFileURL(file).href + (generation > 0 ? `?v=${generation}` : '');

/** Forget the config modules and plugins imported so far (their files changed). */
export function forgetLoadedConfigs(): void {
  generation++;
  pluginCache.clear();
}

const exists = async (p: string) => (await stat(p).catch(() => null))?.isFile() ?? false;

/** The nearest config file at or above `dir`, or null. */
export async function findConfigFile(dir: string): Promise<string | null> {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    for (const name of CONFIG_FILES) {
      const p = path.join(d, name);
      if (!(await exists(p))) continue;
      if (name === 'package.json' && !('reportlint' in (JSON.parse(await readFile(p, 'utf8')) as object))) continue;
      return p;
    }
    if (path.dirname(d) === d) return null;
  }
}

/** One config file's contents, unchecked. */
async function readConfig(file: string): Promise<unknown> {
  const base = path.basename(file);
  try {
    if (base.endsWith('.js') || base.endsWith('.mjs')) {
      const mod = (await import(moduleUrl(file))) as { default?: unknown };
      return mod.default ?? mod;
    }
    const text = await readFile(file, 'utf8');
    // yaml is loaded only for a YAML config (most runs have none; it costs start-up time)
    if (base.endsWith('.yaml') || base.endsWith('.yml')) return (await import('./yaml.js')).parseYaml(text) ?? {};
    const json = JSON.parse(text) as Record<string, unknown>;
    return base === 'package.json' ? json.reportlint : json;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${file}: cannot be read: ${(error as Error).message}`);
  }
}

/** A config file and the files it extends, oldest first. */
async function layersOf(file: string, seen: string[] = []): Promise<Array<{ config: Config; file: string }>> {
  if (seen.includes(file)) throw new ConfigError(`${file}: extends itself (${[...seen, file].join(' → ')})`);
  const config = checkConfig(await readConfig(file), file, builtIn.concat(await pluginRulesFor(file)));
  const out: Array<{ config: Config; file: string }> = [];
  for (const name of [config.extends ?? []].flat()) {
    if (presets[name] || name.startsWith('reportlint:')) continue; // flattenConfig expands (or rejects) presets
    out.push(...(await layersOf(resolveFrom(file, name, 'extends'), [...seen, file])));
  }
  out.push({ config, file });
  return out;
}

function resolveFrom(configFile: string, name: string, key: string): string {
  try {
    if (name.startsWith('.') || path.isAbsolute(name)) return path.resolve(path.dirname(configFile), name);
    return createRequire(configFile).resolve(name);
  } catch {
    throw new ConfigError(`${configFile}: ${key}: cannot find '${name}'`);
  }
}

/** The rules a config's plugins export (read before checking the config, so their ids are known). */
async function pluginRulesFor(file: string): Promise<Rule[]> {
  const raw = (await readConfig(file)) as { plugins?: unknown } | null;
  const names = Array.isArray(raw?.plugins) ? (raw!.plugins as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  const out: Rule[] = [];
  for (const name of names) out.push(...(await loadPlugin(file, name)));
  return out;
}

const pluginCache = new Map<string, Rule[]>();

/** A plugin module: `export const rules = [...]`, or a default export of rules or of { rules }. */
async function loadPlugin(configFile: string, name: string): Promise<Rule[]> {
  const where = resolveFrom(configFile, name, 'plugins');
  let cached = pluginCache.get(where);
  if (cached) return cached;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(moduleUrl(where))) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`${configFile}: plugins: '${name}' cannot be loaded: ${(error as Error).message}`);
  }
  const def = mod.default as unknown;
  const list = (mod.rules ?? (Array.isArray(def) ? def : (def as { rules?: unknown } | undefined)?.rules)) as unknown;
  if (!Array.isArray(list) || !list.every((r) => typeof r?.meta?.id === 'string' && typeof r?.plugin === 'function'))
    throw new ConfigError(`${configFile}: plugins: '${name}' exports no rules (export const rules = [defineRule(…), …])`);
  cached = list as Rule[];
  pluginCache.set(where, cached);
  return cached;
}

/** Everything a config file says, flattened, with its plugins loaded. */
export async function loadConfig(file: string | null): Promise<FileConfig> {
  if (!file) return { source: null, rules: {}, plugins: [], ignore: { base: process.cwd(), patterns: [] } };
  const layers = await layersOf(path.resolve(file));
  const flat = flattenConfig(layers.map((l) => l.config));
  const plugins: Rule[] = [];
  for (const l of layers) for (const name of l.config.plugins ?? []) for (const r of await loadPlugin(l.file, name)) if (!plugins.includes(r)) plugins.push(r);
  const own = layers[layers.length - 1];
  return {
    source: own.file,
    rules: flat.rules,
    template: flat.template,
    lang: flat.lang,
    plugins,
    ignore: { base: path.dirname(own.file), patterns: own.config.ignorePatterns ?? [] },
  };
}

/** The config for each file: `--config` for all, else the nearest one above it (read once per folder). */
export function configResolver(explicit?: string): (file: string) => Promise<FileConfig> {
  const byFile = new Map<string, Promise<FileConfig>>();
  const byDir = new Map<string, Promise<string | null>>();
  return async (file: string) => {
    const source = explicit
      ? path.resolve(explicit)
      : await (byDir.get(path.dirname(path.resolve(file))) ??
          (() => {
            const p = findConfigFile(path.dirname(path.resolve(file)));
            byDir.set(path.dirname(path.resolve(file)), p);
            return p;
          })());
    const key = source ?? '';
    let c = byFile.get(key);
    if (!c) {
      c = loadConfig(source);
      byFile.set(key, c);
    }
    return c;
  };
}

/** A baseline file (reportlint-baseline.json): findings accepted with a reason. */
export async function readBaseline(file: string): Promise<Baseline> {
  const data = JSON.parse(await readFile(file, 'utf8')) as Baseline;
  if (data?.version !== 1 || !Array.isArray(data.findings)) throw new Error('not a reportlint baseline (version 1)');
  return data;
}
