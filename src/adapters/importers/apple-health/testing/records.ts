import { parseAppleHealthDate, parseTimeOfDay } from '../dates.ts';
import type { AppleHealthActivitySummary, AppleHealthDate, AppleHealthSample, AppleHealthWorkout } from '../types.ts';

/** Builders of reader records for the mapping tests: only what a test names differs from a plain Watch record. */
export function date(text: string): AppleHealthDate {
  const parsed = parseAppleHealthDate(text);
  if (parsed === undefined) throw new Error(`not an export date: ${text}`);
  return parsed;
}

const sourced = (start: string, end: string) => ({
  ordinal: 7,
  sourceName: 'Watch',
  sourceVersion: undefined,
  device: undefined,
  creationDate: undefined,
  startDate: date(start),
  endDate: date(end),
  metadata: [],
  otherAttributes: undefined,
});

export function hrvRecord(start: string, end: string, times: readonly string[]): AppleHealthSample {
  return {
    kind: 'sample',
    ...sourced(start, end),
    type: 'HKQuantityTypeIdentifierHeartRateVariabilitySDNN',
    unit: 'ms',
    value: '41.5',
    numericValue: 41.5,
    sleepValue: undefined,
    beats: times.map((time, i) => ({ bpm: 60 + i, time, timeOfDayMs: parseTimeOfDay(time) })),
  };
}

export function workoutRecord(start: string, end: string, fields: Partial<AppleHealthWorkout> = {}): AppleHealthWorkout {
  return {
    kind: 'workout',
    ...sourced(start, end),
    activityType: 'HKWorkoutActivityTypeRunning',
    duration: undefined,
    durationUnit: undefined,
    totalDistance: undefined,
    totalDistanceUnit: undefined,
    totalEnergyBurned: undefined,
    totalEnergyBurnedUnit: undefined,
    statistics: [],
    events: [],
    routeFiles: [],
    ...fields,
  };
}

/** The rings of the fixture export's day (activeEnergyBurned as the reader reads it there). */
export function activitySummary(ordinal: number, day: string, activeEnergyBurned = 512.3): AppleHealthActivitySummary {
  return {
    kind: 'activitySummary',
    ordinal,
    date: day,
    activeEnergyBurned,
    activeEnergyBurnedGoal: 500,
    activeEnergyBurnedUnit: 'Cal',
    appleMoveTime: 0,
    appleMoveTimeGoal: 0,
    appleExerciseTime: 41,
    appleExerciseTimeGoal: 30,
    appleStandHours: 11,
    appleStandHoursGoal: 12,
    otherAttributes: undefined,
  };
}
