// A webhook receiver written from the documented scheme only (docs/monitoring.md, "The
// webhook"): `vitalis-signature: t=<unix>,v1=<hex>` where hex = HMAC-SHA256(secret,
// "<t>.<raw body>"), compared in constant time, timestamps within five minutes. It shares no
// code with the sender.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  /** Whether the signature verified with the secret the receiver knew when the request came. */
  verified: boolean;
}

export interface WebhookReceiver {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** Whether a request's signature header is valid for `body` under `secret` and fresh. */
export function signatureVerifies(secret: string, header: string, body: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const timestamp = Number(parts.t);
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  const fresh = Math.abs(Date.now() / 1000 - timestamp) < 300;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Listens on a loopback port and records every POST. It answers 204 to a verified request and
 * 401 otherwise; with `failFirst`, its first answer is a 503 whatever came, so the sender has
 * to try again.
 */
export async function startWebhookReceiver(secret: () => string, options: { failFirst?: boolean } = {}): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verified = signatureVerifies(secret(), String(request.headers['vitalis-signature'] ?? ''), body);
      received.push({ headers: request.headers, body, verified });
      response.statusCode = options.failFirst && received.length === 1 ? 503 : verified ? 204 : 401;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/vitalis`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
