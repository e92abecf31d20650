import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { WebhookDelivery } from './vendor-adapter.ts';
import { WebhookRejected } from './vendor-errors.ts';

/** How a vendor signs webhooks: HMAC-SHA256(client secret, timestamp + separator + raw body). */
export interface SignatureScheme {
  /** Lower-case header names. */
  readonly signatureHeader: string;
  readonly timestampHeader: string;
  readonly encoding: 'hex' | 'base64';
  readonly timestampUnit: 'seconds' | 'milliseconds';
  readonly separator: string;
}

/** Older (or newer) deliveries are refused even when signed: a captured one cannot be replayed later. */
export const MAX_WEBHOOK_SKEW_MS = 5 * 60_000;

const SIGNATURE_FORMAT = { hex: /^[0-9a-fA-F]{64}$/, base64: /^[A-Za-z0-9+/]{43}=?$/ } as const;
const TIMESTAMP_FORMAT = /^\d{1,16}$/;

/** Checks the signature over the exact bytes received, then the timestamp; returns the body as text. */
export function verifySignedDelivery(vendor: string, delivery: WebhookDelivery, scheme: SignatureScheme, secret: string, nowMs: number): string {
  const signature = header(delivery, scheme.signatureHeader);
  const timestamp = header(delivery, scheme.timestampHeader);
  if (signature === undefined || timestamp === undefined) throw new WebhookRejected(vendor, 'missing_signature');
  if (!SIGNATURE_FORMAT[scheme.encoding].test(signature) || !TIMESTAMP_FORMAT.test(timestamp)) throw new WebhookRejected(vendor, 'bad_signature');

  const body = typeof delivery.rawBody === 'string' ? Buffer.from(delivery.rawBody, 'utf8') : delivery.rawBody;
  const expected = createHmac('sha256', secret).update(`${timestamp}${scheme.separator}`, 'utf8').update(body).digest();
  const received = Buffer.from(signature, scheme.encoding);
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) throw new WebhookRejected(vendor, 'bad_signature');

  const sentMs = Number(timestamp) * (scheme.timestampUnit === 'seconds' ? 1000 : 1);
  if (Math.abs(nowMs - sentMs) > MAX_WEBHOOK_SKEW_MS) throw new WebhookRejected(vendor, 'stale_timestamp');
  return body.toString('utf8');
}

/** The verified body as the vendor's event, or WebhookRejected('malformed_event'). */
export function parseEvent<T>(vendor: string, text: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebhookRejected(vendor, 'malformed_event');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new WebhookRejected(vendor, 'malformed_event');
  return parsed.data;
}

function header(delivery: WebhookDelivery, name: string): string | undefined {
  const entry = Object.entries(delivery.headers).find(([key]) => key.toLowerCase() === name);
  const value = entry?.[1];
  if (typeof value === 'string') return value.trim();
  return value?.length === 1 ? value[0]?.trim() : undefined;
}
