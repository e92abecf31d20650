import type { WorkoutActivity } from '../../../domain/metrics/index.ts';

const PREFIX = 'HKWorkoutActivityType';

/**
 * Apple's HKWorkoutActivityType names (without the prefix) for each workout category. Team,
 * racket and snow sports share a category; the workout keeps Apple's own name beside it, so
 * a soccer match stays one. Anything not listed (Fishing, Sailing, a type newer than this
 * list) is `other`.
 */
const CATEGORIES: Readonly<Partial<Record<WorkoutActivity, readonly string[]>>> = {
  running: ['Running'],
  walking: ['Walking'],
  hiking: ['Hiking'],
  cycling: ['Cycling', 'HandCycling'],
  swimming: ['Swimming'],
  rowing: ['Rowing'],
  elliptical: ['Elliptical'],
  stair_climbing: ['StairClimbing', 'Stairs', 'StepTraining'],
  strength_training: ['TraditionalStrengthTraining', 'FunctionalStrengthTraining'],
  core_training: ['CoreTraining'],
  hiit: ['HighIntensityIntervalTraining'],
  cross_training: ['CrossTraining'],
  mixed_cardio: ['MixedCardio', 'MixedMetabolicCardioTraining', 'JumpRope'],
  yoga: ['Yoga'],
  pilates: ['Pilates', 'Barre'],
  dance: ['Dance', 'DanceInspiredTraining', 'CardioDance', 'SocialDance'],
  flexibility: ['Flexibility', 'MindAndBody', 'PreparationAndRecovery'],
  cooldown: ['Cooldown'],
  martial_arts: ['MartialArts', 'TaiChi', 'Wrestling', 'Fencing'],
  boxing: ['Boxing', 'Kickboxing'],
  climbing: ['Climbing'],
  skiing: ['DownhillSkiing', 'CrossCountrySkiing', 'SnowSports'],
  snowboarding: ['Snowboarding'],
  skating: ['SkatingSports'],
  paddling: ['PaddleSports'],
  team_sport: [
    'AmericanFootball', 'AustralianFootball', 'Baseball', 'Basketball', 'Cricket', 'DiscSports', 'Handball', 'Hockey',
    'Lacrosse', 'Rugby', 'Soccer', 'Softball', 'Volleyball', 'WaterPolo',
  ],
  racket_sport: ['Badminton', 'Pickleball', 'Racquetball', 'Squash', 'TableTennis', 'Tennis'],
  golf: ['Golf'],
  wheelchair: ['WheelchairWalkPace', 'WheelchairRunPace'],
};

const BY_APPLE_NAME: ReadonlyMap<string, WorkoutActivity> = new Map(
  Object.entries(CATEGORIES).flatMap(([category, names]) => names.map((name) => [`${PREFIX}${name}`, category as WorkoutActivity] as const)),
);

/** `HKWorkoutActivityTypeRunning` -> `running`; a type not mapped -> `other`. */
export function workoutCategory(activityType: string): WorkoutActivity {
  return BY_APPLE_NAME.get(activityType) ?? 'other';
}
