import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock, WebhookSubscription, WebhookSubscriptions } from '../../app/ports.ts';
import { OURA, OURA_RESOURCES } from '../vendors/oura/oura-api.ts';
import type { VendorConfig } from '../vendors/vendor-adapter.ts';
import { checkBaseUrl, vendorHttp, vendorUrl } from '../vendors/vendor-http.ts';
import { readResponse } from '../vendors/vendor-pages.ts';

/**
 * Oura's webhook subscriptions (VENDORS.md): per application, authenticated by the client id
 * and secret in headers, each for one event type and data type, lapsing at `expiration_time`
 * unless renewed. Creating one makes Oura call the callback with our verification token and a
 * challenge, which must come back.
 */
const PATHS = {
  subscriptions: '/v2/webhook/subscription',
  renew: (id: string) => `/v2/webhook/subscription/renew/${encodeURIComponent(id)}`,
} as const;

const EVENT_TYPES = ['create', 'update', 'delete'] as const;

const subscription = z.object({
  id: z.string().min(1),
  callback_url: z.string(),
  event_type: z.string(),
  data_type: z.string(),
  expiration_time: z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'an ISO 8601 date-time'),
});

const toSubscription = (s: z.infer<typeof subscription>): WebhookSubscription => ({
  id: s.id,
  callbackUrl: s.callback_url,
  eventType: s.event_type,
  dataType: s.data_type,
  expiresAt: new Date(s.expiration_time).toISOString(),
});

/** The token Oura echoes in its handshake: derived from the client secret, so it needs no setting of its own and rotates with it. */
function verificationTokenOf(clientSecret: string): string {
  return createHmac('sha256', clientSecret).update('vitalis oura webhook verification').digest('base64url');
}

export function ouraWebhookSubscriptions(config: Pick<VendorConfig, 'clientId' | 'clientSecret' | 'apiBaseUrl'>, callbackUrl: string, deps: { clock: Clock; fetch?: typeof fetch }): WebhookSubscriptions {
  const api = checkBaseUrl(OURA, 'apiBaseUrl', config.apiBaseUrl);
  const http = vendorHttp(OURA, deps);
  const token = verificationTokenOf(config.clientSecret);
  const headers = { 'x-client-id': config.clientId, 'x-client-secret': config.clientSecret, accept: 'application/json' };

  async function call(path: string, method: string, body?: object): Promise<unknown> {
    const response = await http.send(vendorUrl(api, path), {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return response.json().catch(() => undefined);
  }

  const wanted = Object.entries(OURA_RESOURCES)
    .filter(([, how]) => how.fetchable)
    .flatMap(([dataType]) => EVENT_TYPES.map((eventType) => ({ eventType, dataType })));

  return {
    vendor: OURA,
    callbackUrl,
    wanted,
    async list() {
      return readResponse(OURA, await call(PATHS.subscriptions, 'GET'), z.array(subscription), 'a subscription list').map(toSubscription);
    },
    async create({ eventType, dataType }) {
      const body = { callback_url: callbackUrl, verification_token: token, event_type: eventType, data_type: dataType };
      return toSubscription(readResponse(OURA, await call(PATHS.subscriptions, 'POST', body), subscription, 'a subscription'));
    },
    async renew(id) {
      return toSubscription(readResponse(OURA, await call(PATHS.renew(id), 'PUT'), subscription, 'a subscription'));
    },
    acceptsVerificationToken(received) {
      const a = Buffer.from(received);
      const b = Buffer.from(token);
      return a.length === b.length && timingSafeEqual(a, b);
    },
  };
}
