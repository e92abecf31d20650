import type { DailySeries, ScoreResult } from '../../../domain/analytics/index.ts';

/** Scored days as a daily series (days without a score are gaps), so scores get baselines and correlations like any metric. */
export function scoreSeries(results: readonly ScoreResult<string>[]): DailySeries {
  return results.map((result) => ({ date: result.date, value: result.ok ? result.score : null }));
}
