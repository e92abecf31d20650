export interface ExpiringMapOptions {
  /** How long an entry is served after it was stored; 0 stores nothing. */
  ttlMs: number;
  /** Most entries held; storing one more evicts the oldest. */
  maxEntries: number;
  /** Milliseconds on a clock that never goes back (performance.now in production). */
  now: () => number;
}

interface Slot<V> {
  value: V;
  expiresAt: number;
}

/**
 * A bounded map whose entries expire `ttlMs` after they were stored. Eviction is by age of
 * storage, not of last use: with every entry living the same short TTL, the oldest stored is
 * also the nearest to expiring, so this evicts what LRU would without reordering on each hit.
 */
export class ExpiringMap<V> {
  readonly #slots = new Map<string, Slot<V>>();
  readonly #options: ExpiringMapOptions;

  constructor(options: ExpiringMapOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#slots.size;
  }

  get(key: string): V | undefined {
    const slot = this.#slots.get(key);
    if (!slot) return undefined;
    if (slot.expiresAt > this.#options.now()) return slot.value;
    this.#slots.delete(key);
    return undefined;
  }

  set(key: string, value: V): void {
    if (this.#options.ttlMs <= 0) return;
    this.#slots.delete(key); // a re-stored key moves to the young end
    if (this.#slots.size >= this.#options.maxEntries) this.#evictOldest();
    this.#slots.set(key, { value, expiresAt: this.#options.now() + this.#options.ttlMs });
  }

  delete(key: string): void {
    this.#slots.delete(key);
  }

  /** Drops every entry whose value matches; returns how many went. */
  deleteWhere(matches: (value: V) => boolean): number {
    let dropped = 0;
    for (const [key, slot] of this.#slots) {
      if (matches(slot.value)) {
        this.#slots.delete(key);
        dropped += 1;
      }
    }
    return dropped;
  }

  clear(): void {
    this.#slots.clear();
  }

  #evictOldest(): void {
    const oldest = this.#slots.keys().next();
    if (!oldest.done) this.#slots.delete(oldest.value);
  }
}
