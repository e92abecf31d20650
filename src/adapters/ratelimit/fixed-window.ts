import type { RateLimitDecision } from '../../app/ports.ts';

/** Checks a hit's arguments the same way in every adapter; answers the window in whole ms. */
export function windowMsOf(key: string, limit: number, windowMs: number): number {
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`rate limit for "${key}" must be a whole number >= 0, got ${limit}`);
  if (!Number.isFinite(windowMs) || windowMs <= 0) throw new RangeError(`rate window for "${key}" must be a positive number of ms, got ${windowMs}`);
  return Math.ceil(windowMs);
}

/** The decision for the `count`th hit in a window that ends in `resetMs`. */
export function decide(count: number, limit: number, resetMs: number): RateLimitDecision {
  return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetMs: Math.max(0, Math.ceil(resetMs)) };
}
