import { Redis } from 'ioredis';

/** One ioredis connection under a key prefix, with the ping and idempotent close every Redis adapter needs. */
export class RedisKeyspace {
  readonly redis: Redis;
  #closed?: Promise<void>;

  constructor(redisUrl: string, prefix: string) {
    this.redis = new Redis(redisUrl, { keyPrefix: prefix });
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  close(): Promise<void> {
    this.#closed ??= this.redis.quit().then(() => undefined);
    return this.#closed;
  }
}
