import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VendorFailure, Vendors } from '../ports.ts';
import { ConnectionUnusable } from './access-token.ts';
import { MAX_VENDOR_RETRIES, judgeFailure } from './vendor-call-failure.ts';

class Failed extends Error {
  constructor(readonly failure: VendorFailure) {
    super(failure.code);
  }
}

const vendors: Pick<Vendors, 'failureOf'> = { failureOf: (error) => (error instanceof Failed ? error.failure : undefined) };
const judge = (error: unknown, retry = 1) => judgeFailure({ vendors: vendors as Vendors }, error, retry);

describe('what a job does about a failed vendor call', () => {
  it('waits out rate limits and outages, then gives up', () => {
    const limited = new Failed({ code: 'rate_limited', retryDelayMs: 4000 });
    assert.deepEqual(judge(limited), { kind: 'retry', delayMs: 4000 });
    assert.deepEqual(judge(limited, MAX_VENDOR_RETRIES + 1), { kind: 'give_up', code: 'rate_limited' });
  });

  it('asks the person to connect again when the grant is gone, or a fresh token is refused', () => {
    assert.deepEqual(judge(new Failed({ code: 'reauthorization_required' })), { kind: 'needs_reauth' });
    assert.deepEqual(judge(new Failed({ code: 'unauthorized' })), { kind: 'needs_reauth' });
    assert.deepEqual(judge(new ConnectionUnusable('reauthorization_required')), { kind: 'needs_reauth' });
  });

  it('gives up on what retrying cannot fix, and leaves our own errors to the queue', () => {
    assert.deepEqual(judge(new Failed({ code: 'request_failed' })), { kind: 'give_up', code: 'request_failed' });
    assert.deepEqual(judge(new ConnectionUnusable('disconnected')), { kind: 'give_up', code: 'disconnected' });
    assert.deepEqual(judge(new TypeError('a bug')), { kind: 'rethrow' });
  });
});
