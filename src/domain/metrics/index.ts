export { METRICS, getMetric } from './catalog.ts';
export type { MetricDefinition, MetricKind, DailyAggregation, LocalDayRule } from './metric.ts';
export { SLEEP_STAGES, ASLEEP_STAGES, parseSleepStage, type SleepStage } from './sleep-stages.ts';
export { WORKOUT_ACTIVITIES, parseWorkoutActivity, type WorkoutActivity } from './workout-activities.ts';
export { WORKOUT_STATISTICS, isWorkoutStatistic, type WorkoutStatistic } from './workout-statistics.ts';
export { parseCategory } from './categories.ts';
export { toCanonical, fromCanonical, type UnitResult } from './to-canonical.ts';
export { resolveUnit, type UnitLookup } from './unit-spellings.ts';
export { UNITS, unitByCode, convertUnits, type UnitDefinition, type Dimension } from './units.ts';
