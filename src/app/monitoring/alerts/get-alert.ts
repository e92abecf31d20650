import type { AlertComment, AlertView } from '../../../contracts/alerts.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import { auditAlertRead, visibleAlert } from './alert-access.ts';
import { alertView } from './alert-view.ts';

/** One alert with its comments, for whoever watches its person; 404 for anyone else. */
export async function getAlert(deps: MonitoringDeps, ctx: RequestContext, id: string): Promise<AlertView & { comments: AlertComment[] }> {
  return deps.tx.withTenant(ctx, async (sql) => {
    const alert = await visibleAlert(deps, sql, ctx, id);
    const comments = await deps.monitoring.comments.list(sql, ctx.tenantId, id);
    await auditAlertRead(deps, sql, ctx, [alert]);
    return { ...alertView(alert), comments };
  });
}
