import { addDays, daysBetween } from '../series/calendar-date.ts';
import { countedDays, indexByDate, type DailySeries } from '../series/daily-series.ts';
import { fitLine, predictAt } from '../stats/linear-regression.ts';

export type ForecastMetric = 'weight' | 'resting_heart_rate' | 'hrv_rmssd' | 'sleep_duration';

export interface ForecastSettings {
  /** Calendar days, ending today, the line is fitted to. */
  readonly windowDays: number;
  /** Fewest counted days in that window worth a forecast. */
  readonly minPoints: number;
}

/**
 * Weight moves slowly and is often logged a few times a week, so it gets a longer window and a
 * lower bar; the nightly metrics are fitted to four weeks of near-daily readings.
 */
export const FORECAST_SETTINGS: Readonly<Record<ForecastMetric, ForecastSettings>> = {
  weight: { windowDays: 42, minPoints: 6 },
  resting_heart_rate: { windowDays: 28, minPoints: 14 },
  hrv_rmssd: { windowDays: 28, minPoints: 14 },
  sleep_duration: { windowDays: 28, minPoints: 14 },
};

export const FORECAST_VERSION = 'forecast.linear-trend.v1';

export interface ForecastDay {
  readonly date: string;
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

export type Forecast =
  | {
      readonly ok: true;
      readonly metric: ForecastMetric;
      readonly version: typeof FORECAST_VERSION;
      readonly confidence: number;
      readonly fittedFrom: string;
      readonly fittedTo: string;
      readonly n: number;
      readonly slopePerDay: number;
      readonly residualSd: number;
      readonly days: readonly ForecastDay[];
    }
  | { readonly ok: false; readonly reason: 'not enough data'; readonly have: number; readonly need: number };

export interface ForecastOptions {
  readonly today: string;
  readonly horizonDays?: number;
  /** Coverage of each day's prediction interval. */
  readonly confidence?: number;
}

/**
 * The next days from a least-squares line through the recent window, each with a prediction
 * interval from the residual standard error and t quantiles (n - 2 df). Deliberately simple: it
 * extrapolates the recent direction and says how unsure it is, nothing cleverer.
 */
export function forecastNextDays(metric: ForecastMetric, series: DailySeries, options: ForecastOptions): Forecast {
  const { today, horizonDays = 7, confidence = 0.8 } = options;
  const { windowDays, minPoints } = FORECAST_SETTINGS[metric];
  const fittedFrom = addDays(today, 1 - windowDays);
  const days = countedDays(indexByDate(series), fittedFrom, today);
  const notEnough = { ok: false, reason: 'not enough data', have: days.length, need: minPoints } as const;
  if (days.length < minPoints) return notEnough;
  // x is days relative to today, so the intercept is today's fitted level.
  const fit = fitLine(days.map((day) => ({ x: daysBetween(today, day.date), y: day.value })));
  if (!fit.ok) return notEnough;
  return {
    ok: true,
    metric,
    version: FORECAST_VERSION,
    confidence,
    fittedFrom,
    fittedTo: today,
    n: fit.n,
    slopePerDay: fit.slope,
    residualSd: fit.residualSd,
    days: Array.from({ length: horizonDays }, (_, i) => ({ date: addDays(today, i + 1), ...predictAt(fit, i + 1, confidence) })),
  };
}
