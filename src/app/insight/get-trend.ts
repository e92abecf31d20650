import { addDays, BASELINE_WINDOW_DAYS, TREND_WINDOW_DAYS, trend, type Trend, type TrendWindow } from '../../domain/analytics/index.ts';
import { getMetric } from '../../domain/metrics/index.ts';
import { AppError } from '../errors.ts';
import type { RequestContext } from '../identity/resolve-tenant.ts';
import type { InsightDeps } from './insight-deps.ts';
import { insightSubject } from './series/insight-subject.ts';
import { readDailySeries } from './series/read-daily-series.ts';

export interface TrendQuery {
  metric: string;
  window: TrendWindow;
  userId?: string;
}

export type MetricTrend = Trend & { metric: string; unit: string };

/** A metric's daily series over the window with its baseline band, and the change against the window before. */
export async function getTrend(deps: InsightDeps, ctx: RequestContext, query: TrendQuery): Promise<MetricTrend> {
  const metric = getMetric(query.metric);
  if (!metric) throw new AppError('validation_failed', `Unknown metric "${query.metric}".`);
  return deps.tx.withTenant(ctx, async (sql) => {
    const { person, today } = await insightSubject(deps, sql, ctx, query.userId, 'trend');
    // Both windows, and the baseline before the first day shown.
    const from = addDays(today, -(2 * TREND_WINDOW_DAYS[query.window] + BASELINE_WINDOW_DAYS));
    const series = await readDailySeries(deps, sql, person, [metric.id], from, today);
    return { metric: metric.id, unit: metric.unit, ...trend(series.get(metric.id) ?? [], query.window, today) };
  });
}
