/** Where each report's own findings page lives inside an audit's output folder. */
import { fnv1a64 } from '../engine/fingerprint.js';

/** `reports/<name>-<hash>.html`: readable, unique per input, safe on any file system. */
export function reportPage(id: string): string {
  const base = (id.split(/[\\/]/).pop() ?? 'report').replace(/\?.*$/, '').replace(/\.[a-z0-9]+$/i, '');
  const safe = base.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 40) || 'report';
  return `reports/${safe}-${fnv1a64(id).slice(0, 10)}.html`;
}
