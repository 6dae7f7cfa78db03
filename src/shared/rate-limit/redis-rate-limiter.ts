import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import { UnavailableError } from '../errors.js';
import { assertRules, type RateLimiter, type RateLimitRule } from './rate-limit.js';

// One sorted set per key, scored by hit time in ms. The script prunes, checks every rule and
// records the hit in one step, so concurrent processes cannot both take the last slot.
// Mirrors decide() in rate-limit.ts.
const SCRIPT = `
local now = tonumber(ARGV[1])
local longest = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - longest)
local wait = 0
for i = 4, #ARGV, 2 do
  local limit = tonumber(ARGV[i])
  local window = tonumber(ARGV[i + 1])
  local inWindow = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - window), '+inf', 'WITHSCORES')
  local count = #inWindow / 2
  if count >= limit then
    local t = tonumber(inWindow[(count - limit) * 2 + 2])
    if t + window - now > wait then wait = t + window - now end
  end
end
if wait > 0 then return {0, wait} end
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], longest)
return {1, 0}
`;
const SCRIPT_SHA = createHash('sha1').update(SCRIPT).digest('hex');

export interface RedisRateLimiterOptions {
  /** Prepended to every key. Default `broadsheet:rate:`. */
  keyPrefix?: string;
}

/**
 * The limiter shared by every Broadsheet process, with the same sliding-log semantics as the
 * memory one. Time comes from `clock` (not Redis's TIME) so it is testable; processes must keep
 * their clocks in sync (NTP) for windows to line up. Redis errors reject with UnavailableError
 * (`COMMENTS_RATE_LIMIT_UNAVAILABLE`); whether to fail open or closed is the caller's choice.
 */
export function createRedisRateLimiter(
  redis: Redis,
  rules: readonly RateLimitRule[],
  clock: Clock,
  options: RedisRateLimiterOptions = {},
): RateLimiter {
  assertRules(rules);
  const prefix = options.keyPrefix ?? 'broadsheet:rate:';
  const longestMs = Math.max(...rules.map((r) => r.windowSeconds)) * 1000;
  const ruleArgs = rules.flatMap((r) => [r.limit, r.windowSeconds * 1000]);
  // Members must be unique even when two hits share a millisecond.
  const instance = randomUUID();
  let sequence = 0;

  const run = async (key: string, args: (string | number)[]): Promise<unknown> => {
    try {
      return await redis.evalsha(SCRIPT_SHA, 1, key, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(SCRIPT, 1, key, ...args);
    }
  };

  return {
    async hit(key) {
      const now = clock.now().getTime();
      let reply: unknown;
      try {
        reply = await run(`${prefix}${key}`, [now, `${now}:${instance}:${sequence++}`, longestMs, ...ruleArgs]);
      } catch (error) {
        throw new UnavailableError('RATE_LIMIT_UNAVAILABLE', 'This is briefly unavailable. Please try again in a minute.', { cause: error });
      }
      const [allowed, waitMs] = reply as [number, number];
      return allowed === 1
        ? { allowed: true, retryAfterSeconds: 0 }
        : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(waitMs) / 1000)) };
    },
  };
}
