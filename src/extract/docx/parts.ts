/** Where the parts of a Word package are: its main document and the parts it relates to. */
import type { Package } from './zip.js';

const utf8 = new TextDecoder('utf-8');
const text = (pkg: Package, path: string | undefined) => {
  const bytes = path ? pkg.get(path) : undefined;
  return bytes ? utf8.decode(bytes) : undefined;
};

/** The Word body: the package's officeDocument relationship, else the usual path. */
export function mainDocument(pkg: Package): string | null {
  const rels = text(pkg, '_rels/.rels') ?? '';
  const target = relationships(rels).find((r) => r.type.endsWith('/officeDocument'))?.target;
  const path = target ? resolve('', target) : undefined;
  // An Excel or PowerPoint package names its own main part here: only a Word part will do.
  if (path?.startsWith('word/') && pkg.has(path)) return path;
  return pkg.has('word/document.xml') ? 'word/document.xml' : null;
}

/** The part a relationship of `from` points to (numbering, styles), by relationship type. */
export function related(pkg: Package, from: string, type: string): string | undefined {
  const dir = from.slice(0, from.lastIndexOf('/') + 1);
  const rels = text(pkg, `${dir}_rels/${from.slice(dir.length)}.rels`) ?? '';
  const target = relationships(rels).find((r) => r.type.endsWith(`/${type}`))?.target;
  return target ? resolve(dir, target) : undefined;
}

function relationships(xml: string): { type: string; target: string }[] {
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({
    type: /\bType\s*=\s*["']([^"']*)["']/.exec(m[0])?.[1] ?? '',
    target: /\bTarget\s*=\s*["']([^"']*)["']/.exec(m[0])?.[1] ?? '',
  }));
}

function resolve(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  const out: string[] = [];
  for (const p of parts) p === '..' ? out.pop() : p !== '.' && out.push(p);
  return out.join('/');
}

