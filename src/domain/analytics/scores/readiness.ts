import { baselineBefore } from '../series/baseline.ts';
import { addDays, datesBetween } from '../series/calendar-date.ts';
import { countedOn, countedValues, indexByDate, type DailySeries, type DayIndex } from '../series/daily-series.ts';
import type { ScoreResult } from './score-result.ts';
import {
  DEFAULT_SLEEP_NEED_MINUTES,
  SCORE_BASELINE,
  applicableWeights,
  baselineComponent,
  clampPoints,
  combineComponents,
  sleepDurationComponent,
  type ComponentDraft,
} from './score-scale.ts';

export const READINESS_VERSION = 'readiness.v1';

/** Nominal weights; without a temperature source the rest are re-weighted to sum to 1. */
export const READINESS_WEIGHTS = {
  hrv_rmssd: 0.3,
  resting_heart_rate: 0.25,
  sleep_duration: 0.2,
  previous_day_steps: 0.15,
  temperature_deviation: 0.1,
} as const;

/** Smallest SD a baseline is taken to have, so a very steady baseline cannot inflate z. */
const SD_FLOOR = { hrv_rmssd: 3, resting_heart_rate: 1, steps: 1000 } as const;

export interface ReadinessInputs {
  /** Nightly RMSSD, ms, on the morning's date. */
  readonly hrv: DailySeries;
  /** Resting heart rate, /min. */
  readonly restingHeartRate: DailySeries;
  /** Minutes asleep, on the morning's date. */
  readonly sleepDuration: DailySeries;
  /** Daily steps; the day before is the load being recovered from. */
  readonly steps: DailySeries;
  /** Nightly temperature deviation from the person's norm, Cel; only when they have a source. */
  readonly temperatureDeviation?: DailySeries;
}

export interface ReadinessOptions {
  readonly sleepNeedMinutes?: number;
}

interface ReadinessIndexes {
  readonly hrv: DayIndex;
  readonly restingHeartRate: DayIndex;
  readonly sleepDuration: DayIndex;
  readonly steps: DayIndex;
  readonly temperatureDeviation?: DayIndex;
  readonly weights: Partial<Record<keyof typeof READINESS_WEIGHTS, number>>;
}

/** 100 within ±0.2 °C of the person's norm, 0 from ±1.0 °C. */
export function temperaturePoints(deviation: number): number {
  return clampPoints(100 - (100 * Math.max(0, Math.abs(deviation) - 0.2)) / 0.8);
}

/** Readiness for every date of [from, to]: how recovered the body looks against its own recent baseline. */
export function readinessScores(inputs: ReadinessInputs, from: string, to: string, options: ReadinessOptions = {}): ScoreResult<typeof READINESS_VERSION>[] {
  const indexes: ReadinessIndexes = {
    hrv: indexByDate(inputs.hrv),
    restingHeartRate: indexByDate(inputs.restingHeartRate),
    sleepDuration: indexByDate(inputs.sleepDuration),
    steps: indexByDate(inputs.steps),
    ...(inputs.temperatureDeviation ? { temperatureDeviation: indexByDate(inputs.temperatureDeviation) } : {}),
    weights: applicableWeights(READINESS_WEIGHTS, { temperature_deviation: inputs.temperatureDeviation !== undefined }),
  };
  const needMinutes = options.sleepNeedMinutes ?? DEFAULT_SLEEP_NEED_MINUTES;
  return datesBetween(from, to).map((date) => readinessOn(indexes, date, needMinutes));
}

function readinessOn(indexes: ReadinessIndexes, date: string, needMinutes: number): ScoreResult<typeof READINESS_VERSION> {
  const version = READINESS_VERSION;
  const hrvBaseline = baselineBefore(indexes.hrv, date, SCORE_BASELINE);
  const rhrBaseline = baselineBefore(indexes.restingHeartRate, date, SCORE_BASELINE);
  if (!hrvBaseline.ok || !rhrBaseline.ok) {
    const nightsWithData = Math.min(...[indexes.hrv, indexes.restingHeartRate].map((index) => countedValues(index, addDays(date, -SCORE_BASELINE.windowDays), addDays(date, -1)).length));
    return { ok: false, version, date, reason: 'warming up', nightsWithData, nightsNeeded: SCORE_BASELINE.minDays };
  }
  const hrv = countedOn(indexes.hrv, date);
  const restingHeartRate = countedOn(indexes.restingHeartRate, date);
  if (hrv === undefined || restingHeartRate === undefined) {
    const missing = Object.entries({ hrv_rmssd: hrv, resting_heart_rate: restingHeartRate }).flatMap(([id, value]) => (value === undefined ? [id] : []));
    return { ok: false, version, date, reason: 'no data for the day', missing };
  }
  const drafts: ComponentDraft[] = [
    baselineComponent('hrv_rmssd', hrv, 'ms', hrvBaseline, SD_FLOOR.hrv_rmssd, 'higher'),
    baselineComponent('resting_heart_rate', restingHeartRate, '/min', rhrBaseline, SD_FLOOR.resting_heart_rate, 'lower'),
  ];
  const sleep = countedOn(indexes.sleepDuration, date);
  if (sleep !== undefined) drafts.push(sleepDurationComponent(sleep, needMinutes));
  const yesterday = addDays(date, -1);
  const steps = countedOn(indexes.steps, yesterday);
  const stepsBaseline = baselineBefore(indexes.steps, yesterday, SCORE_BASELINE);
  if (steps !== undefined && stepsBaseline.ok) drafts.push(baselineComponent('previous_day_steps', steps, '{steps}', stepsBaseline, SD_FLOOR.steps, 'lower'));
  const temperature = indexes.temperatureDeviation && countedOn(indexes.temperatureDeviation, date);
  if (temperature !== undefined) {
    drafts.push({ id: 'temperature_deviation', value: temperature, unit: 'Cel', reference: { kind: 'target', value: 0 }, points: temperaturePoints(temperature) });
  }
  const fullness = Math.min(hrvBaseline.n, rhrBaseline.n) / SCORE_BASELINE.windowDays;
  return { ok: true, version, date, ...combineComponents(drafts, indexes.weights, fullness) };
}
