import { createRequire } from 'node:module';
import type * as IORedis from 'ioredis';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { createMemoryRateLimiter, type RateLimiter, type RateLimitRule } from './rate-limit.js';
import { createRedisRateLimiter } from './redis-rate-limiter.js';

/** Makes a limiter for the current rules (comment limits are site settings and may change at run time). */
export type RateLimiterFactory = (rules: readonly RateLimitRule[]) => RateLimiter;

/**
 * The rate limiters for this process (comments, sign-in): shared through Redis when `redisUrl` is set (so
 * every process behind a load balancer counts the same hits), in memory otherwise. When Redis
 * is down, posting a comment answers 503 rather than letting every post through.
 */
export function createRateLimits(options: { redisUrl?: string; clock: Clock; log: Logger }): { limiterFor: RateLimiterFactory; close(): Promise<void> } {
  if (!options.redisUrl) {
    return { limiterFor: (rules) => createMemoryRateLimiter(rules, options.clock), close: async () => undefined };
  }
  const redis = new (loadIORedis().Redis)(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: true });
  let lastError = 0;
  redis.on('error', (error) => {
    // ioredis retries on its own; one log line a minute is enough.
    if (Date.now() - lastError > 60_000) options.log.warn({ err: error }, 'Redis for rate limits is unavailable');
    lastError = Date.now();
  });
  return {
    limiterFor: (rules) => createRedisRateLimiter(redis, rules, options.clock),
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * ioredis, loaded only when Redis is configured: a single-process site should not hold it in
 * memory. Synchronous (the package is CommonJS) so that the factory stays synchronous.
 */
function loadIORedis(): typeof IORedis {
  try {
    return createRequire(import.meta.url)('ioredis') as typeof IORedis;
  } catch (error) {
    throw new Error(`rate limits over Redis (redisUrl) need the "ioredis" package, which could not be loaded: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
