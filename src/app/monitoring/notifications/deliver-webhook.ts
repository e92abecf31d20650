import type { MonitoringDeps } from '../monitoring-deps.ts';
import { DELIVERY_HEADER, SIGNATURE_HEADER, webhookSecretAad, webhookSignature } from './webhook-signature.ts';

export interface DeliveryTry {
  tenantId: string;
  deliveryId: string;
  /** No more tries after this one: a failure is final. */
  last: boolean;
}

/**
 * One try of a webhook delivery: POSTs the stored body to the tenant's current webhook URL,
 * signed with its secret over the timestamp and the exact body, and logs the outcome. A
 * non-2xx answer or no answer throws (unless this is the last try), so the queue tries again
 * with backoff. A delivery whose webhook was removed or disabled meanwhile fails at once.
 */
export async function deliverWebhook(deps: MonitoringDeps, attempt: DeliveryTry): Promise<void> {
  const { webhooks } = deps.monitoring;
  const target = await deps.tx.withSystem('sign a tenant webhook delivery', async (sql) => {
    const delivery = await webhooks.delivery(sql, attempt.deliveryId);
    if (delivery?.tenantId !== attempt.tenantId || delivery.state !== 'pending') return undefined;
    const hook = await webhooks.get(sql, attempt.tenantId);
    if (!hook?.enabled) {
      await webhooks.recordAttempt(sql, delivery.id, { url: delivery.url, state: 'failed', error: 'the webhook was removed or disabled' }, deps.clock.now());
      return undefined;
    }
    return { delivery, url: hook.url, secret: deps.secretBox.open(hook.secretSealed, webhookSecretAad(attempt.tenantId)) };
  });
  if (!target) return;

  const { delivery, url, secret } = target;
  const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
  const headers = { 'content-type': 'application/json', [SIGNATURE_HEADER]: webhookSignature(secret, timestamp, delivery.payload), [DELIVERY_HEADER]: delivery.id };
  const outcome = await deps.webhookSender.post(url, delivery.payload, headers).then(
    ({ status }) => (status >= 200 && status < 300 ? { delivered: true, status } : { delivered: false, status, error: `answered ${status}` }),
    (error: unknown) => ({ delivered: false, status: undefined, error: error instanceof Error ? error.message : String(error) }),
  );
  const state = outcome.delivered ? 'delivered' : attempt.last ? 'failed' : 'pending';
  await deps.tx.withSystem('log a tenant webhook delivery attempt', (sql) =>
    webhooks.recordAttempt(sql, delivery.id, { url, state, ...(outcome.status !== undefined && { responseStatus: outcome.status }), ...(outcome.error !== undefined && { error: outcome.error }) }, deps.clock.now()),
  );
  if (state === 'pending') throw new Error(`webhook delivery ${delivery.id} to the tenant's endpoint failed (${outcome.error}); it will be tried again`);
}
