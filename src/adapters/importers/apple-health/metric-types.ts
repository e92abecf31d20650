/**
 * Apple's quantity and category types that Vitalis stores, and the metric each becomes. Apple
 * writes fractions for percentages (`OxygenSaturation` 0.97 with unit "%"): those types are
 * read as the ratio they are.
 */
export interface AppleMetricType {
  readonly metric: string;
  /** The value is a fraction whatever the unit says. */
  readonly fraction?: boolean;
}

const QUANTITY = 'HKQuantityTypeIdentifier';

export const APPLE_METRIC_TYPES: ReadonlyMap<string, AppleMetricType> = new Map<string, AppleMetricType>([
  [`${QUANTITY}HeartRate`, { metric: 'heart_rate' }],
  [`${QUANTITY}RestingHeartRate`, { metric: 'resting_heart_rate' }],
  [`${QUANTITY}WalkingHeartRateAverage`, { metric: 'walking_heart_rate' }],
  [`${QUANTITY}HeartRateVariabilitySDNN`, { metric: 'hrv_sdnn' }],
  [`${QUANTITY}RespiratoryRate`, { metric: 'respiratory_rate' }],
  [`${QUANTITY}OxygenSaturation`, { metric: 'spo2', fraction: true }],
  [`${QUANTITY}BodyTemperature`, { metric: 'body_temperature' }],
  [`${QUANTITY}AppleSleepingWristTemperature`, { metric: 'skin_temperature' }],
  [`${QUANTITY}VO2Max`, { metric: 'vo2max' }],
  [`${QUANTITY}BloodPressureSystolic`, { metric: 'blood_pressure_systolic' }],
  [`${QUANTITY}BloodPressureDiastolic`, { metric: 'blood_pressure_diastolic' }],
  [`${QUANTITY}BloodGlucose`, { metric: 'blood_glucose' }],
  [`${QUANTITY}StepCount`, { metric: 'steps' }],
  [`${QUANTITY}DistanceWalkingRunning`, { metric: 'distance' }],
  [`${QUANTITY}ActiveEnergyBurned`, { metric: 'active_energy' }],
  [`${QUANTITY}BasalEnergyBurned`, { metric: 'basal_energy' }],
  [`${QUANTITY}FlightsClimbed`, { metric: 'floors' }],
  [`${QUANTITY}AppleExerciseTime`, { metric: 'exercise_minutes' }],
  [`${QUANTITY}BodyMass`, { metric: 'weight' }],
  [`${QUANTITY}BodyFatPercentage`, { metric: 'body_fat', fraction: true }],
  [`${QUANTITY}BodyMassIndex`, { metric: 'bmi' }],
  [`${QUANTITY}DietaryEnergyConsumed`, { metric: 'dietary_energy' }],
  [`${QUANTITY}DietaryProtein`, { metric: 'dietary_protein' }],
  [`${QUANTITY}DietaryCarbohydrates`, { metric: 'dietary_carbohydrates' }],
  [`${QUANTITY}DietaryFatTotal`, { metric: 'dietary_fat' }],
  [`${QUANTITY}DietaryWater`, { metric: 'dietary_water' }],
  ['HKCategoryTypeIdentifierSleepAnalysis', { metric: 'sleep_stage' }],
]);

/** Blood pressure comes twice in an export: inside its Correlation and as top-level Records. */
export const BLOOD_PRESSURE_METRICS: ReadonlySet<string> = new Set(['blood_pressure_systolic', 'blood_pressure_diastolic']);
