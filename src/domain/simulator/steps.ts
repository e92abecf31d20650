import { isWeekend } from './local-time.ts';
import { dayNoise } from './noise.ts';
import { between, stream, uniform } from './random.ts';
import type { Simulation } from './simulation.ts';
import type { TrainingSession } from './training.ts';

const DAY_VOLUME = stream('steps.day-volume');
const WALK_HOUR = stream('steps.weekend-walk-hour');
const STILL = stream('steps.still');
const BURST = stream('steps.burst');
const CADENCE = stream('steps.cadence');

/** A brisk walk; a bucket never averages more. */
export const MAX_WALKING_CADENCE = 130;

/** A slice of the day, as far as walking goes. */
export interface WalkingSlot {
  /** Stable across runs: the slot's start in ms divided by its length. */
  readonly index: number;
  /** Local hour at the middle of the slot. */
  readonly hour: number;
  /** Minutes awake and not training. */
  readonly freeMinutes: number;
}

/**
 * Walking steps per slot: the day's volume (the person's habit, a weekend rhythm, a lingering
 * good or lazy streak, much less when ill) spread over the waking hours by a daily pattern,
 * in bursts: many slots sitting still, a few busy ones. Workdays peak at the commutes and
 * lunch; weekends spread out around one long walk.
 */
export function walkingSteps(sim: Simulation, day: number, slots: readonly WalkingSlot[], illness: number): number[] {
  const { seed, baseline } = sim;
  const weekend = isWeekend(day);
  const volume = baseline.dailySteps * (weekend ? 0.95 : 1) * Math.exp(0.25 * dayNoise(seed, DAY_VOLUME, day, 0.3) - 0.03) * (1 - 0.6 * illness);
  const walkHour = between(seed, WALK_HOUR, 10, 17, day);
  const weights = slots.map((slot) => {
    if (slot.freeMinutes <= 0 || uniform(seed, STILL, slot.index) < 0.3) return 0;
    const rhythm = weekend ? weekendRhythm(slot.hour, walkHour) : workdayRhythm(slot.hour);
    return slot.freeMinutes * rhythm * -Math.log(uniform(seed, BURST, slot.index));
  });
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total === 0) return weights;
  return weights.map((w, i) => Math.round(Math.min((volume * w) / total, MAX_WALKING_CADENCE * (slots[i]?.freeMinutes ?? 0))));
}

const bump = (hour: number, center: number, width: number) => Math.exp(-0.5 * ((hour - center) / width) ** 2);

function workdayRhythm(hour: number): number {
  return 0.25 + 2 * bump(hour, 8, 0.5) + 1.5 * bump(hour, 12.5, 0.6) + 2.2 * bump(hour, 17.75, 0.6) + 0.8 * bump(hour, 20, 1);
}

function weekendRhythm(hour: number, walkHour: number): number {
  return 0.35 + 1.2 * bump(hour, 11, 1.5) + 1.2 * bump(hour, 15.5, 2) + 2.5 * bump(hour, walkHour, 0.7);
}

/** Steps a minute while training: a runner's cadence, a little shuffling between sets, none on a bike. */
export function trainingCadence(sim: Simulation, day: number, session: TrainingSession): number {
  if (session.kind === 'ride') return 0;
  if (session.kind === 'strength') return 8;
  return 160 + 10 * sim.profile.fitness + between(sim.seed, CADENCE, -4, 4, day);
}
