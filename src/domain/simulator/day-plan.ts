import { activityOfDay, type ActivityBucket } from './activity.ts';
import { illnessOn } from './illness.ts';
import { nightEnding, type Night } from './night.ts';
import { morningAfter, type Morning } from './recovery.ts';
import type { Simulation } from './simulation.ts';
import { planSession, scheduleSession, type TrainingSession } from './training.ts';
import { weighIn, type WeighIn } from './weight.ts';

/** Everything that happens on one local day, from which its samples are read off. */
export interface DayPlan {
  readonly day: number;
  /** The local day is [startMs, endMs): 23 or 25 hours when the clocks change. */
  readonly startMs: number;
  readonly endMs: number;
  readonly illness: number;
  /** The night ending this morning, and the readings on waking from it. */
  readonly night: Night;
  readonly morning: Morning;
  /** The night starting this evening: its early hours before midnight belong to this day's heart rate. */
  readonly nextNight: Night;
  readonly nextMorning: Morning;
  readonly session: TrainingSession | undefined;
  readonly activity: readonly ActivityBucket[];
  readonly weighIn: WeighIn | undefined;
}

export function planDay(sim: Simulation, day: number): DayPlan {
  const startMs = sim.clock.instantOf(day, 0);
  const endMs = sim.clock.instantOf(day + 1, 0);
  const illness = illnessOn(sim, day);
  const night = nightEnding(sim, day);
  const nextNight = nightEnding(sim, day + 1);
  const planned = planSession(sim, day);
  const session = planned && scheduleSession(sim, day, planned, night.wakeMs);
  return {
    day,
    startMs,
    endMs,
    illness,
    night,
    morning: morningAfter(sim, day, night),
    nextNight,
    nextMorning: morningAfter(sim, day + 1, nextNight),
    session,
    activity: activityOfDay(sim, day, { startMs, endMs }, [night, nextNight], session, illness),
    weighIn: weighIn(sim, day, night.wakeMs, illness),
  };
}
