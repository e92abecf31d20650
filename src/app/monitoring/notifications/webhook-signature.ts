import { createHmac, randomBytes } from 'node:crypto';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: a receiver recomputes it with the secret and rejects old timestamps. */
export const SIGNATURE_HEADER = 'vitalis-signature';
export const DELIVERY_HEADER = 'vitalis-delivery';

export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

/** A new signing secret: 32 random bytes, shown to the tenant's admin once. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** Binds a sealed webhook secret to its tenant and table. */
export const webhookSecretAad = (tenantId: string): string => `alert_webhooks:${tenantId}`;
