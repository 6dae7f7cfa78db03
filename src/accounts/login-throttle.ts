import type { Db } from '../db/dialect.js';
import type { Clock } from '../shared/clock.js';
import { createLoginFailureRepository } from './login-failure-repository.js';

/**
 * Failed sign-ins lock an account, and separately an address, for a while. The account limit
 * stops guessing one person's password from many machines; the address limit stops one machine
 * trying many accounts. Kept in the database so every server process counts the same failures.
 */
export const loginThrottlePolicy = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  failuresPerEmail: 5,
  failuresPerIp: 20,
};

export type ThrottleState = { locked: false } | { locked: true; retryAfterSeconds: number };

export function createLoginThrottle(deps: { db: Db; clock: Clock; policy?: typeof loginThrottlePolicy }) {
  const policy = deps.policy ?? loginThrottlePolicy;
  const failures = createLoginFailureRepository(deps.db);
  const keys = (email: string, ip: string) => [
    { key: `email:${email.trim().toLowerCase()}`, limit: policy.failuresPerEmail },
    { key: `ip:${ip}`, limit: policy.failuresPerIp },
  ];

  return {
    async state(email: string, ip: string): Promise<ThrottleState> {
      const now = deps.clock.now().getTime();
      let until = 0;
      for (const { key } of keys(email, ip)) {
        const row = await failures.find(key);
        if (row?.locked_until) until = Math.max(until, new Date(row.locked_until).getTime());
      }
      return until > now ? { locked: true, retryAfterSeconds: Math.ceil((until - now) / 1000) } : { locked: false };
    },

    async recordFailure(email: string, ip: string): Promise<void> {
      const now = deps.clock.now();
      for (const { key, limit } of keys(email, ip)) {
        const row = await failures.find(key);
        const fresh = !row || now.getTime() - new Date(row.window_started_at).getTime() > policy.windowMs;
        const count = fresh ? 1 : row.failures + 1;
        await failures.save(key, {
          failures: count,
          windowStartedAt: fresh ? now.toISOString() : row.window_started_at,
          lockedUntil: count >= limit ? new Date(now.getTime() + policy.lockMs).toISOString() : (row?.locked_until ?? null),
        });
      }
    },

    /** A correct password clears the account's count; the address keeps its own. */
    recordSuccess: (email: string) => failures.clear(`email:${email.trim().toLowerCase()}`),
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
