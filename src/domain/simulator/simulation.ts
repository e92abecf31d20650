import { baselineOf, type Baseline } from './baseline.ts';
import { localClock, type LocalClock } from './local-time.ts';
import { checkProfile, type PersonProfile } from './profile.ts';
import { seedFrom } from './random.ts';

export interface SimulationOptions {
  /** Illness episodes a year on average (default 2; 0 for none). */
  readonly illnessesPerYear?: number;
  /** Seconds between heart-rate readings (default 60 in a backfill, 5 live). */
  readonly heartRateIntervalSeconds?: number;
}

export type ResolvedOptions = Required<SimulationOptions>;

/** Everything the model of one person needs, fixed for the whole run. */
export interface Simulation {
  readonly profile: PersonProfile;
  readonly seed: number;
  readonly baseline: Baseline;
  readonly clock: LocalClock;
  readonly illnessesPerYear: number;
  readonly heartRateIntervalMs: number;
}

const DEFAULT_ILLNESSES_PER_YEAR = 2;

/** The options with defaults filled in; throws a RangeError on a value out of bounds. */
export function resolveOptions(options: SimulationOptions, defaultHeartRateSeconds: number): ResolvedOptions {
  const illnessesPerYear = options.illnessesPerYear ?? DEFAULT_ILLNESSES_PER_YEAR;
  const heartRateIntervalSeconds = options.heartRateIntervalSeconds ?? defaultHeartRateSeconds;
  if (!(illnessesPerYear >= 0 && illnessesPerYear <= 52)) throw new RangeError(`illnessesPerYear must be from 0 to 52, got ${illnessesPerYear}`);
  if (!(Number.isInteger(heartRateIntervalSeconds) && heartRateIntervalSeconds >= 1 && heartRateIntervalSeconds <= 3600)) {
    throw new RangeError(`heartRateIntervalSeconds must be a whole number from 1 to 3600, got ${heartRateIntervalSeconds}`);
  }
  return { illnessesPerYear, heartRateIntervalSeconds };
}

export function createSimulation(profile: PersonProfile, seed: number | string, options: ResolvedOptions): Simulation {
  checkProfile(profile);
  return {
    profile,
    seed: seedFrom(seed),
    baseline: baselineOf(profile),
    clock: localClock(profile),
    illnessesPerYear: options.illnessesPerYear,
    heartRateIntervalMs: options.heartRateIntervalSeconds * 1000,
  };
}
