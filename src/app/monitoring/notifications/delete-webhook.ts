import { recordAudit } from '../../audit/record-audit.ts';
import { requirePermission, type RequestContext } from '../../identity/resolve-tenant.ts';
import { notFound } from '../../ingest/ingest-deps.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';

/** Removes the tenant's webhook; deliveries still pending fail. Audited. */
export async function deleteWebhook(deps: MonitoringDeps, ctx: RequestContext): Promise<void> {
  requirePermission(ctx, 'tenant:settings');
  await deps.tx.withTenant(ctx, async (sql) => {
    if (!(await deps.monitoring.webhooks.delete(sql, ctx.tenantId))) throw notFound();
    await recordAudit(deps, sql, ctx.tenantId, { action: 'webhook.deleted', actorUserId: ctx.userId, targetType: 'tenant', targetId: ctx.tenantId });
  });
}
