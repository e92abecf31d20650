import { planDay } from './day-plan.ts';
import { samplesOfDay } from './day-samples.ts';
import type { PersonProfile } from './profile.ts';
import type { DueSample, SampleInput } from './sample-writer.ts';
import { createSimulation, resolveOptions, type ResolvedOptions, type SimulationOptions } from './simulation.ts';

export const LIVE_HEART_RATE_SECONDS = 5;

export interface LiveOptions extends SimulationOptions {
  /** Epoch ms: the first call returns what fell due after it. Absent, the first call only starts the clock. */
  readonly since?: number;
}

/** Plain JSON: store it, and resumeLiveSimulator carries on where this left off. */
export interface LiveSimulatorState {
  readonly version: 1;
  readonly profile: PersonProfile;
  readonly seed: number | string;
  readonly options: ResolvedOptions;
  /** Everything due up to this instant has been returned; null before the first call. */
  readonly cursorMs: number | null;
}

export interface LiveSimulator {
  /** The samples that fell due after the previous call, up to and including `nowMs`, in that order. */
  next(nowMs: number): SampleInput[];
  state(): LiveSimulatorState;
}

export function createLiveSimulator(profile: PersonProfile, seed: number | string, options: LiveOptions = {}): LiveSimulator {
  const { since, ...simulation } = options;
  if (since !== undefined && !Number.isFinite(since)) throw new RangeError(`since must be epoch milliseconds, got ${since}`);
  return resumeLiveSimulator({ version: 1, profile, seed, options: resolveOptions(simulation, LIVE_HEART_RATE_SECONDS), cursorMs: since ?? null });
}

/**
 * The same person, seed and options as a backfill give the same samples: each day is generated
 * whole (and kept while the clock is in it), and a call hands out the part that fell due.
 */
export function resumeLiveSimulator(state: LiveSimulatorState): LiveSimulator {
  if (state.version !== 1) throw new RangeError(`unknown live simulator state version ${String(state.version)}`);
  if (state.cursorMs !== null && !Number.isFinite(state.cursorMs)) throw new RangeError(`cursorMs must be epoch milliseconds or null, got ${String(state.cursorMs)}`);
  const options = resolveOptions(state.options, LIVE_HEART_RATE_SECONDS);
  const sim = createSimulation(state.profile, state.seed, options);
  let cursor = state.cursorMs;
  const days = new Map<number, DueSample[]>();
  const samplesOf = (day: number): DueSample[] => {
    let samples = days.get(day);
    if (!samples) days.set(day, (samples = samplesOfDay(sim, planDay(sim, day))));
    return samples;
  };

  return {
    next(nowMs) {
      if (!Number.isFinite(nowMs)) throw new RangeError(`now must be epoch milliseconds, got ${nowMs}`);
      if (cursor === null || nowMs <= cursor) {
        cursor ??= nowMs;
        return [];
      }
      const after = cursor;
      cursor = nowMs;
      // A day's samples fall due from its eve (the night's first stages) to its last midnight.
      const due: DueSample[] = [];
      for (let day = sim.clock.dayOf(after); day <= sim.clock.dayOf(nowMs) + 1; day++) due.push(...dueBetween(samplesOf(day), after, nowMs));
      for (const day of days.keys()) if (day < sim.clock.dayOf(nowMs)) days.delete(day);
      return due.sort((a, b) => a.dueMs - b.dueMs).map((s) => s.sample);
    },
    state: () => ({ version: 1, profile: state.profile, seed: state.seed, options, cursorMs: cursor }),
  };
}

/** The samples due in (after, until], from a list in due order. */
function dueBetween(samples: readonly DueSample[], after: number, until: number): readonly DueSample[] {
  return samples.slice(firstDueAfter(samples, after), firstDueAfter(samples, until));
}

function firstDueAfter(samples: readonly DueSample[], ms: number): number {
  let low = 0;
  let high = samples.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((samples[mid] as DueSample).dueMs <= ms) low = mid + 1;
    else high = mid;
  }
  return low;
}
