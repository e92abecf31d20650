import { SEVERITIES, type Severity } from '../../../domain/rules/index.ts';
import { alertIdentity, evidenceWindow } from '../alerts/alert-view.ts';
import { DELIVER_WEBHOOK_JOB, type MonitoringDeps } from '../monitoring-deps.ts';
import type { AlertRecord } from '../monitoring-ports.ts';

/** Tries of a delivery; with a 2 s backoff doubling each time, the last is about 4 minutes after the first. */
export const WEBHOOK_ATTEMPTS = 8;
const WEBHOOK_BACKOFF_MS = 2000;

const atLeast = (severity: Severity, min: Severity) => SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(min);

/**
 * Records the alert's delivery to the tenant's webhook (when it has one, enabled, for this
 * severity) and queues its first try. The body names the alert and its evidence window, not
 * the readings: the receiving system gets the least health data that lets it page someone.
 */
export async function queueWebhookDelivery(deps: MonitoringDeps, alert: AlertRecord): Promise<void> {
  const now = deps.clock.now();
  const delivery = await deps.tx.withSystem('record a tenant webhook delivery', async (sql) => {
    const hook = await deps.monitoring.webhooks.get(sql, alert.tenantId);
    if (!hook?.enabled || !atLeast(alert.severity, hook.minSeverity)) return undefined;
    const id = deps.ids.newId();
    const payload = JSON.stringify({
      id,
      event: 'alert.opened',
      createdAt: now.toISOString(),
      tenantId: alert.tenantId,
      alert: { ...alertIdentity(alert), openedAt: alert.openedAt, evidence: evidenceWindow(alert.evidence) },
    });
    return deps.monitoring.webhooks.createDelivery(sql, { id, tenantId: alert.tenantId, alertId: alert.id, event: 'alert.opened', url: hook.url, payload }, now);
  });
  if (delivery?.state !== 'pending') return;
  await deps.queue.enqueue(DELIVER_WEBHOOK_JOB, { tenantId: alert.tenantId, deliveryId: delivery.id }, { jobId: `webhook:${delivery.id}`, attempts: WEBHOOK_ATTEMPTS, backoffMs: WEBHOOK_BACKOFF_MS });
}
