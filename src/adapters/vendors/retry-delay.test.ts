import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VENDOR_BACKOFF, parseRetryAfter, retryDelayFor, retryDelayMs } from './retry-delay.ts';
import { VendorAuthRevoked, VendorRateLimited, VendorRequestFailed, VendorUnavailable } from './vendor-errors.ts';

const NOW = Date.parse('2024-01-10T12:00:00Z');
const never = () => 0;
const almostOne = () => 0.999_999;

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, never a negative wait', () => {
    assert.equal(parseRetryAfter('7', NOW), 7000);
    assert.equal(parseRetryAfter(' 0 ', NOW), 0);
    assert.equal(parseRetryAfter('Wed, 10 Jan 2024 12:00:30 GMT', NOW), 30_000);
    assert.equal(parseRetryAfter('Wed, 10 Jan 2024 11:59:00 GMT', NOW), 0);
  });

  it('ignores what is absent or unreadable instead of guessing', () => {
    for (const header of [null, '', '-5', '1.5', 'soon', '2024-01-10T12:00:30Z']) assert.equal(parseRetryAfter(header, NOW), undefined, String(header));
  });
});

describe('retryDelayMs', () => {
  it('draws uniformly below a window that doubles per retry', () => {
    assert.equal(retryDelayMs(1, undefined, never), 0);
    assert.equal(retryDelayMs(1, undefined, almostOne), VENDOR_BACKOFF.baseMs - 1);
    assert.equal(retryDelayMs(2, undefined, almostOne), 2 * VENDOR_BACKOFF.baseMs - 1);
    assert.equal(retryDelayMs(4, undefined, () => 0.5), 4 * VENDOR_BACKOFF.baseMs);
  });

  it('stops growing at the cap', () => {
    assert.equal(retryDelayMs(40, undefined, almostOne), VENDOR_BACKOFF.capMs - 1);
    assert.equal(retryDelayMs(3, undefined, almostOne, { baseMs: 100, capMs: 250 }), 249);
  });

  it('never retries sooner than the vendor asked', () => {
    assert.equal(retryDelayMs(1, 7000, almostOne), 7000);
    assert.equal(retryDelayMs(5, 7000, almostOne), 16_000 - 1);
  });
});

describe('retryDelayFor', () => {
  it('retries rate limits and outages, honouring Retry-After', () => {
    assert.equal(retryDelayFor(new VendorRateLimited('oura', 30_000), 1, almostOne), 30_000);
    assert.equal(retryDelayFor(new VendorRateLimited('oura', undefined), 2, never), 0);
    assert.equal(retryDelayFor(new VendorUnavailable('whoop', 503, 5000), 1, never), 5000);
  });

  it('does not retry what retrying cannot fix', () => {
    assert.equal(retryDelayFor(new VendorAuthRevoked('whoop'), 1, never), undefined);
    assert.equal(retryDelayFor(new VendorRequestFailed('oura', 400), 1, never), undefined);
    assert.equal(retryDelayFor(new Error('boom'), 1, never), undefined);
  });
});
