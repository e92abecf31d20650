import { between, stream, uniform } from './random.ts';
import type { Simulation } from './simulation.ts';

const ONSET = stream('illness.onset');
const LENGTH = stream('illness.length');
const PEAK = stream('illness.peak');

const SHORTEST_DAYS = 3;
const LONGEST_DAYS = 7;

/**
 * How ill the person is on a local day: 0 healthy, up to 1 at the worst of a bad cold.
 * An episode may start on any day with probability rate/365, lasts 3-7 days and peaks at
 * 0.6-1; its effects (higher resting heart rate and temperature, lower HRV, less activity)
 * are applied where each signal is made, scaled by this number.
 */
export function illnessOn(sim: Simulation, day: number): number {
  const chance = sim.illnessesPerYear / 365;
  let severity = 0;
  for (let onset = day - LONGEST_DAYS + 1; onset <= day; onset++) {
    if (uniform(sim.seed, ONSET, onset) >= chance) continue;
    const length = SHORTEST_DAYS + Math.floor(uniform(sim.seed, LENGTH, onset) * (LONGEST_DAYS - SHORTEST_DAYS + 1));
    const into = day - onset;
    if (into >= length) continue;
    severity = Math.max(severity, between(sim.seed, PEAK, 0.6, 1, onset) * course(into, length));
  }
  return severity;
}

/** Coming on over the first day, worst on the second, then a steady recovery to a fifth of the peak. */
function course(into: number, length: number): number {
  if (into === 0) return 0.6;
  if (into === 1) return 1;
  return 1 - (0.8 * (into - 1)) / (length - 2);
}
