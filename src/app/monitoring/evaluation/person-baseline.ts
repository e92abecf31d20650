import type { Baseline } from '../../../domain/rules/index.ts';
import type { PersonRef, Sql } from '../../ports.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import type { RuleState } from '../monitoring-ports.ts';

const DAY_MS = 86_400_000;
/** Thresholds relative to a person are relative to their last four weeks of readings. */
export const BASELINE_DAYS = 28;
/** Fewer readings, or readings on fewer days, are no baseline: the rules relative to it wait. */
export const MIN_BASELINE_READINGS = 100;
export const MIN_BASELINE_DAYS = 3;

export interface DatedBaseline {
  baseline?: Baseline;
  /** The UTC date it holds for. */
  date: string;
}

/**
 * The person's baseline of a metric for today (UTC): the mean and sample SD of their readings
 * over the 28 days before today. Samples, not daily values, since rules compare single
 * readings with it. Computed once a day and kept with the rule state.
 */
export async function personBaseline(deps: Pick<MonitoringDeps, 'monitoring'>, sql: Sql, person: PersonRef, metric: string, state: RuleState | undefined, now: Date): Promise<DatedBaseline> {
  const date = now.toISOString().slice(0, 10);
  if (state?.baselineDate === date) return { ...(state.baseline && { baseline: state.baseline }), date };
  const end = Date.parse(date);
  const stats = await deps.monitoring.readings.baseline(sql, person, metric, end - BASELINE_DAYS * DAY_MS, end);
  const usable = stats !== undefined && stats.count >= MIN_BASELINE_READINGS && stats.days >= MIN_BASELINE_DAYS;
  return usable ? { baseline: { mean: stats.mean, sd: stats.sd }, date } : { date };
}
