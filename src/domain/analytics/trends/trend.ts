import { baselineBefore, type Baseline } from '../series/baseline.ts';
import { addDays, datesBetween } from '../series/calendar-date.ts';
import { countedValues, dayEntry, indexByDate, type DailySeries, type DayState } from '../series/daily-series.ts';
import { describe, type Description } from '../stats/descriptives.ts';
import { unavailable, type StatResult } from '../stats/stat-result.ts';
import { welchTest, type MeanDifference, type MeanDifferenceReason } from '../stats/welch.ts';

export type TrendWindow = '7d' | '30d' | '90d' | '1y';

export const TREND_WINDOW_DAYS: Readonly<Record<TrendWindow, number>> = { '7d': 7, '30d': 30, '90d': 90, '1y': 365 };

/** Significance level of "more than noise": the 95% interval of the change excludes zero. */
export const TREND_ALPHA = 0.05;

export interface TrendDay {
  readonly date: string;
  readonly value: number | null;
  readonly state: DayState;
  /** The 28-day baseline before this day (the day itself excluded). */
  readonly baseline: Baseline;
}

export interface TrendChange extends MeanDifference {
  readonly method: 'welch-t';
  /** Change relative to the previous window's mean; absent when that mean is 0. */
  readonly relative?: number;
  /** True when p < TREND_ALPHA: the change is larger than day-to-day noise explains. */
  readonly beyondNoise: boolean;
  readonly direction: 'up' | 'down' | 'no clear change';
}

export interface Trend {
  readonly window: TrendWindow;
  readonly from: string;
  readonly to: string;
  readonly days: readonly TrendDay[];
  readonly current: StatResult<Description, 'too few values'>;
  readonly previous: StatResult<Description, 'too few values'>;
  readonly change: StatResult<TrendChange, MeanDifferenceReason>;
}

/**
 * The window ending `today` and the same-length window before it: every calendar day with its
 * baseline band, both windows' summaries, and the change between them with a Welch test.
 * Daily values are autocorrelated, so the test is somewhat optimistic; docs/scores.md says so.
 */
export function trend(series: DailySeries, window: TrendWindow, today: string): Trend {
  const index = indexByDate(series);
  const length = TREND_WINDOW_DAYS[window];
  const from = addDays(today, 1 - length);
  const previousFrom = addDays(from, -length);
  const previousTo = addDays(from, -1);
  const currentValues = countedValues(index, from, today);
  const previousValues = countedValues(index, previousFrom, previousTo);
  const days = datesBetween(from, today).map((date): TrendDay => ({ date, ...dayEntry(index, date), baseline: baselineBefore(index, date) }));
  return {
    window,
    from,
    to: today,
    days,
    current: describe(currentValues),
    previous: describe(previousValues),
    change: changeBetween(currentValues, previousValues),
  };
}

function changeBetween(current: readonly number[], previous: readonly number[]): StatResult<TrendChange, MeanDifferenceReason> {
  const test = welchTest(current, previous);
  if (!test.ok) return unavailable(test.reason);
  const beyondNoise = test.p < TREND_ALPHA;
  return {
    ...test,
    method: 'welch-t',
    ...(test.meanB === 0 ? {} : { relative: test.difference / Math.abs(test.meanB) }),
    beyondNoise,
    direction: !beyondNoise ? 'no clear change' : test.difference > 0 ? 'up' : 'down',
  };
}
