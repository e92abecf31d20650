import { describe } from './descriptives.ts';
import { tCritical, twoSidedP } from './distributions.ts';
import { unavailable, type StatResult } from './stat-result.ts';

export interface MeanDifference {
  readonly meanA: number;
  readonly meanB: number;
  /** meanA - meanB. */
  readonly difference: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  readonly df: number;
  readonly p: number;
}

export type MeanDifferenceReason = 'too few values' | 'no variance';

/**
 * Welch's unequal-variance t-test and confidence interval for mean(a) - mean(b). Chosen over
 * Student's t because two windows of a person's data rarely share a variance.
 */
export function welchTest(a: readonly number[], b: readonly number[], confidence = 0.95): StatResult<MeanDifference, MeanDifferenceReason> {
  const first = describe(a);
  const second = describe(b);
  if (!first.ok || !second.ok) return unavailable('too few values');
  const varianceA = first.sd ** 2 / first.n;
  const varianceB = second.sd ** 2 / second.n;
  const se = Math.sqrt(varianceA + varianceB);
  if (se === 0) return unavailable('no variance');
  // Welch–Satterthwaite, written with A's share of the variance so tiny variances cannot underflow to 0/0.
  const shareA = varianceA / (varianceA + varianceB);
  const df = 1 / (shareA ** 2 / (first.n - 1) + (1 - shareA) ** 2 / (second.n - 1));
  const difference = first.mean - second.mean;
  const t = difference / se;
  const margin = tCritical(confidence, df) * se;
  return { ok: true, meanA: first.mean, meanB: second.mean, difference, ciLow: difference - margin, ciHigh: difference + margin, t, df, p: twoSidedP(t, df) };
}
