import { baselineBefore } from '../series/baseline.ts';
import { addDays, datesBetween } from '../series/calendar-date.ts';
import { countedOn, countedValues, countedValuesEnding, indexByDate, type DailySeries, type DayIndex, type DailyPoint } from '../series/daily-series.ts';
import { describe } from '../stats/descriptives.ts';
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

export const SLEEP_SCORE_VERSION = 'sleep.v1';

export const SLEEP_SCORE_WEIGHTS = {
  sleep_duration: 0.45,
  sleep_efficiency: 0.2,
  restorative_sleep: 0.2,
  duration_regularity: 0.15,
} as const;

/** Nights, ending with the scored one, whose spread of duration measures regularity. */
export const REGULARITY_NIGHTS = 7;
const REGULARITY_MIN_NIGHTS = 4;
const RESTORATIVE_SD_FLOOR_MINUTES = 10;

export interface SleepScoreInputs {
  /** Minutes asleep, on the morning's date. */
  readonly sleepDuration: DailySeries;
  readonly timeInBed?: DailySeries;
  readonly deepSleep?: DailySeries;
  readonly remSleep?: DailySeries;
}

export interface SleepScoreOptions {
  readonly sleepNeedMinutes?: number;
}

interface SleepIndexes {
  readonly duration: DayIndex;
  readonly timeInBed: DayIndex;
  /** Deep + REM minutes, on nights that have both. */
  readonly restorative: DayIndex;
  readonly weights: Partial<Record<keyof typeof SLEEP_SCORE_WEIGHTS, number>>;
}

/** 0 points at 65% of time in bed asleep, 100 from 90%. */
export function efficiencyPoints(efficiency: number): number {
  return clampPoints(((efficiency - 0.65) / 0.25) * 100);
}

/** 100 points when the last week's durations vary by at most 30 min (SD), 0 from 120 min. */
export function regularityPoints(sdMinutes: number): number {
  return clampPoints(100 - ((sdMinutes - 30) / 90) * 100);
}

function restorativeSeries(deep: DailySeries, rem: DailySeries): DailyPoint[] {
  const deepIndex = indexByDate(deep);
  const remIndex = indexByDate(rem);
  return [...deepIndex.keys()].flatMap((date) => {
    const deepMinutes = countedOn(deepIndex, date);
    const remMinutes = countedOn(remIndex, date);
    return deepMinutes === undefined || remMinutes === undefined ? [] : [{ date, value: deepMinutes + remMinutes }];
  });
}

/** Sleep score for every date of [from, to], the night that ended that morning. */
export function sleepScores(inputs: SleepScoreInputs, from: string, to: string, options: SleepScoreOptions = {}): ScoreResult<typeof SLEEP_SCORE_VERSION>[] {
  const indexes: SleepIndexes = {
    duration: indexByDate(inputs.sleepDuration),
    timeInBed: indexByDate(inputs.timeInBed ?? []),
    restorative: indexByDate(restorativeSeries(inputs.deepSleep ?? [], inputs.remSleep ?? [])),
    weights: applicableWeights(SLEEP_SCORE_WEIGHTS, {
      sleep_efficiency: inputs.timeInBed !== undefined,
      restorative_sleep: inputs.deepSleep !== undefined && inputs.remSleep !== undefined,
    }),
  };
  const needMinutes = options.sleepNeedMinutes ?? DEFAULT_SLEEP_NEED_MINUTES;
  return datesBetween(from, to).map((date) => sleepScoreOn(indexes, date, needMinutes));
}

function sleepScoreOn(indexes: SleepIndexes, date: string, needMinutes: number): ScoreResult<typeof SLEEP_SCORE_VERSION> {
  const version = SLEEP_SCORE_VERSION;
  const baseline = baselineBefore(indexes.duration, date, SCORE_BASELINE);
  if (!baseline.ok) {
    const nightsWithData = countedValues(indexes.duration, addDays(date, -SCORE_BASELINE.windowDays), addDays(date, -1)).length;
    return { ok: false, version, date, reason: 'warming up', nightsWithData, nightsNeeded: SCORE_BASELINE.minDays };
  }
  const asleep = countedOn(indexes.duration, date);
  if (asleep === undefined) return { ok: false, version, date, reason: 'no data for the day', missing: ['sleep_duration'] };
  const drafts: ComponentDraft[] = [sleepDurationComponent(asleep, needMinutes)];
  const inBed = countedOn(indexes.timeInBed, date);
  if (inBed !== undefined && inBed > 0) {
    const efficiency = Math.min(1, asleep / inBed);
    drafts.push({ id: 'sleep_efficiency', value: efficiency, unit: '1', reference: { kind: 'target', value: 0.9 }, points: efficiencyPoints(efficiency) });
  }
  const restorative = countedOn(indexes.restorative, date);
  const restorativeBaseline = baselineBefore(indexes.restorative, date, SCORE_BASELINE);
  if (restorative !== undefined && restorativeBaseline.ok) {
    drafts.push(baselineComponent('restorative_sleep', restorative, 'min', restorativeBaseline, RESTORATIVE_SD_FLOOR_MINUTES, 'higher'));
  }
  const recentNights = countedValuesEnding(indexes.duration, date, REGULARITY_NIGHTS);
  const spread = describe(recentNights);
  if (recentNights.length >= REGULARITY_MIN_NIGHTS && spread.ok) {
    drafts.push({ id: 'duration_regularity', value: spread.sd, unit: 'min', reference: { kind: 'target', value: 30 }, points: regularityPoints(spread.sd) });
  }
  return { ok: true, version, date, ...combineComponents(drafts, indexes.weights, baseline.n / SCORE_BASELINE.windowDays) };
}
