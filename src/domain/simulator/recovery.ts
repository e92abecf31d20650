import { illnessOn } from './illness.ts';
import { clamp, roundTo } from './math.ts';
import type { Night } from './night.ts';
import { dayNoise } from './noise.ts';
import { stream } from './random.ts';
import type { Simulation } from './simulation.ts';
import { strainBefore } from './training.ts';

const RESTING_HR = stream('recovery.resting-hr');
const HRV = stream('recovery.hrv');
const BREATHING = stream('recovery.respiratory-rate');
const OXYGEN = stream('recovery.spo2');
const TEMPERATURE = stream('recovery.temperature');

/** What a ring or watch reports on waking, as it reports it (rounded). */
export interface Morning {
  readonly restingHr: number;
  readonly rmssd: number;
  readonly respiratoryRate: number;
  readonly spo2: number;
  readonly temperatureDeviation: number;
}

/**
 * The morning readings after `night`: each is the person's baseline moved by day-to-day noise
 * that lingers a few days, the night's sleep debt (short sleep lowers HRV and raises resting
 * heart rate), yesterday's training load and any load above the four-week habit (hard days
 * lower HRV the next morning), and illness.
 */
export function morningAfter(sim: Simulation, day: number, night: Night): Morning {
  const { seed, baseline } = sim;
  const illness = illnessOn(sim, day);
  const strain = strainBefore(sim, day);
  // Sleep beyond one's need adds nothing: a long night in bed with a cold is no boost.
  const debtHours = clamp((baseline.sleepNeedMinutes - night.asleepMinutes) / 60, 0, 5);
  const overreach = Math.max(0, strain.acute - strain.chronic);
  const lnRmssd =
    Math.log(baseline.rmssd) +
    0.12 * dayNoise(seed, HRV, day, 0.4) -
    0.07 * debtHours -
    0.0012 * strain.yesterday -
    0.002 * overreach +
    Math.log(1 - 0.35 * illness);
  const restingHr =
    baseline.restingHr + 1.5 * dayNoise(seed, RESTING_HR, day, 0.5) + 1.2 * debtHours + 0.015 * strain.yesterday + 0.03 * overreach + 8 * illness;
  return {
    restingHr: Math.round(clamp(restingHr, 30, 120)),
    rmssd: Math.round(clamp(Math.exp(lnRmssd), 5, 250)),
    respiratoryRate: roundTo(clamp(baseline.respiratoryRate + 0.4 * dayNoise(seed, BREATHING, day, 0.3) + 1.8 * illness, 8, 30), 1),
    spo2: roundTo(clamp(baseline.spo2 + 0.6 * dayNoise(seed, OXYGEN, day, 0.3) - 1.5 * illness, 88, 100), 1),
    temperatureDeviation: roundTo(clamp(0.12 * dayNoise(seed, TEMPERATURE, day, 0.3) + 0.9 * illness, -2, 3), 2),
  };
}
