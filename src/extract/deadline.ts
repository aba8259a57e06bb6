/**
 * A time budget for one file. The core checks it between steps (each PDF page, each stage, each
 * rule, each proved fix), so a file that would run long ends with one fatal reason and the run
 * goes on. Every step between two checks is bounded by the hard limits (limits.ts); a library's
 * promise that might never settle (pdf.js, mammoth) is awaited `within` the budget.
 */
import { ExtractError } from './errors.js';

export interface Deadline {
  /** throws the 'too-slow' fatal reason once the budget is spent */
  check(): void;
  /** the promise, or the 'too-slow' reason if the budget runs out first */
  within<T>(promise: Promise<T>): Promise<T>;
  /** more time for work the budget was not set for (a page read by OCR): still bounded, by the caller's allowance */
  extend(ms: number): void;
}

export function deadlineAfter(ms: number | undefined): Deadline {
  if (!ms || !Number.isFinite(ms)) return { check() {}, within: (p) => p, extend() {} };
  let end = performance.now() + ms;
  let allowed = ms;
  const tooSlow = () => new ExtractError('too-slow', { seconds: (allowed / 1000).toLocaleString('en-US', { maximumFractionDigits: 3 }) });
  return {
    check() {
      if (performance.now() > end) throw tooSlow();
    },
    within<T>(promise: Promise<T>): Promise<T> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const expiry = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(tooSlow()), Math.max(0, end - performance.now()));
      });
      return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
    },
    extend(more: number) {
      end += more;
      allowed += more;
    },
  };
}

/** No budget: for callers outside a lint (tests, tools). */
export const NO_DEADLINE: Deadline = deadlineAfter(undefined);
