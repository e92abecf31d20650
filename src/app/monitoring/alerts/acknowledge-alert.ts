import type { AlertView } from '../../../contracts/alerts.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import { changeAlert, moveAlert } from './change-alert.ts';

/** Someone is on it: open -> acknowledged. */
export function acknowledgeAlert(deps: MonitoringDeps, ctx: RequestContext, id: string): Promise<AlertView> {
  return changeAlert(deps, ctx, id, {
    change: 'acknowledged',
    apply: async (sql, alert) => ({ alert: await moveAlert(deps, sql, ctx, alert, ['open'], 'acknowledged'), details: {} }),
  });
}
