import { recordAudit } from '../../audit/record-audit.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import { notFound } from '../../ingest/ingest-deps.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';

/**
 * Marks one notification of the caller's (404 if it is not theirs), or all their unread ones,
 * read; audited when anything changed. Returns how many changed and how many stay unread.
 */
export async function markNotificationsRead(deps: MonitoringDeps, ctx: RequestContext, id?: string): Promise<{ marked: number; unread: number }> {
  return deps.tx.withTenant(ctx, async (sql) => {
    const { notifications } = deps.monitoring;
    if (id !== undefined && !(await notifications.exists(sql, ctx, id))) throw notFound();
    const marked = await notifications.markRead(sql, ctx, id === undefined ? undefined : [id], deps.clock.now());
    if (marked > 0) {
      await recordAudit(deps, sql, ctx.tenantId, { action: 'notifications.read', actorUserId: ctx.userId, targetType: 'user', targetId: ctx.userId, details: { marked, ...(id && { notificationId: id }) } });
    }
    return { marked, unread: await notifications.unreadCount(sql, ctx) };
  });
}
