/**
 * A time budget for one file. The core checks it between steps (each PDF page, each stage, each
 * rule, each proved fix), so a file that would run long ends with one fatal reason and the run
 * goes on. Every step between two checks is bounded by the hard limits (limits.ts).
 */
import { ExtractError } from './errors.js';

export interface Deadline {
  /** throws the 'too-slow' fatal reason once the budget is spent */
  check(): void;
}

export function deadlineAfter(ms: number | undefined): Deadline {
  if (!ms || !Number.isFinite(ms)) return { check() {} };
  const end = performance.now() + ms;
  return {
    check() {
      if (performance.now() > end) throw new ExtractError('too-slow', { seconds: String(Math.round(ms / 100) / 10) });
    },
  };
}
