/**
 * Checks a cache write and serializes its value, so every Cache adapter accepts and rejects
 * the same writes and hands back the same JSON round-trip of what was stored.
 */
export function toJsonEntry(key: string, value: unknown, ttlMs: number): { json: string; ttlMs: number } {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError(`cache ttl for "${key}" must be a positive number of ms, got ${ttlMs}`);
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`cache value for "${key}" is not JSON-serializable`);
  // Redis PX takes whole milliseconds; rounding up never expires an entry early.
  return { json, ttlMs: Math.ceil(ttlMs) };
}
