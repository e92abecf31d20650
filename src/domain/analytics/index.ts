export { addDays, daysBetween, datesBetween, epochDay } from './series/calendar-date.ts';
export { indexByDate, countedOn, countedDays, countedValues, type DailyPoint, type DailySeries, type DayState, type DayIndex } from './series/daily-series.ts';
export { baselineBefore, zScore, BASELINE_WINDOW_DAYS, BASELINE_MIN_DAYS, type Baseline, type BaselineBand, type BaselineWindow } from './series/baseline.ts';
export type { StatResult, Unavailable } from './stats/stat-result.ts';
export { describe, meanOf, type Description } from './stats/descriptives.ts';
export { welchTest, type MeanDifference } from './stats/welch.ts';
export { averageRanks } from './stats/ranks.ts';
export { spearman, SPEARMAN_MIN_PAIRS, type RankCorrelation, type Pair } from './stats/spearman.ts';
export { benjaminiHochberg } from './stats/benjamini-hochberg.ts';
export { fitLine, predictAt, type LineFit, type Prediction } from './stats/linear-regression.ts';
export { trend, TREND_WINDOW_DAYS, TREND_ALPHA, type Trend, type TrendWindow, type TrendDay, type TrendChange } from './trends/trend.ts';
export {
  findCorrelations,
  CORRELATION_DEFAULTS,
  type CorrelationRequest,
  type CorrelationVariable,
  type CorrelationFinding,
  type CorrelationReport,
  type SkippedCorrelation,
  type Lag,
} from './correlations/find-correlations.ts';
export { labelOf, isBinaryDriver, TAG_PREFIX, JOURNAL_PREFIX, READINESS_SERIES_ID } from './correlations/variable-labels.ts';
export { forecastNextDays, FORECAST_SETTINGS, FORECAST_VERSION, type Forecast, type ForecastDay, type ForecastMetric } from './forecasts/forecast.ts';
export { readinessScores, READINESS_VERSION, READINESS_WEIGHTS, type ReadinessInputs, type ReadinessOptions } from './scores/readiness.ts';
export { sleepScores, SLEEP_SCORE_VERSION, SLEEP_SCORE_WEIGHTS, type SleepScoreInputs, type SleepScoreOptions } from './scores/sleep-score.ts';
export type { ScoreResult } from './scores/score-result.ts';
export { SCORE_BASELINE, DEFAULT_SLEEP_NEED_MINUTES, type ScoreComponent, type Reference } from './scores/score-scale.ts';
export { checkRiskFlags, type RiskFlagInputs, type RiskFlagChecks } from './flags/risk-flags.ts';
export { checkIllnessOnset, ILLNESS_RULE, type IllnessFlag, type IllnessInputs } from './flags/illness-onset.ts';
export { checkOverreaching, OVERREACHING_RULE, type OverreachingFlag, type OverreachingInputs } from './flags/overreaching.ts';
export { checkSleepDebt, SLEEP_DEBT_WINDOWS, type SleepDebtFlag } from './flags/sleep-debt.ts';
export type { RiskFlag, RiskFlagKind, FlagCheck } from './flags/risk-flag.ts';
export { populationPercentile, type PopulationPercentile, type PercentileQuery } from './norms/population-percentile.ts';
export { NORM_TABLES, type NormMeasure, type NormSource, type Sex } from './norms/norm-tables.ts';
export { stepActivityLevel, STEP_ACTIVITY_LEVELS, type StepActivityLevel } from './norms/step-activity-level.ts';
export {
  populationBenchmarks,
  ageInYearOf,
  BENCHMARK_WINDOWS,
  type BenchmarkMeasure,
  type BenchmarkProfile,
  type PopulationBenchmark,
  type ProfileSex,
} from './norms/population-benchmarks.ts';
export { SOURCE_CITATIONS, STEP_BANDS_SOURCE, type BenchmarkSource } from './norms/norm-sources.ts';
export { loggingStreaks, CALENDAR_DAYS, type LoggingStreaks, type StreakRun } from './streaks/logging-streaks.ts';
