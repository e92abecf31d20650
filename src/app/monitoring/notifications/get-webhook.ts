import { requirePermission, type RequestContext } from '../../identity/resolve-tenant.ts';
import { notFound } from '../../ingest/ingest-deps.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import { webhookView, type WebhookView } from './webhook-config.ts';

/** The tenant's webhook (admins); 404 when it has none. */
export async function getWebhook(deps: MonitoringDeps, ctx: RequestContext): Promise<WebhookView> {
  requirePermission(ctx, 'tenant:settings');
  const config = await deps.tx.withTenant(ctx, (sql) => deps.monitoring.webhooks.get(sql, ctx.tenantId));
  if (!config) throw notFound();
  return webhookView(config);
}
