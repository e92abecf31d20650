import type { AlertView } from '../../../contracts/alerts.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { AppError } from '../../errors.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { Sql } from '../../ports.ts';
import { announceLiveEvents } from '../live/announce-live-events.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import type { AlertRecord, AlertState } from '../monitoring-ports.ts';
import { visibleAlert } from './alert-access.ts';
import { alertUpdated, alertView, type AlertChange } from './alert-view.ts';

export interface AlertStep {
  change: AlertChange;
  /** What the step does to the alert, in the caller's transaction; its result is audited and streamed. */
  apply(sql: Sql, alert: AlertRecord): Promise<{ alert: AlertRecord; details: Record<string, unknown> }>;
}

/**
 * One step of an alert's life by someone who watches its person (anyone else: 404): the step,
 * its audit entry and its `alert.updated` live event commit together; the stream connections
 * are told after.
 */
export async function changeAlert(deps: MonitoringDeps, ctx: RequestContext, id: string, step: AlertStep): Promise<AlertView> {
  const { alert, seq } = await deps.tx.withTenant(ctx, async (sql) => {
    const { alert, details } = await step.apply(sql, await visibleAlert(deps, sql, ctx, id));
    await recordAudit(deps, sql, ctx.tenantId, { action: `alert.${step.change}`, actorUserId: ctx.userId, targetType: 'alert', targetId: id, details: { userId: alert.userId, ...details } });
    const seq = await deps.monitoring.liveEvents.append(sql, ctx.tenantId, [alertUpdated(alert, step.change)], deps.clock.now());
    return { alert, seq };
  });
  await announceLiveEvents(deps, ctx.tenantId, seq, [alert.userId]);
  return alertView(alert);
}

/** Moves the alert from one of `from` to `to`; an alert past that answers 409 with where it is. */
export async function moveAlert(deps: MonitoringDeps, sql: Sql, ctx: RequestContext, alert: AlertRecord, from: readonly AlertState[], to: AlertState): Promise<AlertRecord> {
  const moved = await deps.monitoring.alerts.transition(sql, ctx.tenantId, alert.id, { from, to, by: ctx.userId, at: deps.clock.now(), ...(to === 'resolved' && { resolution: 'manual' as const }) });
  if (!moved) throw new AppError('conflict', `This alert is ${alert.state} already.`);
  return moved;
}
