import { ConnectionUnusable } from './access-token.ts';
import type { ConnectionDeps } from './connection-deps.ts';

/** Waits after rate limits and outages before a job gives up (the scheduled sync tries again later). */
export const MAX_VENDOR_RETRIES = 10;

/** What a job does about a failed vendor call. */
export type FailureVerdict =
  | { kind: 'needs_reauth' }
  | { kind: 'retry'; delayMs: number }
  | { kind: 'give_up'; code: string }
  /** Not the vendor's failure: the queue retries the job. */
  | { kind: 'rethrow' };

/** `retry` numbers the wait this would be (1 for the first). */
export function judgeFailure(deps: Pick<ConnectionDeps, 'vendors'>, error: unknown, retry: number): FailureVerdict {
  if (error instanceof ConnectionUnusable) return error.reason === 'disconnected' ? { kind: 'give_up', code: 'disconnected' } : { kind: 'needs_reauth' };
  const failure = deps.vendors.failureOf(error, retry);
  if (!failure) return { kind: 'rethrow' };
  // A token refused even after a refresh is as dead as a grant revoked.
  if (failure.code === 'reauthorization_required' || failure.code === 'unauthorized') return { kind: 'needs_reauth' };
  if (failure.retryDelayMs !== undefined && retry <= MAX_VENDOR_RETRIES) return { kind: 'retry', delayMs: failure.retryDelayMs };
  return { kind: 'give_up', code: failure.code };
}
