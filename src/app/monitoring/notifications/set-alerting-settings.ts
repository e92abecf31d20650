import type { AlertingSettingsBody } from '../../../contracts/notifications.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { AppError } from '../../errors.ts';
import { requirePermission, type RequestContext } from '../../identity/resolve-tenant.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';

/** Sets who is on call (clinicians or admins of the tenant) and the critical-alert policy (admins); audited. */
export async function setAlertingSettings(deps: MonitoringDeps, ctx: RequestContext, body: AlertingSettingsBody): Promise<AlertingSettingsBody> {
  requirePermission(ctx, 'tenant:settings');
  return deps.tx.withTenant(ctx, async (sql) => {
    for (const userId of body.onCall) {
      const member = await deps.repos.team.member(sql, ctx.tenantId, userId);
      if (member?.role !== 'clinician' && member?.role !== 'admin') {
        throw new AppError('validation_failed', `onCall: ${userId} is not a clinician or admin of this organisation.`);
      }
    }
    await deps.monitoring.alerting.setOnCall(sql, ctx.tenantId, body.onCall);
    await deps.monitoring.alerting.setCriticalBreaksQuietHours(sql, ctx.tenantId, body.criticalBreaksQuietHours, deps.clock.now());
    await recordAudit(deps, sql, ctx.tenantId, { action: 'alerting.settings_changed', actorUserId: ctx.userId, targetType: 'tenant', targetId: ctx.tenantId, details: { ...body } });
    return body;
  });
}
