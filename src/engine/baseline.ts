/**
 * A baseline: findings accepted once (with a reason), so later runs report only what is new.
 * DOCX and PDF cannot carry disable comments, so this is how a supervising office records
 * "known, explained" findings. Matching is by rule, file and fingerprint (see fingerprint.ts),
 * so a finding stays accepted when lines above it move. Pure data in, data out.
 */
import type { LintResult } from '../types.js';
import { fingerprints } from './fingerprint.js';
import type { DocumentView } from './view.js';
import { pushTo } from '../util/group.js';

export interface BaselineEntry {
  ruleId: string;
  file: string;
  fingerprint: string;
  /** the message when it was accepted, for the reader of the file */
  message: string;
  /** why it is accepted; written by a person */
  reason: string;
}

export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

/** A baseline of every current finding, keeping the reasons already written for those still there. */
export function makeBaseline(results: LintResult[], previous?: Baseline): Baseline {
  const reasons = new Map((previous?.findings ?? []).map((e) => [`${e.file}\u0000${e.fingerprint}`, e.reason]));
  const findings = results.flatMap((r) => {
    const found = r.messages.filter((m) => !m.fatal);
    const prints = fingerprints(found, r.filePath);
    return found.map((m, i) => {
        const fp = prints[i];
        return { ruleId: m.ruleId, file: norm(r.filePath), fingerprint: fp, message: m.message, reason: reasons.get(`${norm(r.filePath)}\u0000${fp}`) ?? '' };
      });
  });
  return { version: 1, findings };
}

/**
 * Move baselined findings to `suppressedMessages`; entries that match nothing any more are
 * stale (the defect was fixed, or the text changed): they are returned so the user can prune.
 * Only entries of the files checked in this run can be judged stale.
 */
export function applyBaseline(results: LintResult[], baseline: Baseline): { results: LintResult[]; stale: BaselineEntry[] } {
  const pool = new Map<string, BaselineEntry[]>();
  for (const e of baseline.findings) {
    const k = `${e.file}\u0000${e.fingerprint}`;
    pushTo(pool, k, e);
  }
  const out = results.map((r) => {
    const suppressed = [...(r.suppressedMessages ?? [])];
    const newIndex = new Map<number, number>();
    const prints = fingerprints(r.messages, r.filePath);
    const kept = r.messages.filter((m, i) => {
      const keep = (): true => (newIndex.set(i, newIndex.size), true);
      if (m.fatal) return keep();
      const list = m.fatal ? undefined : pool.get(`${norm(r.filePath)}\u0000${prints[i]}`);
      const e = list?.shift();
      if (!e) return keep();
      suppressed.push({ ...m, suppressions: [{ kind: 'baseline', justification: e.reason }] });
      return false;
    });
    return {
      ...r,
      messages: kept,
      ...(suppressed.length > 0 ? { suppressedMessages: suppressed } : {}),
      ...(r.view ? { view: remapView(r.view, newIndex) } : {}),
      errorCount: kept.filter((m) => m.severity === 2).length,
      warningCount: kept.filter((m) => m.severity === 1).length,
      infoCount: kept.filter((m) => m.severity === 0).length,
      doubtCount: kept.filter((m) => m.kind === 'doubt' && !m.fatal).length,
    };
  });
  const checked = new Set(results.map((r) => norm(r.filePath)));
  const stale = [...pool.values()].flat().filter((e) => checked.has(e.file));
  return { results: out, stale };
}

/** The document view points at messages by index: follow them to their new places. */
function remapView(view: DocumentView, to: Map<number, number>): DocumentView {
  const map = (xs: number[]) => xs.filter((i) => to.has(i)).map((i) => to.get(i)!);
  const mapRelated = (xs: Array<[number, number]> = []) => xs.filter(([i]) => to.has(i)).map(([i, k]): [number, number] => [to.get(i)!, k]);
  return {
    ...view,
    unplaced: map(view.unplaced),
    blocks: view.blocks.map((b) =>
      b.kind === 'table'
        ? { ...b, messages: map(b.messages), related: mapRelated(b.related), rows: b.rows.map((row) => row.map((c) => ({ ...c, messages: map(c.messages), related: mapRelated(c.related), ...(c.operands ? { operands: map(c.operands) } : {}) }))) }
        : { ...b, messages: map(b.messages), related: mapRelated(b.related) },
    ),
  };
}

const norm = (p: string) => p.replace(/\\/g, '/');
