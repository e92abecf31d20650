import type { MetricDefinition } from './metric.ts';
import { SLEEP_STAGES } from './sleep-stages.ts';
import { WORKOUT_ACTIVITIES } from './workout-activities.ts';

type Spec = Omit<MetricDefinition, 'localDay' | 'maxDurationHours' | 'requiresEnd' | 'additive'> &
  Partial<Pick<MetricDefinition, 'localDay' | 'maxDurationHours' | 'requiresEnd' | 'additive'>>;

const define = (spec: Spec): MetricDefinition =>
  Object.freeze({ additive: false, localDay: 'start', maxDurationHours: 48, requiresEnd: false, ...spec });

const sleepTotal = (id: string, name: string, loinc?: string): MetricDefinition =>
  define({ id, name, unit: 'min', kind: 'daily', aggregation: 'sum', range: { min: 0, max: 1440 }, loinc, localDay: 'sleep', maxDurationHours: 24 });

const vendorScore = (id: string, name: string, vendor: string, unit = '{score}', max = 100, localDay: 'start' | 'sleep' = 'start'): MetricDefinition =>
  define({ id, name, unit, kind: 'daily', aggregation: 'last', range: { min: 0, max }, vendor, localDay });

const subjective = (id: string, name: string): MetricDefinition =>
  define({ id, name, unit: '{score}', kind: 'instant', aggregation: 'mean', range: { min: 1, max: 10 } });

const nutrient = (id: string, name: string, unit: string, max: number): MetricDefinition =>
  define({ id, name, unit, kind: 'interval', aggregation: 'sum', additive: true, range: { min: 0, max } });

/** Every metric Vitalis stores. Ranges are per sample, generous: they catch unit and sensor errors, not outliers. */
export const METRICS: readonly MetricDefinition[] = [
  // Heart, lungs, temperature, blood
  define({ id: 'heart_rate', name: 'Heart rate', unit: '/min', kind: 'instant', aggregation: 'mean', range: { min: 20, max: 250 }, loinc: '8867-4' }),
  define({ id: 'resting_heart_rate', name: 'Resting heart rate', unit: '/min', kind: 'daily', aggregation: 'mean', range: { min: 25, max: 150 }, loinc: '40443-4' }),
  define({ id: 'walking_heart_rate', name: 'Walking heart rate average', unit: '/min', kind: 'daily', aggregation: 'mean', range: { min: 35, max: 200 } }),
  define({ id: 'hrv_rmssd', name: 'Heart rate variability (RMSSD)', unit: 'ms', kind: 'instant', aggregation: 'mean', range: { min: 1, max: 400 } }),
  define({ id: 'hrv_sdnn', name: 'Heart rate variability (SDNN)', unit: 'ms', kind: 'instant', aggregation: 'mean', range: { min: 1, max: 400 }, loinc: '80404-7', details: 'beat_series' }),
  define({ id: 'respiratory_rate', name: 'Respiratory rate', unit: '/min', kind: 'instant', aggregation: 'mean', range: { min: 4, max: 60 }, loinc: '9279-1' }),
  define({ id: 'spo2', name: 'Oxygen saturation (SpO2)', unit: '%', kind: 'instant', aggregation: 'mean', range: { min: 50, max: 100 }, loinc: '59408-5' }),
  define({ id: 'body_temperature', name: 'Body temperature', unit: 'Cel', kind: 'instant', aggregation: 'mean', range: { min: 30, max: 45 }, loinc: '8310-5' }),
  define({ id: 'skin_temperature', name: 'Skin temperature', unit: 'Cel', kind: 'instant', aggregation: 'mean', range: { min: 20, max: 42 } }),
  define({ id: 'temperature_deviation', name: 'Temperature deviation from baseline', unit: 'Cel', kind: 'daily', aggregation: 'mean', range: { min: -5, max: 5 }, difference: true }),
  define({ id: 'vo2max', name: 'VO2 max', unit: 'mL/min/kg', kind: 'instant', aggregation: 'last', range: { min: 5, max: 100 } }),
  define({ id: 'blood_pressure_systolic', name: 'Blood pressure, systolic', unit: 'mm[Hg]', kind: 'instant', aggregation: 'mean', range: { min: 50, max: 300 }, loinc: '8480-6' }),
  define({ id: 'blood_pressure_diastolic', name: 'Blood pressure, diastolic', unit: 'mm[Hg]', kind: 'instant', aggregation: 'mean', range: { min: 20, max: 200 }, loinc: '8462-4' }),
  define({ id: 'blood_glucose', name: 'Blood glucose', unit: 'mmol/L', kind: 'instant', aggregation: 'mean', range: { min: 0.5, max: 50 }, loinc: '15074-8', molarMass: 180.16 }),

  // Activity: additive, merged across sources by interval
  define({ id: 'steps', name: 'Steps', unit: '{steps}', kind: 'interval', aggregation: 'sum', additive: true, range: { min: 0, max: 150000 }, loinc: '55423-8', maxPerMinute: 350 }),
  define({ id: 'distance', name: 'Distance walking and running', unit: 'm', kind: 'interval', aggregation: 'sum', additive: true, range: { min: 0, max: 300000 }, maxPerMinute: 1000 }),
  define({ id: 'active_energy', name: 'Active energy burned', unit: 'kcal', kind: 'interval', aggregation: 'sum', additive: true, range: { min: 0, max: 15000 }, maxPerMinute: 40 }),
  define({ id: 'basal_energy', name: 'Basal energy burned', unit: 'kcal', kind: 'interval', aggregation: 'sum', additive: true, range: { min: 0, max: 6000 }, maxPerMinute: 6 }),
  // Fitbit's "Calories" is total expenditure (BMR included): never store it as active energy.
  define({ id: 'total_energy', name: 'Total energy burned', unit: 'kcal', kind: 'interval', aggregation: 'sum', additive: true, range: { min: 0, max: 20000 }, maxPerMinute: 45 }),
  define({ id: 'floors', name: 'Floors climbed', unit: '{floors}', kind: 'interval', aggregation: 'sum', additive: true, range: { min: 0, max: 1000 }, maxPerMinute: 20 }),
  define({ id: 'exercise_minutes', name: 'Exercise minutes', unit: 'min', kind: 'interval', aggregation: 'sum', additive: true, range: { min: 0, max: 1440 } }),
  // Minutes merged by interval like sleep sessions, so one run recorded by a watch and an app counts once. Its
  // energy and distance stay in its details: the day's totals come from the additive metrics above.
  define({ id: 'workout', name: 'Workout (minutes, by activity)', unit: 'min', kind: 'interval', aggregation: 'sum', additive: true, range: { min: 0, max: 2880 }, requiresEnd: true, categories: WORKOUT_ACTIVITIES, details: 'workout' }),

  // Sleep
  define({ id: 'sleep_session', name: 'Sleep session (minutes asleep)', unit: 'min', kind: 'interval', aggregation: 'sum', additive: true, range: { min: 0, max: 1440 }, localDay: 'sleep', maxDurationHours: 24, requiresEnd: true }),
  define({ id: 'sleep_stage', name: 'Sleep stage', unit: 'min', kind: 'interval', aggregation: 'duration', range: { min: 0, max: 1440 }, localDay: 'sleep', maxDurationHours: 24, requiresEnd: true, categories: SLEEP_STAGES }),
  sleepTotal('sleep_duration', 'Sleep duration (minutes asleep)', '93832-4'),
  sleepTotal('time_in_bed', 'Time in bed'),
  sleepTotal('sleep_light', 'Light (core) sleep', '93830-8'),
  sleepTotal('sleep_deep', 'Deep sleep', '93831-6'),
  sleepTotal('sleep_rem', 'REM sleep', '93829-0'),
  sleepTotal('sleep_awake', 'Awake in bed'),

  // Body
  define({ id: 'weight', name: 'Body weight', unit: 'kg', kind: 'instant', aggregation: 'last', range: { min: 2, max: 500 }, loinc: '29463-7' }),
  define({ id: 'body_fat', name: 'Body fat', unit: '%', kind: 'instant', aggregation: 'last', range: { min: 2, max: 75 }, loinc: '41982-0' }),
  define({ id: 'bmi', name: 'Body mass index', unit: 'kg/m2', kind: 'instant', aggregation: 'last', range: { min: 8, max: 100 }, loinc: '39156-5', unitAliases: { count: 'kg/m2' } }),

  // Vendor scores: proprietary algorithms, each its own metric
  vendorScore('oura_readiness_score', 'Oura readiness score', 'oura'),
  vendorScore('oura_sleep_score', 'Oura sleep score', 'oura', '{score}', 100, 'sleep'),
  vendorScore('oura_activity_score', 'Oura activity score', 'oura'),
  vendorScore('whoop_recovery_score', 'WHOOP recovery', 'whoop', '%'),
  vendorScore('whoop_sleep_performance', 'WHOOP sleep performance', 'whoop', '%', 100, 'sleep'),
  vendorScore('whoop_strain', 'WHOOP day strain', 'whoop', '{score}', 21),
  vendorScore('fitbit_sleep_score', 'Fitbit sleep score', 'fitbit', '{score}', 100, 'sleep'),

  // Subjective, 1 (worst / none) to 10 (best / extreme)
  subjective('mood', 'Mood'),
  subjective('energy_level', 'Energy level'),
  subjective('stress_level', 'Stress level'),

  // Nutrition
  nutrient('dietary_energy', 'Energy consumed', 'kcal', 10000),
  nutrient('dietary_protein', 'Protein', 'g', 1000),
  nutrient('dietary_carbohydrates', 'Carbohydrates', 'g', 2000),
  nutrient('dietary_fat', 'Fat', 'g', 1000),
  nutrient('dietary_water', 'Water', 'mL', 20000),
];

const BY_ID = new Map(METRICS.map((metric) => [metric.id, metric]));

export function getMetric(id: string): MetricDefinition | undefined {
  return BY_ID.get(id);
}
