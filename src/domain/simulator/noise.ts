import { gaussian } from './random.ts';

/** Correlation is truncated after this many days so any day is computed on its own. */
const MEMORY_DAYS = 7;

/**
 * Noise that wanders smoothly along `x`: standard-normal knots at whole x joined by a
 * smoothstep, so heart rate drifts from minute to minute instead of jumping every sample.
 */
export function smoothNoise(seed: number, streamId: number, x: number): number {
  const knot = Math.floor(x);
  const f = x - knot;
  const t = f * f * (3 - 2 * f);
  const from = gaussian(seed, streamId, knot);
  return from + (gaussian(seed, streamId, knot + 1) - from) * t;
}

/**
 * Day-to-day noise with memory, unit variance: like an AR(1) process with the given lag-one
 * correlation (a good week stays good for a while), but a pure function of the day.
 */
export function dayNoise(seed: number, streamId: number, day: number, correlation: number): number {
  let sum = 0;
  let norm = 0;
  for (let lag = 0; lag < MEMORY_DAYS; lag++) {
    const weight = correlation ** lag;
    sum += weight * gaussian(seed, streamId, day - lag);
    norm += weight * weight;
  }
  return sum / Math.sqrt(norm);
}
