import { baselineBefore, zScore } from '../series/baseline.ts';
import { addDays } from '../series/calendar-date.ts';
import { countedOn, indexByDate, type DailySeries, type DayIndex } from '../series/daily-series.ts';
import { NOT_ENOUGH_DATA, WITHIN_NORMAL_RANGE, plainNumber, type FlagCheck, type RiskFlag } from './risk-flag.ts';

export const ILLNESS_RULE = {
  /** bpm above the 28-day baseline mean. */
  restingHeartRateRise: 3,
  /** SDs below the 28-day baseline mean. */
  hrvDropSd: 1,
  /** An SD is taken to be at least this many ms, so a very steady baseline cannot flag a trivial dip. */
  hrvSdFloor: 3,
  consecutiveDays: 2,
  /** Temperature deviation (°C) on one of the days that strengthens the flag to `likely`. */
  feverishDeviation: 0.5,
} as const;

export interface IllnessInputs {
  readonly restingHeartRate: DailySeries;
  readonly hrv: DailySeries;
  readonly temperatureDeviation?: DailySeries;
}

export interface IllnessDay {
  readonly date: string;
  readonly restingHeartRate: number;
  readonly restingHeartRateBaseline: number;
  readonly hrv: number;
  readonly hrvBaseline: number;
  /** SDs below the HRV baseline. */
  readonly hrvSdBelow: number;
  readonly temperatureDeviation?: number;
}

export type IllnessFlag = RiskFlag<'illness_onset', readonly IllnessDay[]>;

function illnessDay(rhr: DayIndex, hrv: DayIndex, temperature: DayIndex | undefined, date: string): IllnessDay | undefined {
  const restingHeartRate = countedOn(rhr, date);
  const hrvValue = countedOn(hrv, date);
  const rhrBaseline = baselineBefore(rhr, date);
  const hrvBaseline = baselineBefore(hrv, date);
  if (restingHeartRate === undefined || hrvValue === undefined || !rhrBaseline.ok || !hrvBaseline.ok) return undefined;
  const temperatureDeviation = temperature && countedOn(temperature, date);
  return {
    date,
    restingHeartRate,
    restingHeartRateBaseline: rhrBaseline.mean,
    hrv: hrvValue,
    hrvBaseline: hrvBaseline.mean,
    hrvSdBelow: -zScore(hrvValue, hrvBaseline, ILLNESS_RULE.hrvSdFloor),
    ...(temperatureDeviation === undefined ? {} : { temperatureDeviation }),
  };
}

function meetsRule(day: IllnessDay): boolean {
  return day.restingHeartRate - day.restingHeartRateBaseline >= ILLNESS_RULE.restingHeartRateRise && day.hrvSdBelow >= ILLNESS_RULE.hrvDropSd;
}

/**
 * Possible illness onset on `date`: resting HR at least 3 bpm above and HRV at least 1 SD below
 * their 28-day baselines on this day and the one before. A raised temperature on either day
 * makes it `likely`.
 */
export function checkIllnessOnset(inputs: IllnessInputs, date: string): FlagCheck<IllnessFlag> {
  const rhr = indexByDate(inputs.restingHeartRate);
  const hrv = indexByDate(inputs.hrv);
  const temperature = inputs.temperatureDeviation && indexByDate(inputs.temperatureDeviation);
  const dates = Array.from({ length: ILLNESS_RULE.consecutiveDays }, (_, i) => addDays(date, i + 1 - ILLNESS_RULE.consecutiveDays));
  const evidence = dates.map((d) => illnessDay(rhr, hrv, temperature, d)).filter((day): day is IllnessDay => day !== undefined);
  if (evidence.length < dates.length) return NOT_ENOUGH_DATA;
  if (!evidence.every(meetsRule)) return WITHIN_NORMAL_RANGE;
  const warmest = Math.max(...evidence.map((day) => day.temperatureDeviation ?? -Infinity));
  const feverish = warmest >= ILLNESS_RULE.feverishDeviation;
  const rise = Math.min(...evidence.map((day) => day.restingHeartRate - day.restingHeartRateBaseline));
  const drop = Math.min(...evidence.map((day) => day.hrvSdBelow));
  const sentence =
    `Your resting heart rate has been at least ${plainNumber(rise, 0)} bpm above and your HRV at least ${plainNumber(drop)} SD below ` +
    `your 28-day baseline for ${evidence.length} days running (${dates.join(', ')}), a pattern that often comes before feeling ill.` +
    (feverish ? ` Your temperature was also ${plainNumber(warmest)} °C above your norm.` : '');
  return {
    raised: true,
    flag: { kind: 'illness_onset', version: 'illness_onset.v1', date, strength: feverish ? 'likely' : 'possible', sentence, days: dates, evidence },
  };
}
