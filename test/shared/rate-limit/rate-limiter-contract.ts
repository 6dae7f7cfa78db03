import { expect, it } from 'vitest';
import type { RateLimiter, RateLimitRule } from '../../../src/shared/rate-limit/rate-limit.js';
import { fixedClock } from '../../../src/shared/clock.js';

export type MakeLimiter = (rules: readonly RateLimitRule[], clock: ReturnType<typeof fixedClock>) => RateLimiter;

const start = new Date('2025-01-01T00:00:00Z');
const defaults: RateLimitRule[] = [
  { limit: 5, windowSeconds: 60 },
  { limit: 30, windowSeconds: 3600 },
];

async function hits(limiter: RateLimiter, key: string, n: number) {
  const results = [];
  for (let i = 0; i < n; i++) results.push(await limiter.hit(key));
  return results;
}

/** The behaviour both limiters promise. `key(name)` may return a fresh key on every call (the Redis store outlives each test), so each test calls it once per key. */
export function rateLimiterContract(make: MakeLimiter, key: (name: string) => string): void {
  it('allows 5 a minute, then refuses with the seconds until the oldest hit leaves the window', async () => {
    const clock = fixedClock(start);
    const limiter = make(defaults, clock);
    const k = key('minute');
    for (let i = 0; i < 5; i++) {
      expect(await limiter.hit(k)).toEqual({ allowed: true, retryAfterSeconds: 0 });
      clock.advance(1000);
    }
    expect(await limiter.hit(k)).toEqual({ allowed: false, retryAfterSeconds: 55 });
    clock.advance(54_000);
    expect((await limiter.hit(k)).allowed).toBe(false);
    clock.advance(1000);
    expect(await limiter.hit(k)).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it('slides: a window holds over any 60 seconds, not only whole minutes', async () => {
    const clock = fixedClock(new Date(start.getTime() + 59_000));
    const limiter = make(defaults, clock);
    const k = key('slide');
    expect((await hits(limiter, k, 5)).every((d) => d.allowed)).toBe(true);
    clock.advance(2000); // a fixed window would have reset at the minute boundary
    expect(await limiter.hit(k)).toEqual({ allowed: false, retryAfterSeconds: 58 });
  });

  it('enforces 30 an hour across minutes', async () => {
    const clock = fixedClock(start);
    const limiter = make(defaults, clock);
    const k = key('hour');
    for (let minute = 0; minute < 6; minute++) {
      expect((await hits(limiter, k, 5)).every((d) => d.allowed)).toBe(true);
      clock.advance(60_000);
    }
    const refused = await limiter.hit(k);
    expect(refused.allowed).toBe(false);
    // The first five hits (minute 0) leave the hour window 54 minutes from now.
    expect(refused.retryAfterSeconds).toBe(54 * 60);
  });

  it('does not count refused hits, so waiting is enough', async () => {
    const clock = fixedClock(start);
    const limiter = make([{ limit: 2, windowSeconds: 10 }], clock);
    const k = key('refused');
    await hits(limiter, k, 2);
    expect((await hits(limiter, k, 20)).some((d) => d.allowed)).toBe(false);
    clock.advance(10_000);
    expect((await limiter.hit(k)).allowed).toBe(true);
  });

  it('keeps keys apart', async () => {
    const clock = fixedClock(start);
    const limiter = make([{ limit: 1, windowSeconds: 60 }], clock);
    const [a, b] = [key('a'), key('b')];
    expect((await limiter.hit(a)).allowed).toBe(true);
    expect((await limiter.hit(a)).allowed).toBe(false);
    expect((await limiter.hit(b)).allowed).toBe(true);
  });

  it('refuses an empty or non-positive rule list when built', () => {
    const clock = fixedClock(start);
    expect(() => make([], clock)).toThrow('at least one rule');
    expect(() => make([{ limit: 0, windowSeconds: 60 }], clock)).toThrow('Invalid rate limit rule');
  });
}
