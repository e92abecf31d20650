import type { DailyPoint, DailySeries } from '../../../domain/analytics/index.ts';
import { nightTotalCategory, nightTotals, type DailyValue } from '../../../domain/ingest/index.ts';
import type { PersonRef, Sql } from '../../ports.ts';
import type { InsightDeps } from '../insight-deps.ts';

const SLEEP_STAGE = 'sleep_stage';

const pointOf = (day: DailyValue): DailyPoint => ({ date: day.date, value: day.value, status: day.status });

/**
 * Daily series of several metrics of a person over [from, to], from the rollups, inside the
 * caller's transaction. Night totals (minutes asleep, in bed, per stage) are combined with what
 * the stage intervals add up to exactly as GET /api/v1/daily does (`nightTotals`), reading the
 * stage nights once for all of them.
 */
export async function readDailySeries(
  deps: Pick<InsightDeps, 'ingest'>,
  sql: Sql,
  person: PersonRef,
  metrics: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, DailySeries>> {
  const nightMetrics = metrics.filter((metric) => nightTotalCategory(metric) !== undefined);
  const stageNights = nightMetrics.length > 0 ? await deps.ingest.dailyValues.list(sql, person, SLEEP_STAGE, from, to) : [];
  const priorities = nightMetrics.length > 0 ? await deps.ingest.sourcePriorities.priorities(sql, person, nightMetrics) : new Map<string, string[]>();
  const series = new Map<string, DailySeries>();
  for (const metric of metrics) {
    const reported = await deps.ingest.dailyValues.list(sql, person, metric, from, to);
    const days = nightMetrics.includes(metric) ? nightTotals(metric, reported, stageNights, priorities.get(metric) ?? []) : reported;
    series.set(metric, days.map(pointOf));
  }
  return series;
}

/** The series, or undefined when it holds no day: scores leave out a component without a source. */
export function presentSeries(series: DailySeries | undefined): DailySeries | undefined {
  return series && series.length > 0 ? series : undefined;
}
