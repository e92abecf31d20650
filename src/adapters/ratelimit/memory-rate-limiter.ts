import { LRUCache } from 'lru-cache';
import type { RateLimitDecision, RateLimiter } from '../../app/ports.ts';
import { decide, windowMsOf } from './fixed-window.ts';

export interface InMemoryRateLimiterOptions {
  /**
   * Most keys tracked at once (default 100 000). Past it the least recently hit key is
   * forgotten, which restarts its window: memory stays bounded at the cost of leniency.
   */
  maxKeys?: number;
}

/** Fixed-window counters within one process, for embedded mode. */
export class InMemoryRateLimiter implements RateLimiter {
  readonly #windows: LRUCache<string, { count: number }>;

  constructor(options: InMemoryRateLimiterOptions = {}) {
    this.#windows = new LRUCache({ max: options.maxKeys ?? 100_000 });
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitDecision> {
    const ttl = windowMsOf(key, limit, windowMs);
    let window = this.#windows.get(key);
    // The entry's TTL is the window: it starts at the first hit and is never extended.
    if (!window) this.#windows.set(key, (window = { count: 0 }), { ttl });
    window.count += 1;
    return decide(window.count, limit, this.#windows.getRemainingTTL(key));
  }

  async reset(key: string): Promise<void> {
    this.#windows.delete(key);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.#windows.clear();
  }
}
