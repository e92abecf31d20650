import { twoSidedP, zCritical } from './distributions.ts';
import { averageRanks } from './ranks.ts';
import { unavailable, type StatResult } from './stat-result.ts';

export type Pair = readonly [x: number, y: number];

export interface RankCorrelation {
  readonly rho: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly p: number;
  readonly n: number;
}

export type RankCorrelationReason = 'too few pairs' | 'constant series';

/** The Fisher-z interval needs n - 3 > 0. */
export const SPEARMAN_MIN_PAIRS = 4;

/**
 * Variance of Fisher's z for Spearman's rho is about 1.06 / (n - 3) (Fieller, Hartley & Pearson
 * 1957), a little wider than Pearson's 1 / (n - 3); the standard error is its square root.
 */
const FIELLER_VARIANCE_FACTOR = 1.06;

/**
 * Pearson's r of two rank vectors. Average ranks always have mean (n + 1) / 2, so every
 * deviation is an exact multiple of 1/2 and a perfect ranking gives exactly ±1.
 */
function rankCorrelation(xRanks: readonly number[], yRanks: readonly number[]): number | undefined {
  const mean = (xRanks.length + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xRanks.length; i += 1) {
    const dx = xRanks[i]! - mean;
    const dy = yRanks[i]! - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return undefined;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Spearman's rho (Pearson's r of average ranks, so ties are handled exactly), its Fisher-z
 * confidence interval and a two-sided p-value from the t approximation with n - 2 df.
 */
export function spearman(pairs: readonly Pair[], confidence = 0.95): StatResult<RankCorrelation, RankCorrelationReason> {
  const n = pairs.length;
  if (n < SPEARMAN_MIN_PAIRS) return unavailable('too few pairs');
  const rho = rankCorrelation(averageRanks(pairs.map(([x]) => x)), averageRanks(pairs.map(([, y]) => y)));
  if (rho === undefined) return unavailable('constant series');
  if (Math.abs(rho) === 1) return { ok: true, rho, ciLow: rho, ciHigh: rho, p: 0, n };
  const z = Math.atanh(rho);
  const margin = zCritical(confidence) * Math.sqrt(FIELLER_VARIANCE_FACTOR / (n - 3));
  const t = rho * Math.sqrt((n - 2) / (1 - rho * rho));
  return { ok: true, rho, ciLow: Math.tanh(z - margin), ciHigh: Math.tanh(z + margin), p: twoSidedP(t, n - 2), n };
}
