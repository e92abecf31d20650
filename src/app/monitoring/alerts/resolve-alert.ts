import type { AlertView } from '../../../contracts/alerts.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import { changeAlert, moveAlert } from './change-alert.ts';

/** Done with: open or acknowledged -> resolved. A note is kept as a comment. */
export function resolveAlert(deps: MonitoringDeps, ctx: RequestContext, id: string, note?: string): Promise<AlertView> {
  return changeAlert(deps, ctx, id, {
    change: 'resolved',
    apply: async (sql, alert) => {
      const resolved = await moveAlert(deps, sql, ctx, alert, ['open', 'acknowledged'], 'resolved');
      if (note === undefined) return { alert: resolved, details: { resolution: 'manual' } };
      const comment = await deps.monitoring.comments.insert(sql, alert, { id: deps.ids.newId(), authorId: ctx.userId, body: note }, deps.clock.now());
      return { alert: resolved, details: { resolution: 'manual', commentId: comment.id } };
    },
  });
}
