import type { PreferencesBody } from '../../../contracts/notifications.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import type { NotificationPreferences } from '../monitoring-ports.ts';
import { scheduleDailySummary } from './schedule-daily-summary.ts';

/** Replaces the caller's preferences (audited) and, with a daily summary time, queues the next summary. */
export async function setPreferences(deps: MonitoringDeps, ctx: RequestContext, body: PreferencesBody): Promise<NotificationPreferences & { timeZone: string }> {
  const saved = await deps.tx.withTenant(ctx, async (sql) => {
    await deps.monitoring.preferences.save(sql, ctx, body, deps.clock.now());
    await recordAudit(deps, sql, ctx.tenantId, { action: 'notifications.preferences_changed', actorUserId: ctx.userId, targetType: 'user', targetId: ctx.userId, details: { ...body } });
    return { ...body, timeZone: (await deps.ingest.people.timeZone(sql, ctx.userId)) ?? 'UTC' };
  });
  if (saved.dailySummaryAt !== null) await scheduleDailySummary(deps, ctx, saved.dailySummaryAt, saved.timeZone);
  return saved;
}
