import type { DailySeries, ReadinessInputs, RiskFlagInputs } from '../../../domain/analytics/index.ts';
import { presentSeries } from './read-daily-series.ts';

/** The daily metrics the scores, flags and dashboard read. */
export const SLEEP = 'sleep_duration';
export const HRV = 'hrv_rmssd';
export const RESTING_HR = 'resting_heart_rate';
export const STEPS = 'steps';
export const TEMPERATURE = 'temperature_deviation';

/** Everything readiness and the risk flags read; steps are the training load. */
export const BODY_METRICS = [SLEEP, HRV, RESTING_HR, STEPS, TEMPERATURE] as const;

type SeriesByMetric = ReadonlyMap<string, DailySeries>;

const of = (series: SeriesByMetric, metric: string): DailySeries => series.get(metric) ?? [];

/** Temperature only for a person who has a source for it, so it neither scores nor dilutes confidence otherwise. */
export function readinessInputs(series: SeriesByMetric): ReadinessInputs {
  return {
    hrv: of(series, HRV),
    restingHeartRate: of(series, RESTING_HR),
    sleepDuration: of(series, SLEEP),
    steps: of(series, STEPS),
    temperatureDeviation: presentSeries(series.get(TEMPERATURE)),
  };
}

export function riskFlagInputs(series: SeriesByMetric): RiskFlagInputs {
  const { hrv, restingHeartRate, sleepDuration, steps, temperatureDeviation } = readinessInputs(series);
  return { hrv, restingHeartRate, sleepDuration, load: steps, temperatureDeviation };
}
