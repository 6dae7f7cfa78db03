import { describe, expect, it } from 'vitest';
import { checkWithTimeout, type Timer } from '../../src/comments/check-with-timeout.js';
import type { SpamChecker, SpamCheckInput } from '../../src/comments/spam-checker.js';

const input: SpamCheckInput = { content: 'Hello', authorName: 'A', authorEmail: 'a@example.com', ip: '203.0.113.1', honeypotFilled: false };

/** Deadlines fire only when the test says so. */
function manualTimer() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 0;
  const timer: Timer & { fire(): void; pending: typeof pending } = {
    pending,
    set(callback, ms) {
      pending.set(++next, { callback, ms });
      return next;
    },
    clear(handle) {
      pending.delete(handle as number);
    },
    fire() {
      for (const [id, { callback }] of pending) {
        pending.delete(id);
        callback();
      }
    },
  };
  return timer;
}

const answering = (score: number, reasons: string[] = []): SpamChecker => ({ check: async () => ({ score, reasons }) });

describe('checkWithTimeout', () => {
  it('passes a result through and clears its deadline', async () => {
    const timer = manualTimer();
    expect(await checkWithTimeout(answering(0.4, ['why']), input, { timer })).toEqual({ kind: 'checked', score: 0.4, reasons: ['why'] });
    expect(timer.pending.size).toBe(0);
  });

  it('uses a 500 ms deadline by default', async () => {
    const timer = manualTimer();
    const outcome = checkWithTimeout(answering(0), input, { timer });
    expect([...timer.pending.values()].map((t) => t.ms)).toEqual([500]);
    await outcome;
  });

  it('turns a missed deadline into a failure and aborts the checker', async () => {
    const timer = manualTimer();
    let signal: AbortSignal | undefined;
    const hanging: SpamChecker = {
      check: (_input, options) => {
        signal = options?.signal;
        return new Promise(() => {});
      },
    };
    const outcome = checkWithTimeout(hanging, input, { timer, timeoutMs: 250 });
    timer.fire();
    expect(await outcome).toEqual({ kind: 'failed', reason: 'The spam check did not answer within 250 ms.' });
    expect(signal?.aborted).toBe(true);
  });

  it('ignores a late answer after the deadline', async () => {
    const timer = manualTimer();
    let answer: (value: { score: number; reasons: string[] }) => void = () => {};
    const slow: SpamChecker = { check: () => new Promise((resolve) => (answer = resolve)) };
    const outcome = checkWithTimeout(slow, input, { timer });
    timer.fire();
    answer({ score: 0, reasons: [] });
    expect((await outcome).kind).toBe('failed');
  });

  it('turns a rejection, a synchronous throw and a bad score into failures', async () => {
    const error = new Error('connection refused');
    const rejecting: SpamChecker = { check: async () => Promise.reject(error) };
    const throwing: SpamChecker = {
      check: () => {
        throw new Error('boom');
      },
    };
    expect(await checkWithTimeout(rejecting, input, { timer: manualTimer() })).toEqual({
      kind: 'failed',
      reason: 'The spam check failed: connection refused',
      cause: error,
    });
    expect(await checkWithTimeout(throwing, input, { timer: manualTimer() })).toMatchObject({ kind: 'failed', reason: 'The spam check failed: boom' });
    expect(await checkWithTimeout(answering(Number.NaN), input, { timer: manualTimer() })).toEqual({
      kind: 'failed',
      reason: 'The spam check returned no usable score.',
    });
  });

  it('clamps scores outside 0–1', async () => {
    expect(await checkWithTimeout(answering(1.7), input, { timer: manualTimer() })).toMatchObject({ kind: 'checked', score: 1 });
    expect(await checkWithTimeout(answering(-2), input, { timer: manualTimer() })).toMatchObject({ kind: 'checked', score: 0 });
  });
});
