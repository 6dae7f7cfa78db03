import { createRequire } from 'node:module';
import type * as IORedis from 'ioredis';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { RateLimiterFactory } from './comment-deps.js';
import { createMemoryRateLimiter } from './rate-limit.js';
import { createRedisRateLimiter } from './redis-rate-limiter.js';

/**
 * The comment rate limiters for this process: shared through Redis when `redisUrl` is set (so
 * every process behind a load balancer counts the same hits), in memory otherwise. When Redis
 * is down, posting a comment answers 503 rather than letting every post through.
 */
export function createCommentRateLimits(options: { redisUrl?: string; clock: Clock; log: Logger }): { limiterFor: RateLimiterFactory; close(): Promise<void> } {
  if (!options.redisUrl) {
    return { limiterFor: (rules) => createMemoryRateLimiter(rules, options.clock), close: async () => undefined };
  }
  const redis = new (loadIORedis().Redis)(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: true });
  let lastError = 0;
  redis.on('error', (error) => {
    // ioredis retries on its own; one log line a minute is enough.
    if (Date.now() - lastError > 60_000) options.log.warn({ err: error }, 'Redis for comment rate limits is unavailable');
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
    throw new Error(`comment rate limits over Redis (redisUrl) need the "ioredis" package, which could not be loaded: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
