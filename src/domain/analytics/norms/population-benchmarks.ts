import { addDays } from '../series/calendar-date.ts';
import { countedDays, indexByDate, type DailySeries } from '../series/daily-series.ts';
import { meanOf } from '../stats/descriptives.ts';
import type { NormMeasure, Sex } from './norm-tables.ts';
import { SOURCE_CITATIONS, STEP_BANDS_SOURCE } from './norm-sources.ts';
import { populationPercentile, type PopulationPercentile } from './population-percentile.ts';
import { stepActivityLevel, type StepActivityLevel } from './step-activity-level.ts';

export type BenchmarkMeasure = NormMeasure | 'steps';

/** What the person said: sex for the norms, or that they prefer not to say. */
export type ProfileSex = Sex | 'prefer_not_to_say';

export interface BenchmarkProfile {
  readonly birthYear: number | null;
  readonly sex: ProfileSex | null;
}

/** How "my recent value" is taken from the daily rollups, per measure. */
export const BENCHMARK_WINDOWS: Readonly<Record<BenchmarkMeasure, { readonly days: number; readonly minDays: number; readonly statistic: 'mean' | 'latest' }>> = {
  // A month of mornings smooths a night's noise; a week of them is the least that says anything.
  resting_heart_rate: { days: 28, minDays: 7, statistic: 'mean' },
  // Watches estimate VO2max every few days to weeks: the newest estimate of the last quarter.
  vo2max: { days: 90, minDays: 1, statistic: 'latest' },
  steps: { days: 28, minDays: 7, statistic: 'mean' },
};

export interface RecentValue {
  readonly value: number;
  readonly statistic: 'mean' | 'latest';
  /** The window looked at, and the counted days in it. */
  readonly from: string;
  readonly to: string;
  readonly days: number;
}

export type RecentResult = ({ readonly ok: true } & RecentValue) | { readonly ok: false; readonly reason: 'not enough data'; readonly have: number; readonly need: number };

export type PercentileReason = 'birth year not set' | 'sex not set' | 'sex not given' | 'no norms for this age' | 'no recent value' | 'no percentile norms for this measure';

export type PercentileResult = ({ readonly ok: true } & PopulationPercentile & { readonly citation: string }) | { readonly ok: false; readonly reason: PercentileReason };

export interface PopulationBenchmark {
  readonly measure: BenchmarkMeasure;
  readonly recent: RecentResult;
  readonly percentile: PercentileResult;
  /** Steps only: the activity band of the recent mean, with its source. */
  readonly activityLevel?: { readonly level: StepActivityLevel; readonly source: typeof STEP_BANDS_SOURCE; readonly citation: string } | null;
}

/** The age reached in the year of `today` (the birthday may be still to come: at most a year high). */
export const ageInYearOf = (birthYear: number, today: string): number => Number(today.slice(0, 4)) - birthYear;

function recentValue(measure: BenchmarkMeasure, series: DailySeries, today: string): RecentResult {
  const window = BENCHMARK_WINDOWS[measure];
  const from = addDays(today, 1 - window.days);
  const days = countedDays(indexByDate(series), from, today);
  if (days.length < window.minDays) return { ok: false, reason: 'not enough data', have: days.length, need: window.minDays };
  const value = window.statistic === 'latest' ? days[days.length - 1]!.value : meanOf(days.map((day) => day.value))!;
  return { ok: true, value, statistic: window.statistic, from, to: today, days: days.length };
}

function percentileOf(measure: BenchmarkMeasure, recent: RecentResult, profile: BenchmarkProfile, today: string): PercentileResult {
  if (measure === 'steps') return { ok: false, reason: 'no percentile norms for this measure' };
  if (profile.birthYear === null) return { ok: false, reason: 'birth year not set' };
  if (profile.sex === null) return { ok: false, reason: 'sex not set' };
  if (profile.sex === 'prefer_not_to_say') return { ok: false, reason: 'sex not given' };
  if (!recent.ok) return { ok: false, reason: 'no recent value' };
  const result = populationPercentile({ measure, value: recent.value, ageYears: ageInYearOf(profile.birthYear, today), sex: profile.sex });
  if (!result.ok) return { ok: false, reason: result.reason === 'no norms for this age' ? result.reason : 'no recent value' };
  return { ...result, citation: SOURCE_CITATIONS[result.source] };
}

/**
 * Where the person's recent resting heart rate, VO2max and daily steps stand among published
 * norms for their age band and sex (steps: activity bands, there being no percentile norms a
 * wrist device can be held against). Each says why where it cannot.
 */
export function populationBenchmarks(series: ReadonlyMap<string, DailySeries>, profile: BenchmarkProfile, today: string): PopulationBenchmark[] {
  return (['resting_heart_rate', 'vo2max', 'steps'] as const).map((measure) => {
    const recent = recentValue(measure, series.get(measure) ?? [], today);
    const percentile = percentileOf(measure, recent, profile, today);
    if (measure !== 'steps') return { measure, recent, percentile };
    const level = recent.ok ? stepActivityLevel(recent.value) : undefined;
    return { measure, recent, percentile, activityLevel: level ? { level, source: STEP_BANDS_SOURCE, citation: SOURCE_CITATIONS[STEP_BANDS_SOURCE] } : null };
  });
}
