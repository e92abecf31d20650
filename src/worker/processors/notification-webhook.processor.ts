import type { MonitoringDeps } from '../../app/monitoring/monitoring-deps.ts';
import { deliverWebhook } from '../../app/monitoring/notifications/deliver-webhook.ts';
import { WEBHOOK_ATTEMPTS } from '../../app/monitoring/notifications/queue-webhook-delivery.ts';
import type { JobHandler } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** One try of an outgoing webhook delivery; a failure before the last try is thrown for the queue's backoff. */
export function notificationWebhookProcessor(deps: MonitoringDeps): JobHandler {
  return async (job) => {
    const { tenantId, deliveryId } = jobs['notifications.webhook.v1'].parse(job.payload);
    await deliverWebhook(deps, { tenantId, deliveryId, last: job.attempt >= WEBHOOK_ATTEMPTS });
  };
}
