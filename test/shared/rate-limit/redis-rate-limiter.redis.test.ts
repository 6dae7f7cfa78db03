import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisRateLimiter } from '../../../src/shared/rate-limit/redis-rate-limiter.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { rateLimiterContract } from './rate-limiter-contract.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `broadsheet-test:${randomUUID()}:`;

async function connect(): Promise<Redis | null> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch {
    redis.disconnect();
    return null;
  }
}

const redis = await connect();

describe.skipIf(redis === null)(`createRedisRateLimiter (skipped when Redis at ${REDIS_URL} is unreachable)`, () => {
  const client = redis as Redis;
  let test = 0;

  afterAll(async () => {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
    await client.quit();
  });

  // A new key per test, since the store outlives each limiter.
  rateLimiterContract(
    (rules, clock) => createRedisRateLimiter(client, rules, clock, { keyPrefix: prefix }),
    (name) => `${name}:${test++}`,
  );

  it('is atomic: of 20 simultaneous hits exactly 5 get through', async () => {
    const clock = fixedClock(new Date('2025-01-01T00:00:00Z'));
    const limiters = Array.from({ length: 4 }, () =>
      createRedisRateLimiter(client, [{ limit: 5, windowSeconds: 60 }], clock, { keyPrefix: prefix }),
    );
    const decisions = await Promise.all(Array.from({ length: 20 }, (_, i) => limiters[i % 4].hit('burst')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
  });

  it('keeps the log only as long as the longest window', async () => {
    const clock = fixedClock(new Date('2025-01-01T00:00:00Z'));
    await createRedisRateLimiter(client, [{ limit: 5, windowSeconds: 60 }], clock, { keyPrefix: prefix }).hit('ttl');
    const ttl = await client.pttl(`${prefix}ttl`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('reloads its script after SCRIPT FLUSH', async () => {
    const clock = fixedClock(new Date('2025-01-01T00:00:00Z'));
    const limiter = createRedisRateLimiter(client, [{ limit: 1, windowSeconds: 60 }], clock, { keyPrefix: prefix });
    await limiter.hit('flush');
    await client.script('FLUSH');
    expect(await limiter.hit('flush')).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it('turns a Redis failure into UnavailableError', async () => {
    const broken = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    broken.on('error', () => {});
    const limiter = createRedisRateLimiter(broken, [{ limit: 1, windowSeconds: 60 }], fixedClock(new Date()), { keyPrefix: prefix });
    await expect(limiter.hit('x')).rejects.toMatchObject({ kind: 'unavailable', code: 'RATE_LIMIT_UNAVAILABLE' });
    broken.disconnect();
  });
});
