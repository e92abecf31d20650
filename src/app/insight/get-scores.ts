import { addDays, daysBetween, readinessScores, sleepScores, SCORE_BASELINE, type ScoreResult, type READINESS_VERSION, type SLEEP_SCORE_VERSION } from '../../domain/analytics/index.ts';
import { METRICS } from '../../domain/metrics/index.ts';
import { AppError } from '../errors.ts';
import type { RequestContext } from '../identity/resolve-tenant.ts';
import type { InsightDeps } from './insight-deps.ts';
import { insightSubject } from './series/insight-subject.ts';
import { BODY_METRICS, readinessInputs, SLEEP } from './series/analytics-inputs.ts';
import { localDateInput } from './series/local-date-input.ts';
import { presentSeries, readDailySeries } from './series/read-daily-series.ts';

export const DEFAULT_SCORE_DAYS = 30;
export const MAX_SCORE_DAYS = 366;

const TIME_IN_BED = 'time_in_bed';
const DEEP = 'sleep_deep';
const REM = 'sleep_rem';
const VENDOR_SCORES = METRICS.filter((metric) => metric.vendor !== undefined);

export interface ScoresQuery {
  from?: string;
  to?: string;
  userId?: string;
}

/** A vendor's own score, as the vendor computed it: shown beside ours, never blended in. */
export interface VendorScore {
  metric: string;
  vendor: string;
  unit: string;
  days: Array<{ date: string; value: number }>;
}

export interface Scores {
  from: string;
  to: string;
  readiness: ScoreResult<typeof READINESS_VERSION>[];
  sleep: ScoreResult<typeof SLEEP_SCORE_VERSION>[];
  vendor: VendorScore[];
}

/** Readiness and sleep scores of every day in [from, to] (default: the last 30 days), with the vendors' scores beside them. */
export async function getScores(deps: InsightDeps, ctx: RequestContext, query: ScoresQuery): Promise<Scores> {
  return deps.tx.withTenant(ctx, async (sql) => {
    const { person, today } = await insightSubject(deps, sql, ctx, query.userId, 'scores');
    const to = query.to === undefined ? today : localDateInput(query.to, 'to');
    const from = query.from === undefined ? addDays(to, 1 - DEFAULT_SCORE_DAYS) : localDateInput(query.from, 'from');
    const span = daysBetween(from, to) + 1;
    if (span < 1) throw new AppError('validation_failed', 'from must not be after to.');
    if (span > MAX_SCORE_DAYS) throw new AppError('validation_failed', `Ask for at most ${MAX_SCORE_DAYS} days of scores at once.`);

    // Each day's 21-night baseline, and the steps of the day before with their own baseline.
    const inputsFrom = addDays(from, -(SCORE_BASELINE.windowDays + 1));
    const series = await readDailySeries(deps, sql, person, [...BODY_METRICS, TIME_IN_BED, DEEP, REM], inputsFrom, to);
    const vendorSeries = await readDailySeries(deps, sql, person, VENDOR_SCORES.map((metric) => metric.id), from, to);
    const readiness = readinessScores(readinessInputs(series), from, to);
    const sleep = sleepScores(
      { sleepDuration: series.get(SLEEP) ?? [], timeInBed: presentSeries(series.get(TIME_IN_BED)), deepSleep: presentSeries(series.get(DEEP)), remSleep: presentSeries(series.get(REM)) },
      from,
      to,
    );
    const vendor = VENDOR_SCORES.flatMap((metric): VendorScore[] => {
      const days = (vendorSeries.get(metric.id) ?? []).flatMap((day) => (day.value === null ? [] : [{ date: day.date, value: day.value }]));
      return days.length === 0 ? [] : [{ metric: metric.id, vendor: metric.vendor!, unit: metric.unit, days }];
    });
    return { from, to, readiness, sleep, vendor };
  });
}
