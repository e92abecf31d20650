import { addDays, FORECAST_SETTINGS, forecastNextDays, type Forecast, type ForecastMetric } from '../../domain/analytics/index.ts';
import type { RequestContext } from '../identity/resolve-tenant.ts';
import type { InsightDeps } from './insight-deps.ts';
import { insightSubject } from './series/insight-subject.ts';
import { readDailySeries } from './series/read-daily-series.ts';

export const FORECAST_METRICS = Object.keys(FORECAST_SETTINGS) as ForecastMetric[];

export interface ForecastsQuery {
  /** One metric; absent: all of weight, resting heart rate, HRV and sleep. */
  metric?: ForecastMetric;
  userId?: string;
}

export interface Forecasts {
  today: string;
  forecasts: Array<Forecast & { metric: ForecastMetric }>;
}

/** The next 7 days of each metric with prediction intervals, or how much more data a forecast needs. */
export async function getForecasts(deps: InsightDeps, ctx: RequestContext, query: ForecastsQuery): Promise<Forecasts> {
  const metrics = query.metric === undefined ? FORECAST_METRICS : [query.metric];
  const longestWindow = Math.max(...metrics.map((metric) => FORECAST_SETTINGS[metric].windowDays));
  return deps.tx.withTenant(ctx, async (sql) => {
    const { person, today } = await insightSubject(deps, sql, ctx, query.userId, 'forecasts');
    const series = await readDailySeries(deps, sql, person, metrics, addDays(today, 1 - longestWindow), today);
    return { today, forecasts: metrics.map((metric) => ({ ...forecastNextDays(metric, series.get(metric) ?? [], { today }), metric })) };
  });
}
