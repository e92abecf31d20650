import { recordAudit } from '../../audit/record-audit.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import { notFound } from '../../ingest/ingest-deps.ts';
import type { Sql } from '../../ports.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import type { AlertRecord } from '../monitoring-ports.ts';

export type AlertAccessDeps = Pick<MonitoringDeps, 'monitoring' | 'ingest' | 'repos' | 'clock' | 'ids'>;

/** Whether the caller watches the person: themselves, a member on their care team, or anyone while they are on call. */
export async function watchesPerson(deps: AlertAccessDeps, sql: Sql, ctx: RequestContext, userId: string): Promise<boolean> {
  if (userId === ctx.userId) return true;
  if (await deps.ingest.access.isCareTeamClinician(sql, ctx.tenantId, ctx.userId, userId)) return true;
  return (await deps.monitoring.alerting.onCall(sql, ctx.tenantId)).includes(ctx.userId);
}

/** The alert, when the caller watches the person it is about (row-level security decides); anyone else gets 404. */
export async function visibleAlert(deps: AlertAccessDeps, sql: Sql, ctx: RequestContext, id: string): Promise<AlertRecord> {
  const alert = await deps.monitoring.alerts.get(sql, ctx.tenantId, id);
  if (!alert) throw notFound();
  return alert;
}

/** Reading other people's alerts is reading their health data: audited, once per request. */
export async function auditAlertRead(deps: AlertAccessDeps, sql: Sql, ctx: RequestContext, alerts: readonly AlertRecord[]): Promise<void> {
  const others = [...new Set(alerts.map((alert) => alert.userId).filter((userId) => userId !== ctx.userId))];
  if (others.length === 0) return;
  const viaKey = ctx.principal.kind === 'api_key' ? { viaApiKeyId: ctx.principal.keyId } : {};
  await recordAudit(deps, sql, ctx.tenantId, {
    action: 'health_data.read',
    actorUserId: ctx.userId,
    targetType: others.length === 1 ? 'user' : 'users',
    targetId: others.length === 1 ? others[0]! : null,
    details: { resource: 'alerts', userIds: others, alerts: alerts.length, ...viaKey },
  });
}
