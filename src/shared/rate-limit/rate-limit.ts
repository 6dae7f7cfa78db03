import type { Clock } from '../clock.js';

/** At most `limit` hits in any `windowSeconds`-long stretch of time. */
export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** 0 when allowed; otherwise whole seconds until a hit would be allowed (for `Retry-After`). */
  retryAfterSeconds: number;
}

/**
 * Counts hits per key (e.g. `comment:ip:203.0.113.7`) against several windows at once.
 *
 * Both implementations use a sliding log: each allowed hit is kept with its time for the
 * longest window, so a limit holds over any stretch of that length, with no burst at window
 * edges. A refused hit is not counted, so a Commenter who waits `retryAfterSeconds` gets
 * through even if a script kept hammering meanwhile.
 */
export interface RateLimiter {
  hit(key: string): Promise<RateLimitDecision>;
}

export const defaultRateLimitRules: readonly RateLimitRule[] = [
  { limit: 5, windowSeconds: 60 },
  { limit: 30, windowSeconds: 3600 },
];

/** Throws on an empty rule list or a non-positive limit or window: a misconfiguration, not a runtime state. */
export function assertRules(rules: readonly RateLimitRule[]): void {
  if (rules.length === 0) throw new Error('A rate limiter needs at least one rule.');
  for (const { limit, windowSeconds } of rules) {
    if (!Number.isSafeInteger(limit) || limit < 1 || !Number.isSafeInteger(windowSeconds) || windowSeconds < 1) {
      throw new Error(`Invalid rate limit rule: ${limit} per ${windowSeconds} s.`);
    }
  }
}

/**
 * Decides a hit over one key's log (times in ms, oldest first). Shared by both limiters (the
 * Redis script mirrors it in Lua) so they cannot drift apart.
 */
export function decide(log: readonly number[], now: number, rules: readonly RateLimitRule[]): RateLimitDecision {
  let waitMs = 0;
  for (const { limit, windowSeconds } of rules) {
    const windowMs = windowSeconds * 1000;
    const inWindow = log.filter((t) => t > now - windowMs);
    if (inWindow.length >= limit) {
      waitMs = Math.max(waitMs, inWindow[inWindow.length - limit] + windowMs - now);
    }
  }
  return waitMs > 0 ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) } : { allowed: true, retryAfterSeconds: 0 };
}

// Keys nobody hits again would otherwise stay forever; sweeping every so many hits keeps the
// map bounded by the keys active within the longest window.
const SWEEP_EVERY = 1000;

/** One process's limiter: fine for a single server or tests; use the Redis one behind a load balancer. */
export function createMemoryRateLimiter(rules: readonly RateLimitRule[], clock: Clock): RateLimiter {
  assertRules(rules);
  const longestMs = Math.max(...rules.map((r) => r.windowSeconds)) * 1000;
  const logs = new Map<string, number[]>();
  let hits = 0;
  return {
    async hit(key) {
      const now = clock.now().getTime();
      if (++hits % SWEEP_EVERY === 0) {
        for (const [k, log] of logs) if ((log.at(-1) ?? 0) <= now - longestMs) logs.delete(k);
      }
      const log = (logs.get(key) ?? []).filter((t) => t > now - longestMs);
      const decision = decide(log, now, rules);
      if (decision.allowed) log.push(now);
      if (log.length > 0) logs.set(key, log);
      else logs.delete(key);
      return decision;
    },
  };
}
