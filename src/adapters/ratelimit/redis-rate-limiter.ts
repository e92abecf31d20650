import type { Redis } from 'ioredis';
import type { RateLimitDecision, RateLimiter } from '../../app/ports.ts';
import { RedisKeyspace } from '../redis/redis-keyspace.ts';
import { decide, windowMsOf } from './fixed-window.ts';

export interface RedisRateLimiterOptions {
  /** Prepended to every key, so deployments and tests sharing a Redis never share counters. */
  prefix?: string;
}

// One script, so counting and starting the window are atomic across nodes. Setting the expiry
// whenever the key has none (not only on the first hit) is PEXPIRE NX, and also works before Redis 7.
const hitScript = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

type WithHitScript = Redis & { fixedWindowHit(key: string, windowMs: number): Promise<[number, number]> };

/** Fixed-window counters shared by every node in scale-out mode. */
export class RedisRateLimiter extends RedisKeyspace implements RateLimiter {
  readonly #redis: WithHitScript;

  constructor(redisUrl: string, options: RedisRateLimiterOptions = {}) {
    super(redisUrl, options.prefix ?? 'vitalis:ratelimit:');
    this.redis.defineCommand('fixedWindowHit', { numberOfKeys: 1, lua: hitScript });
    this.#redis = this.redis as WithHitScript;
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitDecision> {
    const [count, ttl] = await this.#redis.fixedWindowHit(key, windowMsOf(key, limit, windowMs));
    return decide(count, limit, ttl);
  }

  async reset(key: string): Promise<void> {
    await this.#redis.del(key);
  }
}
