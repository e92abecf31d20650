import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newWebhookSecret, webhookSignature } from './webhook-signature.ts';

describe('webhook signature', () => {
  it('is HMAC-SHA256 over "<timestamp>.<body>", hex, after t= and v1=', () => {
    // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
    assert.equal(webhookSignature('whsec_test', 1_700_000_000, '{"a":1}'), 't=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789');
  });

  it('changes with the body, the timestamp and the secret', () => {
    const base = webhookSignature('s1', 1, 'body');
    assert.notEqual(webhookSignature('s1', 1, 'body!'), base);
    assert.notEqual(webhookSignature('s1', 2, 'body'), base);
    assert.notEqual(webhookSignature('s2', 1, 'body'), base);
  });

  it('makes a fresh secret each time', () => {
    assert.notEqual(newWebhookSecret(), newWebhookSecret());
    assert.match(newWebhookSecret(), /^whsec_[A-Za-z0-9_-]{43}$/);
  });
});
