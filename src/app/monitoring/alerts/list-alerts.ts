import type { AlertCounts, AlertsQuery, AlertView } from '../../../contracts/alerts.ts';
import { SEVERITIES } from '../../../domain/rules/index.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import { notFound } from '../../ingest/ingest-deps.ts';
import type { Sql } from '../../ports.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import { auditAlertRead, watchesPerson } from './alert-access.ts';
import { alertView } from './alert-view.ts';

/**
 * The alerts of the people the caller watches (themselves, their care team, everyone while on
 * call), newest first, filtered by state, severity and person. A person the caller does not
 * watch answers 404.
 */
export async function listAlerts(deps: MonitoringDeps, ctx: RequestContext, query: AlertsQuery): Promise<AlertView[]> {
  return deps.tx.withTenant(ctx, async (sql) => {
    await checkPerson(deps, sql, ctx, query.userId);
    const alerts = await deps.monitoring.alerts.list(sql, ctx.tenantId, query);
    await auditAlertRead(deps, sql, ctx, alerts);
    return alerts.map(alertView);
  });
}

/** How many alerts the same filters find, by severity. */
export async function countAlerts(deps: MonitoringDeps, ctx: RequestContext, query: Pick<AlertsQuery, 'state' | 'userId'>): Promise<AlertCounts> {
  return deps.tx.withTenant(ctx, async (sql) => {
    await checkPerson(deps, sql, ctx, query.userId);
    const counts = await deps.monitoring.alerts.countsBySeverity(sql, ctx.tenantId, query);
    const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, counts[severity] ?? 0])) as Record<(typeof SEVERITIES)[number], number>;
    return { ...bySeverity, total: SEVERITIES.reduce((sum, severity) => sum + bySeverity[severity], 0) };
  });
}

async function checkPerson(deps: MonitoringDeps, sql: Sql, ctx: RequestContext, userId: string | undefined): Promise<void> {
  if (userId !== undefined && !(await watchesPerson(deps, sql, ctx, userId))) throw notFound();
}
