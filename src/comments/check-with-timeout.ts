import type { SpamChecker, SpamCheckInput, SpamCheckOutcome } from './spam-checker.js';

/** setTimeout/clearTimeout behind an interface so tests fire deadlines by hand. */
export interface Timer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const systemTimer: Timer = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface CheckWithTimeoutOptions {
  /** Default 500. */
  timeoutMs?: number;
  timer?: Timer;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a checker with a deadline and never throws: a result comes back as `checked` (score
 * clamped to 0–1), while a throw, a rejection, a non-numeric score or a missed deadline comes
 * back as `failed` with a reason for moderators. On a missed deadline the checker's signal is
 * aborted and its late answer ignored. The comment was stored as pending before this runs, so a
 * failure loses nothing; the pipeline keeps it pending with the `spam-check-failed` flag.
 */
export async function checkWithTimeout(
  checker: SpamChecker,
  input: SpamCheckInput,
  options: CheckWithTimeoutOptions = {},
): Promise<SpamCheckOutcome> {
  const { timeoutMs = 500, timer = systemTimer } = options;
  const controller = new AbortController();
  let handle: unknown;
  const deadline = new Promise<SpamCheckOutcome>((resolve) => {
    handle = timer.set(() => {
      controller.abort();
      resolve({ kind: 'failed', reason: `The spam check did not answer within ${timeoutMs} ms.` });
    }, timeoutMs);
  });
  const check = (async (): Promise<SpamCheckOutcome> => {
    try {
      const result = await checker.check(input, { signal: controller.signal });
      const score = Number(result?.score);
      if (!Number.isFinite(score)) return { kind: 'failed', reason: 'The spam check returned no usable score.' };
      const reasons = Array.isArray(result.reasons) ? result.reasons.map(String) : [];
      return { kind: 'checked', score: Math.min(1, Math.max(0, score)), reasons };
    } catch (error) {
      return { kind: 'failed', reason: `The spam check failed: ${describe(error)}`, cause: error };
    }
  })();
  try {
    return await Promise.race([check, deadline]);
  } finally {
    timer.clear(handle);
  }
}
