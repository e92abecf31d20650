import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { OURA_SIGNATURE } from './oura/oura-api.ts';
import { WHOOP_SIGNATURE } from './whoop/whoop-api.ts';
import { WebhookRejected, type WebhookRejection } from './vendor-errors.ts';
import { MAX_WEBHOOK_SKEW_MS, parseEvent, verifySignedDelivery, type SignatureScheme } from './webhook-signature.ts';
import type { WebhookDelivery } from './vendor-adapter.ts';

// Signatures computed outside this code base (openssl dgst -sha256 -hmac), pinning each
// vendor's documented scheme: Oura upper-case hex over seconds + body, WHOOP base64 over
// milliseconds + body with no separator.
const SENT_AT_MS = Date.parse('2024-01-10T12:05:00Z');
const pinned = {
  oura: {
    scheme: OURA_SIGNATURE,
    secret: 'oura-test-client-secret',
    delivery: {
      headers: { 'x-oura-signature': 'A0000C24261E2A0ED22E322BFB42AECB7B5C2C0DF1B102B33F7814AE3E31ABBB', 'x-oura-timestamp': '1704888300' },
      rawBody: '{"event_type":"update","data_type":"sleep","object_id":"f3b1c9e2-8d4a-4b7e-9c1d-2e3f4a5b6c01","event_time":"2024-01-10T12:05:00+00:00","user_id":"3f6c8a1e-oura-user"}',
    },
  },
  whoop: {
    scheme: WHOOP_SIGNATURE,
    secret: 'whoop-test-client-secret',
    delivery: {
      headers: { 'X-WHOOP-Signature': 'pcqwIHmH8Ljxkn2ZZ2NDsiL+ZKxmPsbW4s5HJmizrig=', 'X-WHOOP-Signature-Timestamp': '1704888300000' },
      rawBody: '{"user_id":10129,"id":"ecfc6a15-4661-442f-a9a4-f160dd7afa02","type":"sleep.updated","trace_id":"e369c784-5100-49e8-8098-75d35c47b31b"}',
    },
  },
} satisfies Record<string, { scheme: SignatureScheme; secret: string; delivery: WebhookDelivery }>;

function rejection(run: () => unknown): WebhookRejection {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof WebhookRejected, String(error));
    return error.reason;
  }
  assert.fail('expected a rejection');
}

for (const [vendor, { scheme, secret, delivery }] of Object.entries(pinned)) {
  const verify = (d: WebhookDelivery, nowMs = SENT_AT_MS, key = secret) => verifySignedDelivery(vendor, d, scheme, key, nowMs);
  const sent: Record<string, string> = delivery.headers;
  const withHeaders = (headers: Record<string, string | string[]>): WebhookDelivery => ({ ...delivery, headers });
  const [signatureName, timestampName] = Object.keys(delivery.headers) as [string, string];

  describe(`${vendor} webhook signatures`, () => {
    it('accepts the pinned delivery, from a string or the raw bytes, and returns the body', () => {
      assert.equal(verify(delivery), delivery.rawBody);
      assert.equal(verify({ ...delivery, rawBody: Buffer.from(delivery.rawBody) }), delivery.rawBody);
    });

    it('accepts deliveries up to five minutes early or late, not beyond', () => {
      assert.equal(verify(delivery, SENT_AT_MS + MAX_WEBHOOK_SKEW_MS), delivery.rawBody);
      assert.equal(verify(delivery, SENT_AT_MS - MAX_WEBHOOK_SKEW_MS), delivery.rawBody);
      assert.equal(rejection(() => verify(delivery, SENT_AT_MS + MAX_WEBHOOK_SKEW_MS + 1000)), 'stale_timestamp');
      assert.equal(rejection(() => verify(delivery, SENT_AT_MS - MAX_WEBHOOK_SKEW_MS - 1000)), 'stale_timestamp');
    });

    it('rejects a body changed by one byte, another secret, or a timestamp moved to look fresh', () => {
      assert.equal(rejection(() => verify({ ...delivery, rawBody: delivery.rawBody.replace('sleep', 'sleeq') })), 'bad_signature');
      assert.equal(rejection(() => verify({ ...delivery, rawBody: `${delivery.rawBody} ` })), 'bad_signature');
      assert.equal(rejection(() => verify(delivery, SENT_AT_MS, `${secret}x`)), 'bad_signature');
      const moved = String(Number(sent[timestampName]) + 1);
      assert.equal(rejection(() => verify(withHeaders({ ...delivery.headers, [timestampName]: moved }))), 'bad_signature');
    });

    it('rejects missing, malformed or truncated headers without comparing', () => {
      assert.equal(rejection(() => verify(withHeaders({ [timestampName]: '1704888300' }))), 'missing_signature');
      assert.equal(rejection(() => verify(withHeaders({ [signatureName]: 'x' }))), 'missing_signature');
      const signature = sent[signatureName]!;
      assert.equal(rejection(() => verify(withHeaders({ ...delivery.headers, [signatureName]: signature.slice(0, -4) }))), 'bad_signature');
      assert.equal(rejection(() => verify(withHeaders({ ...delivery.headers, [timestampName]: '12:05' }))), 'bad_signature');
      assert.equal(rejection(() => verify(withHeaders({ ...delivery.headers, [signatureName]: [signature, signature] }))), 'missing_signature');
    });

    it('matches header names whatever their case', () => {
      const shouted = Object.fromEntries(Object.entries(delivery.headers).map(([name, value]) => [name.toUpperCase(), value]));
      assert.equal(verify(withHeaders(shouted)), delivery.rawBody);
    });
  });
}

describe('webhook signatures', () => {
  it('takes Oura hex in either case', () => {
    const { delivery, scheme, secret } = pinned.oura;
    const lower = { ...delivery, headers: { ...delivery.headers, 'x-oura-signature': delivery.headers['x-oura-signature'].toLowerCase() } };
    assert.equal(verifySignedDelivery('oura', lower, scheme, secret, SENT_AT_MS), delivery.rawBody);
  });

  it('refuses a verified body that is not the event the vendor documents', () => {
    const schema = z.object({ type: z.string() });
    assert.deepEqual(parseEvent('whoop', '{"type":"sleep.updated"}', schema), { type: 'sleep.updated' });
    assert.equal(rejection(() => parseEvent('whoop', '{"type":', schema)), 'malformed_event');
    assert.equal(rejection(() => parseEvent('whoop', '{"kind":"sleep"}', schema)), 'malformed_event');
  });
});
