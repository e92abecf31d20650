import { planDay } from './day-plan.ts';
import { samplesOfDay } from './day-samples.ts';
import { dateOfDay, dayNumber } from './local-time.ts';
import type { PersonProfile } from './profile.ts';
import type { SampleInput } from './sample-writer.ts';
import { createSimulation, resolveOptions, type Simulation, type SimulationOptions } from './simulation.ts';

export const BACKFILL_HEART_RATE_SECONDS = 60;

export interface BackfillOptions extends SimulationOptions {
  /** First and last local day (YYYY-MM-DD), both included. */
  readonly from: string;
  readonly to: string;
  readonly seed: number | string;
  /**
   * Epoch ms: leave out samples not yet due then (an interval is due at its end). A backfill up
   * to `now` and a live simulator started `since` the same instant meet without gap or overlap.
   */
  readonly now?: number;
}

export interface SimulatedDay {
  readonly date: string;
  /** In the order they fall due. */
  readonly samples: SampleInput[];
}

/**
 * Every sample of the person over a range of local days, one day at a time, so months never
 * sit in memory at once. Deterministic: the same profile, seed and options give the same days,
 * and any day comes out the same whatever range it is generated in.
 */
export function generateBackfill(profile: PersonProfile, options: BackfillOptions): Generator<SimulatedDay, void, undefined> {
  const first = dayNumber(options.from);
  const last = dayNumber(options.to);
  if (first === undefined || last === undefined) throw new RangeError(`from and to must be dates as YYYY-MM-DD, got ${options.from} and ${options.to}`);
  if (first > last) throw new RangeError(`from ${options.from} is after to ${options.to}`);
  if (options.now !== undefined && !Number.isFinite(options.now)) throw new RangeError(`now must be epoch milliseconds, got ${options.now}`);
  const sim = createSimulation(profile, options.seed, resolveOptions(options, BACKFILL_HEART_RATE_SECONDS));
  return days(sim, first, last, options.now);
}

function* days(sim: Simulation, first: number, last: number, now: number | undefined): Generator<SimulatedDay, void, undefined> {
  for (let day = first; day <= last; day++) {
    const due = samplesOfDay(sim, planDay(sim, day));
    const known = now === undefined ? due : due.filter((s) => s.dueMs <= now);
    yield { date: dateOfDay(day), samples: known.map((s) => s.sample) };
  }
}
