import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must lie strictly between 0 and 1, got ${confidence}`);
}

/** Two-sided p-value of Student's t with `df` degrees of freedom. */
export function twoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

/** The t value leaving (1 - confidence) / 2 in each tail. */
export function tCritical(confidence: number, df: number): number {
  checkConfidence(confidence);
  return tQuantile(0.5 + confidence / 2, df);
}

/** The standard normal value leaving (1 - confidence) / 2 in each tail. */
export function zCritical(confidence: number): number {
  checkConfidence(confidence);
  return normalQuantile(0.5 + confidence / 2, 0, 1);
}
