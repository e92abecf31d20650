import type { WebhookDelivery } from '../../../contracts/notifications.ts';
import { requirePermission, type RequestContext } from '../../identity/resolve-tenant.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import type { DeliveryRecord } from '../monitoring-ports.ts';

const deliveryView = (d: DeliveryRecord): WebhookDelivery => ({
  id: d.id,
  ...(d.alertId !== null && { alertId: d.alertId }),
  event: d.event,
  url: d.url,
  state: d.state,
  attempts: d.attempts,
  ...(d.responseStatus !== null && { responseStatus: d.responseStatus }),
  ...(d.lastError !== null && { lastError: d.lastError }),
  createdAt: d.createdAt,
  ...(d.deliveredAt !== null && { deliveredAt: d.deliveredAt }),
});

/** The delivery log of the tenant's webhook, newest first (admins). */
export async function listWebhookDeliveries(deps: MonitoringDeps, ctx: RequestContext, query: { before?: string; limit: number }): Promise<WebhookDelivery[]> {
  requirePermission(ctx, 'tenant:settings');
  const deliveries = await deps.tx.withTenant(ctx, (sql) => deps.monitoring.webhooks.deliveries(sql, ctx.tenantId, query));
  return deliveries.map(deliveryView);
}
