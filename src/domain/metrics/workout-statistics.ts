/**
 * The statistics a workout keeps, each measured like the catalog metric it names: stored in
 * that metric's canonical unit and checked against its plausible range. `duration` is the
 * source's own figure (Apple's leaves out pauses), where the workout's value is its span.
 */
export const WORKOUT_STATISTICS = {
  activeEnergy: 'active_energy',
  distance: 'distance',
  heartRateAverage: 'heart_rate',
  heartRateMin: 'heart_rate',
  heartRateMax: 'heart_rate',
  duration: 'exercise_minutes',
} as const;

export type WorkoutStatistic = keyof typeof WORKOUT_STATISTICS;

export const isWorkoutStatistic = (name: string): name is WorkoutStatistic => Object.hasOwn(WORKOUT_STATISTICS, name);
