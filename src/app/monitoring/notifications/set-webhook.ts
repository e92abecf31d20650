import type { WebhookBody } from '../../../contracts/notifications.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { requirePermission, type RequestContext } from '../../identity/resolve-tenant.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import { checkWebhookUrl, webhookView, type WebhookView } from './webhook-config.ts';
import { newWebhookSecret, webhookSecretAad } from './webhook-signature.ts';

/**
 * Sets the tenant's webhook. A new one gets a signing secret, returned this once; changing an
 * existing one keeps its secret (rotateWebhookSecret makes a new one). Audited, without the secret.
 */
export async function setWebhook(deps: MonitoringDeps, ctx: RequestContext, body: WebhookBody): Promise<WebhookView & { secret?: string }> {
  requirePermission(ctx, 'tenant:settings');
  checkWebhookUrl(body.url);
  return deps.tx.withTenant(ctx, async (sql) => {
    const existing = await deps.monitoring.webhooks.get(sql, ctx.tenantId);
    const secret = existing ? undefined : newWebhookSecret();
    const secretSealed = secret === undefined ? existing!.secretSealed : deps.secretBox.seal(secret, webhookSecretAad(ctx.tenantId));
    const saved = await deps.monitoring.webhooks.save(sql, ctx.tenantId, { ...body, secretSealed }, deps.clock.now());
    await recordAudit(deps, sql, ctx.tenantId, { action: existing ? 'webhook.updated' : 'webhook.created', actorUserId: ctx.userId, targetType: 'tenant', targetId: ctx.tenantId, details: { ...body } });
    return { ...webhookView(saved), ...(secret !== undefined && { secret }) };
  });
}
