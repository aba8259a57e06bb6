/**
 * yaml, for a YAML config only (config.ts imports this module when it reads one). A module of our
 * own, imported statically from here, because a dynamic import of the CommonJS package itself
 * has no named exports once bundled (esbuild gives it only a default).
 */
export { parse as parseYaml } from 'yaml';
