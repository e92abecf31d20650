import { tCritical } from './distributions.ts';
import { unavailable, type StatResult } from './stat-result.ts';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LineFit {
  readonly intercept: number;
  readonly slope: number;
  /** Residual standard error, sqrt(SSE / (n - 2)). */
  readonly residualSd: number;
  readonly n: number;
  readonly meanX: number;
  /** Sum of squared deviations of x from its mean. */
  readonly sxx: number;
}

export type LineFitReason = 'too few points' | 'no spread in x';

/** Ordinary least squares y = intercept + slope * x; a residual SE needs three points. */
export function fitLine(points: readonly Point[]): StatResult<LineFit, LineFitReason> {
  const n = points.length;
  if (n < 3) return unavailable('too few points');
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * (p.y - meanY);
  }
  if (sxx === 0) return unavailable('no spread in x');
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const sse = points.reduce((sum, p) => sum + (p.y - intercept - slope * p.x) ** 2, 0);
  return { ok: true, intercept, slope, residualSd: Math.sqrt(sse / (n - 2)), n, meanX, sxx };
}

export interface Prediction {
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

/**
 * Prediction interval for one new observation at x:
 * yhat ± t(n-2) * s * sqrt(1 + 1/n + (x - meanX)^2 / Sxx).
 */
export function predictAt(fit: LineFit, x: number, confidence: number): Prediction {
  const value = fit.intercept + fit.slope * x;
  const se = fit.residualSd * Math.sqrt(1 + 1 / fit.n + (x - fit.meanX) ** 2 / fit.sxx);
  const margin = tCritical(confidence, fit.n - 2) * se;
  return { value, low: value - margin, high: value + margin };
}
