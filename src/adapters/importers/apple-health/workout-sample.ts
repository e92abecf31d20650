import type { ImportedSample } from '../../../domain/ingest/index.ts';
import type { RawQuantity } from '../../../domain/ingest/sample-details.ts';
import type { WorkoutStatistic } from '../../../domain/metrics/index.ts';
import type { AppleHealthWorkout, AppleHealthWorkoutStatistics } from './types.ts';
import { workoutCategory } from './workout-activity-types.ts';

const QUANTITY = 'HKQuantityTypeIdentifier';
/** The distance types Apple sums over a workout, one per kind of movement. */
const DISTANCE_TYPES = ['DistanceWalkingRunning', 'DistanceCycling', 'DistanceSwimming', 'DistanceWheelchair', 'DistanceDownhillSnowSports'].map((t) => `${QUANTITY}${t}`);

/**
 * A `<Workout>` as one `workout` interval: Apple's activity as its category (its own name
 * kept), and its statistics. Newer exports give them as WorkoutStatistics, older ones as the
 * workout's totalEnergyBurned and totalDistance; a figure without its unit is left out rather
 * than guessed.
 */
export function workoutSample(workout: AppleHealthWorkout): ImportedSample {
  return {
    metric: 'workout',
    value: workoutCategory(workout.activityType),
    start: workout.startDate,
    end: workout.endDate,
    source: workout.sourceName,
    ...(workout.device !== undefined && { device: workout.device.text }),
    ...(workout.creationDate !== undefined && { recordedAt: workout.creationDate }),
    line: workout.ordinal,
    details: { activityName: workout.activityType, statistics: workoutStatistics(workout) },
  };
}

function workoutStatistics(workout: AppleHealthWorkout): Partial<Record<WorkoutStatistic, RawQuantity>> {
  const of = (type: string) => workout.statistics.find((s) => s.type === type);
  const energy = of(`${QUANTITY}ActiveEnergyBurned`);
  const distance = DISTANCE_TYPES.map(of).find((s) => s?.sum !== undefined);
  const heartRate = of(`${QUANTITY}HeartRate`);
  const candidates: Array<[WorkoutStatistic, number | undefined, string | undefined]> = [
    ['activeEnergy', energy?.sum ?? workout.totalEnergyBurned, energy ? energy.unit : workout.totalEnergyBurnedUnit],
    ['distance', distance?.sum ?? workout.totalDistance, distance ? distance.unit : workout.totalDistanceUnit],
    ...heartRateStatistics(heartRate),
    ['duration', workout.duration, workout.durationUnit],
  ];
  const statistics: Partial<Record<WorkoutStatistic, RawQuantity>> = {};
  for (const [name, value, unit] of candidates) if (value !== undefined && unit !== undefined) statistics[name] = { value, unit };
  return statistics;
}

function heartRateStatistics(heartRate: AppleHealthWorkoutStatistics | undefined): Array<[WorkoutStatistic, number | undefined, string | undefined]> {
  if (heartRate === undefined) return [];
  return [
    ['heartRateAverage', heartRate.average, heartRate.unit],
    ['heartRateMin', heartRate.minimum, heartRate.unit],
    ['heartRateMax', heartRate.maximum, heartRate.unit],
  ];
}
