import { MINUTE_MS } from './local-time.ts';
import { roundTo } from './math.ts';
import { smoothNoise } from './noise.ts';
import { between, gaussian, stream, uniform } from './random.ts';
import type { Simulation } from './simulation.ts';

const STEPS_ON = stream('weight.steps-on');
const MINUTES_AFTER_WAKE = stream('weight.minutes-after-wake');
const TREND = stream('weight.trend');
const DAILY = stream('weight.daily');

const WEIGH_IN_CHANCE = 0.55;
/** The trend wanders by about a kilogram over a few weeks. */
const TREND_DAYS = 21;

export interface WeighIn {
  readonly atMs: number;
  readonly kg: number;
}

/** A morning on the scale, most days: a slow trend, a daily swing of water and food, and a little lost to illness. */
export function weighIn(sim: Simulation, day: number, wakeMs: number, illness: number): WeighIn | undefined {
  const { seed, profile } = sim;
  if (uniform(seed, STEPS_ON, day) >= WEIGH_IN_CHANCE) return undefined;
  const kg = profile.weightKg * (1 + 0.012 * smoothNoise(seed, TREND, day / TREND_DAYS) + 0.004 * gaussian(seed, DAILY, day) - 0.012 * illness);
  return { atMs: wakeMs + Math.round(between(seed, MINUTES_AFTER_WAKE, 5, 30, day)) * MINUTE_MS, kg: roundTo(kg, 1) };
}
