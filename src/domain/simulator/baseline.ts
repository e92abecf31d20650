import type { Body } from './profile.ts';
import { clamp } from './math.ts';

/** A person's usual values, before day-to-day variation, sleep, training and illness. */
export interface Baseline {
  readonly restingHr: number;
  /** Tanaka: 208 - 0.7 x age. */
  readonly maxHr: number;
  /** Nightly RMSSD, ms. */
  readonly rmssd: number;
  readonly respiratoryRate: number;
  readonly spo2: number;
  /** Walking steps on an ordinary day, training sessions aside. */
  readonly dailySteps: number;
  readonly sessionsPerWeek: number;
  /** Minutes asleep the person needs to be rested. */
  readonly sleepNeedMinutes: number;
  /** Minutes of the deepest sleep stage in the first cycle; it fades with age. */
  readonly firstCycleDeepMinutes: number;
}

/**
 * Population-typical values: fitness lowers resting heart rate by ~25 bpm across the range
 * and raises HRV; HRV falls ~2 %/year of age; women's resting rate runs ~3 bpm higher.
 */
export function baselineOf(body: Body): Baseline {
  const { age, fitness } = body;
  const female = body.sex === 'female';
  return {
    restingHr: 72 - 24 * fitness + (female ? 3 : 0) + 0.05 * (age - 40),
    maxHr: 208 - 0.7 * age,
    rmssd: (35 + 45 * fitness) * Math.exp(-0.02 * (age - 30)),
    respiratoryRate: 14.5 - 1.5 * fitness + (female ? 0.5 : 0),
    spo2: 97 - 0.02 * (age - 40),
    dailySteps: (4000 + 8000 * fitness) * clamp(1 - 0.01 * (age - 60), 0.6, 1),
    sessionsPerWeek: 0.5 + 6 * fitness,
    sleepNeedMinutes: clamp(480 - 1.2 * (age - 20), 400, 500),
    firstCycleDeepMinutes: clamp(45 - 0.5 * (age - 20), 12, 45),
  };
}
