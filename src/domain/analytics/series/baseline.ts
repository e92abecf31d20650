import { describe } from '../stats/descriptives.ts';
import { unavailable, type StatResult } from '../stats/stat-result.ts';
import { addDays } from './calendar-date.ts';
import { countedValues, type DayIndex } from './daily-series.ts';

export const BASELINE_WINDOW_DAYS = 28;
export const BASELINE_MIN_DAYS = 7;

export interface BaselineBand {
  readonly mean: number;
  readonly sd: number;
  /** mean - sd */
  readonly low: number;
  /** mean + sd */
  readonly high: number;
  /** Counted days behind the band. */
  readonly n: number;
}

export type Baseline = StatResult<BaselineBand, 'not enough days'>;

export interface BaselineWindow {
  readonly windowDays: number;
  readonly minDays: number;
}

const DEFAULT_WINDOW: BaselineWindow = { windowDays: BASELINE_WINDOW_DAYS, minDays: BASELINE_MIN_DAYS };

/**
 * Mean ± 1 SD of the counted days among the `windowDays` calendar days before `date`. The day
 * itself is left out so it is never compared with itself; gaps and not-worn days simply
 * contribute nothing, and too few counted days give a reason rather than a shaky band.
 */
export function baselineBefore(index: DayIndex, date: string, window: BaselineWindow = DEFAULT_WINDOW): Baseline {
  const values = countedValues(index, addDays(date, -window.windowDays), addDays(date, -1));
  const description = describe(values);
  if (values.length < window.minDays || !description.ok) return unavailable('not enough days');
  const { mean, sd, n } = description;
  return { ok: true, mean, sd, low: mean - sd, high: mean + sd, n };
}

/** Standard deviations from the baseline mean, with a floor on the SD so a near-constant baseline cannot turn a trivial wobble into a huge z. */
export function zScore(value: number, baseline: BaselineBand, sdFloor: number): number {
  return (value - baseline.mean) / Math.max(baseline.sd, sdFloor);
}
