import type { NotificationView } from '../../../contracts/notifications.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import type { NotificationRecord } from '../monitoring-ports.ts';

export const notificationView = (n: NotificationRecord): NotificationView => ({
  id: n.id,
  ...(n.alertId !== null && { alertId: n.alertId }),
  severity: n.severity,
  title: n.title,
  body: n.body,
  createdAt: n.createdAt,
  ...(n.readAt !== null && { readAt: n.readAt }),
});

/** The caller's inbox, newest first, and how many are unread. */
export async function listNotifications(deps: MonitoringDeps, ctx: RequestContext, query: { unread?: boolean; before?: string; limit: number }) {
  return deps.tx.withTenant(ctx, async (sql) => {
    const items = await deps.monitoring.notifications.page(sql, ctx, query);
    return { items: items.map(notificationView), unread: await deps.monitoring.notifications.unreadCount(sql, ctx) };
  });
}
