import { recordAudit } from '../../audit/record-audit.ts';
import { requirePermission, type RequestContext } from '../../identity/resolve-tenant.ts';
import { notFound } from '../../ingest/ingest-deps.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import { webhookView, type WebhookView } from './webhook-config.ts';
import { newWebhookSecret, webhookSecretAad } from './webhook-signature.ts';

/** A new signing secret for the tenant's webhook, returned this once; the old one stops working at once. */
export async function rotateWebhookSecret(deps: MonitoringDeps, ctx: RequestContext): Promise<WebhookView & { secret: string }> {
  requirePermission(ctx, 'tenant:settings');
  return deps.tx.withTenant(ctx, async (sql) => {
    const existing = await deps.monitoring.webhooks.get(sql, ctx.tenantId);
    if (!existing) throw notFound();
    const secret = newWebhookSecret();
    const saved = await deps.monitoring.webhooks.save(sql, ctx.tenantId, { ...existing, secretSealed: deps.secretBox.seal(secret, webhookSecretAad(ctx.tenantId)) }, deps.clock.now());
    await recordAudit(deps, sql, ctx.tenantId, { action: 'webhook.secret_rotated', actorUserId: ctx.userId, targetType: 'tenant', targetId: ctx.tenantId });
    return { ...webhookView(saved), secret };
  });
}
