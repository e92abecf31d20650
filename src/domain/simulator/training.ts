import { illnessOn } from './illness.ts';
import { isWeekend, MINUTE_MS } from './local-time.ts';
import { between, stream, uniform } from './random.ts';
import type { Simulation } from './simulation.ts';

const TRAINS = stream('training.trains');
const KIND = stream('training.kind');
const EFFORT = stream('training.effort');
const INTENSITY = stream('training.intensity');
const LENGTH = stream('training.length');
const SLOT = stream('training.slot');
const START = stream('training.start');

export type SessionKind = 'run' | 'ride' | 'strength';

/** A day's session before it is put on the clock (which needs the morning's wake time). */
export interface PlannedSession {
  readonly kind: SessionKind;
  readonly minutes: number;
  /** Fraction of heart-rate reserve held: ~0.5 for strength work and easy runs, up to 0.9 for intervals. */
  readonly intensity: number;
  /** Banister's TRIMP: minutes weighted exponentially by intensity; 150+ is a hard day. */
  readonly load: number;
  /** Starts this many minutes after waking, or at this local minute of the evening. */
  readonly start: { readonly afterWake: number } | { readonly atMinute: number };
}

export interface TrainingSession {
  readonly kind: SessionKind;
  readonly intensity: number;
  readonly startMs: number;
  readonly endMs: number;
}

const DAILY_CHANCE_CAP = 0.9;

/** The session trained on a day, if any: none while ill. */
export function planSession(sim: Simulation, day: number): PlannedSession | undefined {
  const { seed, baseline, profile } = sim;
  if (uniform(seed, TRAINS, day) >= Math.min(DAILY_CHANCE_CAP, baseline.sessionsPerWeek / 7)) return undefined;
  if (illnessOn(sim, day) > 0) return undefined;
  const weekend = isWeekend(day);
  const kindDraw = uniform(seed, KIND, day);
  const kind: SessionKind = kindDraw < 0.25 ? 'strength' : kindDraw < 0.7 ? 'run' : 'ride';
  const effort = uniform(seed, EFFORT, day);
  const [low, high, shortest, longest] =
    kind === 'strength' ? [0.45, 0.6, 40, 70] : effort < 0.6 ? [0.55, 0.65, 30, 60] : effort < 0.85 ? [0.68, 0.76, 40, 70] : [0.8, 0.9, 45, 75];
  const intensity = between(seed, INTENSITY, low, high, day);
  const longDay = weekend && kind !== 'strength' ? 1.5 : 1;
  const minutes = Math.round(between(seed, LENGTH, shortest, longest, day) * (0.7 + 0.6 * profile.fitness) * longDay);
  const start =
    weekend || uniform(seed, SLOT, day) < 0.4
      ? { afterWake: Math.round(between(seed, START, weekend ? 60 : 20, weekend ? 180 : 60, day)) }
      : { atMinute: Math.round(between(seed, START, 17.5 * 60, 19 * 60, day)) };
  return { kind, minutes, intensity, load: trimp(minutes, intensity, profile.sex), start };
}

function trimp(minutes: number, intensity: number, sex: 'female' | 'male'): number {
  const [a, b] = sex === 'female' ? [0.86, 1.67] : [0.64, 1.92];
  return minutes * intensity * a * Math.exp(b * intensity);
}

export function scheduleSession(sim: Simulation, day: number, plan: PlannedSession, wakeMs: number): TrainingSession {
  const startMs = 'afterWake' in plan.start ? wakeMs + plan.start.afterWake * MINUTE_MS : sim.clock.instantOf(day, plan.start.atMinute);
  return { kind: plan.kind, intensity: plan.intensity, startMs, endMs: startMs + plan.minutes * MINUTE_MS };
}

/** Training load behind a morning: yesterday's, and the mean daily load of the last week (acute) and four weeks (chronic). */
export interface Strain {
  readonly yesterday: number;
  readonly acute: number;
  readonly chronic: number;
}

export function strainBefore(sim: Simulation, day: number): Strain {
  const loads = Array.from({ length: 28 }, (_, i) => planSession(sim, day - 1 - i)?.load ?? 0);
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  return { yesterday: loads[0] ?? 0, acute: mean(loads.slice(0, 7)), chronic: mean(loads) };
}
