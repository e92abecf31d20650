/**
 * Workout categories: the activities most wearables name, one id each. A vendor's activity
 * with no id here is stored as `other`, its own name kept beside it (see the workout metric's
 * details).
 */
export const WORKOUT_ACTIVITIES = [
  'running',
  'walking',
  'hiking',
  'cycling',
  'swimming',
  'rowing',
  'elliptical',
  'stair_climbing',
  'strength_training',
  'core_training',
  'hiit',
  'cross_training',
  'mixed_cardio',
  'yoga',
  'pilates',
  'dance',
  'flexibility',
  'cooldown',
  'martial_arts',
  'boxing',
  'climbing',
  'skiing',
  'snowboarding',
  'skating',
  'paddling',
  'team_sport',
  'racket_sport',
  'golf',
  'wheelchair',
  'other',
] as const;
export type WorkoutActivity = (typeof WORKOUT_ACTIVITIES)[number];

const ACTIVITIES: ReadonlySet<string> = new Set(WORKOUT_ACTIVITIES);

/** An activity id, case and separators aside (`Strength training`, `strength-training`). */
export function parseWorkoutActivity(value: string): WorkoutActivity | undefined {
  const id = value.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return ACTIVITIES.has(id) ? (id as WorkoutActivity) : undefined;
}
