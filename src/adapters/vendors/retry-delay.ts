import { VendorRateLimited, VendorUnavailable } from './vendor-errors.ts';

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

export const VENDOR_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };

const HTTP_DATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  if (!HTTP_DATE.test(text)) return undefined;
  return Math.max(0, Date.parse(text) - nowMs);
}

/**
 * Delay before retry number `retry` (1 = the first retry). Full jitter: a uniform draw from
 * [0, min(cap, base * 2^(retry - 1))), so workers throttled together spread out instead of
 * coming back in lockstep. Never sooner than the vendor's Retry-After.
 */
export function retryDelayMs(retry: number, retryAfterMs: number | undefined, random: () => number, policy: BackoffPolicy = VENDOR_BACKOFF): number {
  const window = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.max(retryAfterMs ?? 0, Math.floor(random() * window));
}

/** The delay before retrying after `error`, or undefined when retrying the same call cannot help. */
export function retryDelayFor(error: unknown, retry: number, random: () => number, policy: BackoffPolicy = VENDOR_BACKOFF): number | undefined {
  if (error instanceof VendorRateLimited || error instanceof VendorUnavailable) return retryDelayMs(retry, error.retryAfterMs, random, policy);
  return undefined;
}
