import type { Cache } from '../../app/ports.ts';
import { RedisKeyspace } from '../redis/redis-keyspace.ts';
import { toJsonEntry } from './json-entry.ts';

export interface RedisCacheOptions {
  /** Prepended to every key, so tenants, deployments and tests sharing a Redis never collide. */
  prefix?: string;
}

/** Cache shared by every node in scale-out mode: JSON values with a PX expiry. */
export class RedisCache extends RedisKeyspace implements Cache {
  constructor(redisUrl: string, options: RedisCacheOptions = {}) {
    super(redisUrl, options.prefix ?? 'vitalis:cache:');
  }

  async get<T>(key: string): Promise<T | undefined> {
    const json = await this.redis.get(key);
    return json === null ? undefined : (JSON.parse(json) as T);
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    const entry = toJsonEntry(key, value, ttlMs);
    await this.redis.set(key, entry.json, 'PX', entry.ttlMs);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(key);
  }
}
