import { hypnogram, type StageSpan } from './hypnogram.ts';
import { illnessOn } from './illness.ts';
import { MINUTE_MS } from './local-time.ts';
import type { Simulation } from './simulation.ts';
import { sleepWindow, type SleepWindow } from './sleep-window.ts';

export interface Night extends SleepWindow {
  readonly stages: readonly StageSpan[];
  readonly asleepMinutes: number;
  readonly inBedMinutes: number;
}

/** The night that ends on the morning of `day` (so it belongs to `day`, as the pipeline files sleep). */
export function nightEnding(sim: Simulation, day: number): Night {
  const illness = illnessOn(sim, day);
  const window = sleepWindow(sim, day, illness);
  const stages = hypnogram(sim, day, window.bedMs, window.wakeMs, illness);
  const asleepMs = stages.reduce((sum, s) => (s.stage === 'awake' ? sum : sum + s.endMs - s.startMs), 0);
  return { ...window, stages, asleepMinutes: asleepMs / MINUTE_MS, inBedMinutes: (window.wakeMs - window.bedMs) / MINUTE_MS };
}

/** The stage at an instant, or undefined when the person is not in bed that night. */
export function stageAt(night: Night, utcMs: number): StageSpan | undefined {
  if (utcMs < night.bedMs || utcMs >= night.wakeMs) return undefined;
  return night.stages.find((s) => utcMs >= s.startMs && utcMs < s.endMs);
}
