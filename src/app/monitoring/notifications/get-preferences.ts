import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import type { NotificationPreferences } from '../monitoring-ports.ts';
import { DEFAULT_PREFERENCES } from './quiet-hours.ts';

/** The caller's notification preferences in this tenant (the defaults until they set any), with the time zone quiet hours are read in. */
export async function getPreferences(deps: MonitoringDeps, ctx: RequestContext): Promise<NotificationPreferences & { timeZone: string }> {
  return deps.tx.withTenant(ctx, async (sql) => ({
    ...((await deps.monitoring.preferences.get(sql, ctx)) ?? DEFAULT_PREFERENCES),
    timeZone: (await deps.ingest.people.timeZone(sql, ctx.userId)) ?? 'UTC',
  }));
}
