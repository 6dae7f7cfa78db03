import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter, decide, defaultRateLimitRules } from '../../../src/shared/rate-limit/rate-limit.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { rateLimiterContract } from './rate-limiter-contract.js';

describe('createMemoryRateLimiter', () => {
  rateLimiterContract(createMemoryRateLimiter, (name) => name);

  it('defaults to 5 a minute and 30 an hour', () => {
    expect(defaultRateLimitRules).toEqual([
      { limit: 5, windowSeconds: 60 },
      { limit: 30, windowSeconds: 3600 },
    ]);
  });

  it('forgets keys once their hits are older than the longest window', async () => {
    const clock = fixedClock(new Date('2025-01-01T00:00:00Z'));
    const limiter = createMemoryRateLimiter([{ limit: 1, windowSeconds: 60 }], clock);
    expect((await limiter.hit('k')).allowed).toBe(true);
    clock.advance(60_000);
    expect((await limiter.hit('k')).allowed).toBe(true);
  });
});

describe('decide', () => {
  it('reports the longest wait when several rules refuse', () => {
    const rules = [
      { limit: 1, windowSeconds: 10 },
      { limit: 2, windowSeconds: 100 },
    ];
    expect(decide([0, 5_000], 6_000, rules)).toEqual({ allowed: false, retryAfterSeconds: 94 });
  });

  it('rounds a sub-second wait up to one second', () => {
    expect(decide([0], 9_999, [{ limit: 1, windowSeconds: 10 }])).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
