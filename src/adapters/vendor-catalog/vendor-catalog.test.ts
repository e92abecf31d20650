import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VendorAuthRevoked, VendorDocumentInvalid, VendorRateLimited, VendorUnavailable, WebhookRejected } from '../vendors/index.ts';
import { vendorCatalog } from './vendor-catalog.ts';

const clock = { now: () => new Date('2024-06-10T12:00:00Z') };
const config = (vendor: string) => ({
  clientId: `${vendor}-id`,
  clientSecret: `${vendor}-secret`,
  apiBaseUrl: 'https://api.example.test',
  authBaseUrl: 'https://auth.example.test',
  redirectUri: `https://vitalis.example.test/api/v1/connections/${vendor}/callback`,
});

describe('vendor catalog', () => {
  it('offers the vendors it has credentials for, and only those', () => {
    const catalog = vendorCatalog({ whoop: config('whoop') }, { clock, random: () => 0.5 });
    assert.deepEqual(catalog.offered(), ['whoop']);
    assert.equal(catalog.client('whoop')?.vendor, 'whoop');
    assert.equal(catalog.client('oura'), undefined);
  });

  it('tells the app what a vendor error means, with a delay only where waiting helps', () => {
    const { failureOf } = vendorCatalog({}, { clock, random: () => 0 });
    assert.deepEqual(failureOf(new VendorRateLimited('oura', 30_000), 1), { code: 'rate_limited', retryDelayMs: 30_000 });
    assert.equal(failureOf(new VendorUnavailable('oura', 503), 3)?.code, 'unavailable');
    assert.deepEqual(failureOf(new VendorAuthRevoked('oura'), 1), { code: 'reauthorization_required' });
    assert.deepEqual(failureOf(new VendorDocumentInvalid('oura', 'sleep', ['day']), 1), { code: 'invalid_document' });
    assert.deepEqual(failureOf(new WebhookRejected('whoop', 'malformed_event'), 1), { code: 'webhook_rejected', malformedWebhook: true });
    assert.deepEqual(failureOf(new WebhookRejected('whoop', 'stale_timestamp'), 1), { code: 'webhook_rejected', malformedWebhook: false });
    assert.equal(failureOf(new Error('a bug of ours'), 1), undefined);
  });
});
