import { addDays } from '../../../domain/analytics/index.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { PersonRef } from '../../ports.ts';
import type { InsightDeps } from '../insight-deps.ts';
import { BODY_METRICS } from '../series/analytics-inputs.ts';
import { insightSubject } from '../series/insight-subject.ts';
import { readDailySeries } from '../series/read-daily-series.ts';
import { lookUpDashboard, storeDashboard } from './dashboard-cache.ts';
import { DASHBOARD_LOOKBACK_DAYS, dashboardSummary } from './dashboard-summary.ts';

/** The dashboard as JSON text: a cache hit is sent without being parsed or serialized again. */
export type DashboardJson = string;

/**
 * The person's dashboard, cache-aside: served from the cache while their data is unchanged
 * (new samples, journal writes and alert changes invalidate it) and it is still the same local day; otherwise
 * computed from the daily rollups in one transaction and cached.
 */
export async function getDashboardSummary(deps: InsightDeps, ctx: RequestContext, userId?: string): Promise<DashboardJson> {
  const candidate: PersonRef = { tenantId: ctx.tenantId, userId: userId ?? ctx.userId };
  const own = candidate.userId === ctx.userId;
  // The caller's own dashboard may come from the cache without touching the database; a
  // clinician's read of a member passes the care-team check (and its audit entry) first.
  const early = own ? await lookUpDashboard(deps.cache, candidate, deps.clock.now()) : undefined;
  if (early && 'body' in early) return early.body;
  return deps.tx.withTenant(ctx, async (sql) => {
    const subject = await insightSubject(deps, sql, ctx, userId, 'dashboard');
    const lookup = early ?? (await lookUpDashboard(deps.cache, subject.person, deps.clock.now()));
    if ('body' in lookup) return lookup.body;
    const { person, today } = subject;
    const series = await readDailySeries(deps, sql, person, BODY_METRICS, addDays(today, -DASHBOARD_LOOKBACK_DAYS), today);
    const report = await deps.insight.correlationReports.get(sql, person);
    const openAlerts = await deps.alerts.countOpen(sql, person);
    const now = deps.clock.now();
    const body = JSON.stringify(dashboardSummary({ userId: person.userId, today, asOf: now.toISOString(), series, findings: report?.findings ?? [], openAlerts }));
    await storeDashboard(deps.cache, person, { generation: lookup.generation, validUntil: subject.endsAt, body }, deps.insightSettings.dashboardTtlMs, now);
    return body;
  });
}
