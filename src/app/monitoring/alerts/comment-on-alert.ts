import type { AlertComment } from '../../../contracts/alerts.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import type { CommentRecord } from '../monitoring-ports.ts';
import { changeAlert } from './change-alert.ts';

/** A comment on an alert, in any state, by someone who watches its person. */
export async function commentOnAlert(deps: MonitoringDeps, ctx: RequestContext, id: string, body: string): Promise<AlertComment> {
  let added: CommentRecord | undefined;
  await changeAlert(deps, ctx, id, {
    change: 'commented',
    apply: async (sql, alert) => {
      added = await deps.monitoring.comments.insert(sql, alert, { id: deps.ids.newId(), authorId: ctx.userId, body }, deps.clock.now());
      return { alert, details: { commentId: added.id } };
    },
  });
  return added!;
}
