import { LRUCache } from 'lru-cache';
import type { Cache } from '../../app/ports.ts';
import { toJsonEntry } from './json-entry.ts';

export interface InMemoryCacheOptions {
  /** Most entries kept; the least recently used go first (default 10 000). */
  max?: number;
}

/** Process-local cache for embedded mode. Stores JSON text, so callers never share a mutable object. */
export class InMemoryCache implements Cache {
  readonly #entries: LRUCache<string, string>;

  constructor(options: InMemoryCacheOptions = {}) {
    this.#entries = new LRUCache({ max: options.max ?? 10_000 });
  }

  async get<T>(key: string): Promise<T | undefined> {
    const json = this.#entries.get(key);
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    const entry = toJsonEntry(key, value, ttlMs);
    this.#entries.set(key, entry.json, { ttl: entry.ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.#entries.clear();
  }
}
