import { nightTotalCategory, nightTotals, type DailyValue, type SourceContribution } from '../../domain/ingest/index.ts';
import { getMetric } from '../../domain/metrics/index.ts';
import { AppError } from '../errors.ts';
import type { RequestContext } from '../identity/resolve-tenant.ts';
import type { IngestDeps } from './ingest-deps.ts';
import { readablePerson } from './read-access.ts';

/** About ten years: one request, one metric. */
export const MAX_DAILY_RANGE_DAYS = 3700;

export interface DailyQuery {
  metric: string;
  /** Local dates, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  userId?: string;
}

export interface DailyValues {
  metric: string;
  unit: string;
  days: Array<Omit<DailyValue, 'metric' | 'unit' | 'sources'> & { sources: SourceContribution[] }>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dayNumber(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!DATE.test(date) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new AppError('validation_failed', `${date} is not a date (YYYY-MM-DD).`);
  }
  return ms / 86_400_000;
}

/** One value per local day of a metric, with each day's provenance. Days without data are absent. */
export async function getDailyValues(deps: IngestDeps, ctx: RequestContext, query: DailyQuery): Promise<DailyValues> {
  const metric = getMetric(query.metric);
  if (!metric) throw new AppError('validation_failed', `Unknown metric "${query.metric}".`);
  const span = dayNumber(query.to) - dayNumber(query.from);
  if (span < 0) throw new AppError('validation_failed', 'from must not be after to.');
  if (span >= MAX_DAILY_RANGE_DAYS) throw new AppError('validation_failed', `Ask for at most ${MAX_DAILY_RANGE_DAYS} days at once.`);

  const values = await deps.tx.withTenant(ctx, async (sql) => {
    const person = await readablePerson(deps, sql, ctx, query.userId, { resource: 'daily', metric: metric.id, from: query.from, to: query.to });
    const reported = await deps.ingest.dailyValues.list(sql, person, metric.id, query.from, query.to);
    if (nightTotalCategory(metric.id) === undefined) return reported;
    // Sleep totals also come from the stage intervals of sources that record stages.
    const stageNights = await deps.ingest.dailyValues.list(sql, person, 'sleep_stage', query.from, query.to);
    const priority = (await deps.ingest.sourcePriorities.priorities(sql, person, [metric.id])).get(metric.id) ?? [];
    return nightTotals(metric.id, reported, stageNights, priority);
  });
  return {
    metric: metric.id,
    unit: metric.unit,
    days: values.map(({ metric: _metric, unit: _unit, sources, ...day }) => ({ ...day, sources: [...sources] })),
  };
}
