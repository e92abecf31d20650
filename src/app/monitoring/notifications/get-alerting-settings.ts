import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';

/** Who is on call in the tenant and whether critical alerts break quiet hours: anyone in the tenant may read it. */
export async function getAlertingSettings(deps: MonitoringDeps, ctx: RequestContext): Promise<{ onCall: string[]; criticalBreaksQuietHours: boolean }> {
  return deps.tx.withTenant(ctx, async (sql) => ({
    onCall: await deps.monitoring.alerting.onCall(sql, ctx.tenantId),
    criticalBreaksQuietHours: await deps.monitoring.alerting.criticalBreaksQuietHours(sql, ctx.tenantId),
  }));
}
