import { unavailable, type StatResult } from './stat-result.ts';

export interface Description {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n - 1). */
  readonly sd: number;
}

/**
 * Sums deviations from the first value, not raw values: a constant series then has a mean equal
 * to its value and an SD of exactly 0, and large offsets (weight in grams) lose no precision.
 */
function shiftedMoments(values: readonly number[]): { mean: number; sumSquares: number } {
  const origin = values[0] ?? 0;
  let shiftedSum = 0;
  for (const value of values) shiftedSum += value - origin;
  const shiftedMean = shiftedSum / values.length;
  let sumSquares = 0;
  for (const value of values) sumSquares += (value - origin - shiftedMean) ** 2;
  return { mean: origin + shiftedMean, sumSquares };
}

/** Mean, or undefined for no values. */
export function meanOf(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : shiftedMoments(values).mean;
}

/** n, mean and sample SD; an SD needs two values. */
export function describe(values: readonly number[]): StatResult<Description, 'too few values'> {
  if (values.length < 2) return unavailable('too few values');
  const { mean, sumSquares } = shiftedMoments(values);
  return { ok: true, n: values.length, mean, sd: Math.sqrt(sumSquares / (values.length - 1)) };
}
