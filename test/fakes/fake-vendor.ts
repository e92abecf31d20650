import type { Throttle } from './fake-api-helpers.ts';
import type { FakeOAuthProvider } from './fake-oauth.ts';
import { startFakeServer, type FakeRequest, type FakeServer } from './fake-http-server.ts';

/** A webhook delivery as a vendor sends it. */
export interface SignedDelivery {
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: string;
}

/** What every fake vendor offers a test, whatever the vendor. */
export interface FakeVendor {
  /** Serves consent, tokens and data: use it as both base URLs. */
  readonly url: string;
  readonly oauth: FakeOAuthProvider;
  readonly requests: FakeRequest[];
  /** Most records per page, whatever the client asks for. */
  pageSize: number;
  /** The next `count` data requests answer 429, with Retry-After when given. */
  throttle(count: number, retryAfterSeconds?: number): void;
  /** `event` signed as the vendor signs it, as sent at `sentAtMs`. */
  signWebhook(event: object, sentAtMs: number): SignedDelivery;
  /** Signs `event` and POSTs it to `url`, as the vendor notifies; the receiver's status. */
  deliverWebhook(url: string, event: object, sentAtMs: number): Promise<number>;
  close(): Promise<void>;
}

export interface FakeVendorParts {
  /** The object the request handlers read `pageSize` from: it becomes the fake. */
  readonly settings: { pageSize: number };
  readonly server: FakeServer;
  readonly oauth: FakeOAuthProvider;
  readonly throttle: Throttle;
  readonly sign: (event: object, sentAtMs: number) => SignedDelivery;
}

export function assembleFakeVendor({ settings, server, oauth, throttle, sign }: FakeVendorParts): FakeVendor {
  return Object.assign(settings, {
    url: server.url,
    oauth,
    requests: server.requests,
    throttle: (count: number, retryAfterSeconds?: number) => throttle.next(count, retryAfterSeconds),
    signWebhook: sign,
    deliverWebhook: (url: string, event: object, sentAtMs: number) => postDelivery(url, sign(event, sentAtMs)),
    close: () => server.close(),
  });
}

/** POSTs a delivery to `url` as the vendor would; the receiver's status. */
export async function postDelivery(url: string, delivery: SignedDelivery): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...delivery.headers }, body: delivery.rawBody });
  await response.body?.cancel();
  return response.status;
}

export interface ReceivedDelivery {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: Buffer;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly deliveries: ReceivedDelivery[];
  close(): Promise<void>;
}

/** Our side of a webhook: keeps each delivery's headers and exact bytes, answers 204. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: ReceivedDelivery[] = [];
  const server = await startFakeServer((request) => {
    deliveries.push({ headers: request.headers, rawBody: request.rawBody });
    return { status: 204 };
  });
  return { url: `${server.url}/webhooks`, deliveries, close: () => server.close() };
}
