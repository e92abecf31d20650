/** Sources are described, with their caveats, in docs/population-norms.md. */
export type NormSource = 'friend-2015-treadmill' | 'nhanes-1999-2008-resting-pulse';

export type Sex = 'female' | 'male';

export type NormMeasure = 'vo2max' | 'resting_heart_rate';

export interface NormTable {
  readonly measure: NormMeasure;
  readonly sex: Sex;
  /** Inclusive age range in years. */
  readonly ageFrom: number;
  readonly ageTo: number;
  readonly source: NormSource;
  /** [percentile, value] ascending by percentile. */
  readonly anchors: readonly (readonly [percentile: number, value: number])[];
}

const FRIEND_PERCENTILES = [5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95] as const;
const NHANES_PERCENTILES = [5, 10, 25, 50, 75, 90, 95] as const;

function tables(measure: NormMeasure, source: NormSource, percentiles: readonly number[], rows: readonly (readonly [Sex, number, number, readonly number[]])[]): NormTable[] {
  return rows.map(([sex, ageFrom, ageTo, values]) => ({
    measure,
    sex,
    ageFrom,
    ageTo,
    source,
    anchors: percentiles.map((percentile, i) => [percentile, values[i]!] as const),
  }));
}

/**
 * VO2max, mL/kg/min, treadmill cardiopulmonary exercise tests (Kaminsky, Arena & Myers 2015,
 * FRIEND registry), 5th to 95th percentile by 5.
 */
const VO2MAX = tables('vo2max', 'friend-2015-treadmill', FRIEND_PERCENTILES, [
  ['male', 20, 29, [29.0, 32.1, 35.4, 38.1, 40.1, 41.9, 43.5, 44.9, 46.5, 48.0, 49.0, 50.2, 52.1, 53.7, 55.2, 57.1, 59.3, 61.8, 66.3]],
  ['male', 30, 39, [27.2, 30.2, 32.7, 34.1, 35.9, 37.4, 38.5, 39.6, 41.3, 42.4, 43.8, 45.2, 46.6, 48.0, 49.2, 51.6, 54.2, 56.5, 59.8]],
  ['male', 40, 49, [24.2, 26.8, 29.0, 30.5, 31.9, 33.3, 34.6, 35.7, 36.7, 37.8, 38.9, 40.3, 42.1, 43.9, 45.0, 46.7, 49.3, 52.1, 55.6]],
  ['male', 50, 59, [20.9, 22.8, 24.4, 26.1, 27.1, 28.4, 29.5, 30.7, 31.6, 32.6, 33.8, 35.1, 36.3, 38.2, 39.7, 41.2, 43.2, 45.6, 50.7]],
  ['male', 60, 69, [17.4, 19.8, 21.2, 22.4, 23.7, 24.6, 25.7, 26.6, 27.2, 28.2, 29.1, 30.5, 31.6, 32.9, 34.5, 36.1, 38.2, 40.3, 43.0]],
  ['male', 70, 79, [16.3, 17.1, 18.2, 19.2, 20.4, 21.2, 22.4, 22.8, 24.0, 24.4, 25.6, 26.9, 27.6, 28.4, 30.4, 31.4, 35.5, 36.6, 39.7]],
  ['female', 20, 29, [21.7, 23.9, 26.2, 28.6, 30.5, 32.0, 33.6, 34.6, 35.9, 37.6, 38.9, 40.6, 41.6, 43.2, 44.7, 46.5, 48.3, 51.3, 56.0]],
  ['female', 30, 39, [19.0, 20.9, 22.5, 24.1, 25.3, 26.4, 27.4, 28.2, 29.3, 30.2, 31.2, 32.2, 33.5, 34.6, 36.1, 37.5, 39.3, 41.4, 45.8]],
  ['female', 40, 49, [17.0, 18.8, 20.0, 21.3, 22.1, 23.3, 24.1, 24.9, 25.9, 26.7, 27.7, 28.7, 30.0, 31.1, 32.4, 34.0, 36.0, 38.4, 41.7]],
  ['female', 50, 59, [16.0, 17.3, 18.3, 19.1, 19.9, 20.6, 21.2, 21.8, 22.7, 23.4, 24.4, 25.2, 26.0, 26.8, 27.6, 28.6, 30.2, 32.0, 35.9]],
  ['female', 60, 69, [13.4, 14.6, 15.6, 16.5, 17.2, 17.9, 18.4, 18.9, 19.6, 20.0, 20.5, 21.2, 22.0, 23.1, 23.8, 24.6, 25.6, 27.0, 29.4]],
  ['female', 70, 79, [13.1, 13.6, 14.6, 15.1, 15.6, 15.9, 16.8, 17.0, 17.8, 18.3, 19.2, 19.4, 19.9, 20.5, 20.8, 21.3, 22.2, 23.1, 24.1]],
]);

/**
 * Resting pulse, beats/min, seated after ~4 minutes' rest (Ostchega et al. 2011, NHANES
 * 1999–2008), 5th to 95th percentile. A wearable's overnight resting heart rate reads lower.
 */
const RESTING_HEART_RATE = tables('resting_heart_rate', 'nhanes-1999-2008-resting-pulse', NHANES_PERCENTILES, [
  ['male', 20, 39, [52, 55, 61, 69, 76, 84, 89]],
  ['male', 40, 59, [52, 55, 61, 68, 77, 85, 90]],
  ['male', 60, 79, [50, 54, 60, 67, 75, 84, 91]],
  ['female', 20, 39, [57, 60, 66, 74, 82, 89, 95]],
  ['female', 40, 59, [56, 59, 64, 71, 79, 86, 92]],
  ['female', 60, 79, [56, 59, 64, 70, 78, 86, 92]],
]);

export const NORM_TABLES: readonly NormTable[] = [...VO2MAX, ...RESTING_HEART_RATE];
