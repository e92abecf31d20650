import { everydayKcal, trainingKcalPerMinute } from './energy.ts';
import { MINUTE_MS } from './local-time.ts';
import type { Simulation } from './simulation.ts';
import type { SleepWindow } from './sleep-window.ts';
import { trainingCadence, walkingSteps, type WalkingSlot } from './steps.ts';
import type { TrainingSession } from './training.ts';

export const BUCKET_MS = 15 * MINUTE_MS;

/** Steps and active energy over one quarter-hour [startMs, endMs). */
export interface ActivityBucket {
  readonly startMs: number;
  readonly endMs: number;
  readonly steps: number;
  /** The steps outside training, which lift the everyday heart rate. */
  readonly walkingSteps: number;
  readonly activeKcal: number;
}

export interface DaySpan {
  readonly startMs: number;
  readonly endMs: number;
}

/** The quarter-hours of a local day: nothing while asleep, walking while awake, the session's own steps and energy while training. */
export function activityOfDay(
  sim: Simulation,
  day: number,
  span: DaySpan,
  sleeps: readonly SleepWindow[],
  session: TrainingSession | undefined,
  illness: number,
): ActivityBucket[] {
  const frames = [];
  for (let startMs = span.startMs; startMs < span.endMs; startMs += BUCKET_MS) {
    const endMs = Math.min(startMs + BUCKET_MS, span.endMs);
    const asleep = sleeps.reduce((sum, s) => sum + overlapMinutes(startMs, endMs, s.bedMs, s.wakeMs), 0);
    const training = session ? overlapMinutes(startMs, endMs, session.startMs, session.endMs) : 0;
    const awake = (endMs - startMs) / MINUTE_MS - asleep;
    frames.push({ startMs, endMs, awake, training, index: Math.floor(startMs / BUCKET_MS), hour: sim.clock.hourOf((startMs + endMs) / 2) });
  }
  const slots: WalkingSlot[] = frames.map((f) => ({ index: f.index, hour: f.hour, freeMinutes: f.awake - f.training }));
  const walking = walkingSteps(sim, day, slots, illness);
  const cadence = session ? trainingCadence(sim, day, session) : 0;
  const trainingKcal = session ? trainingKcalPerMinute(sim, session) : 0;
  return frames.map((f, i) => {
    const walked = walking[i] ?? 0;
    const steps = walked + Math.round(cadence * f.training);
    return {
      startMs: f.startMs,
      endMs: f.endMs,
      steps,
      walkingSteps: walked,
      activeKcal: everydayKcal(sim, walked, f.awake - f.training) + trainingKcal * f.training,
    };
  });
}

function overlapMinutes(start: number, end: number, otherStart: number, otherEnd: number): number {
  return Math.max(0, Math.min(end, otherEnd) - Math.max(start, otherStart)) / MINUTE_MS;
}
