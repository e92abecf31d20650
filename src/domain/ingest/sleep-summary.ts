import { ASLEEP_STAGES, type SleepStage } from '../metrics/sleep-stages.ts';
import { epochMsOf } from './iso-format.ts';

export interface SleepSummary {
  /** Minutes of any sleep stage. */
  readonly asleep: number;
  /** Minutes covered by any interval: in bed, awake or asleep. */
  readonly inBed: number;
  readonly awake: number;
  readonly light: number;
  readonly deep: number;
  readonly rem: number;
  /** Asleep with no stage (older Apple Watch, manual entries). */
  readonly unspecified: number;
}

export interface StageInterval {
  readonly category?: string;
  readonly start: string;
  readonly end: string;
}

/**
 * One source's night from its stage intervals. Apple writes an InBed interval that overlaps
 * the stages inside it, so every total is the length of a union of intervals, never a sum.
 */
export function summarizeSleep(stages: readonly StageInterval[]): SleepSummary {
  const minutes = (categories: readonly string[]): number =>
    unionMinutes(stages.filter((s) => s.category !== undefined && categories.includes(s.category)));
  const all: readonly SleepStage[] = ['in_bed', 'awake', ...ASLEEP_STAGES];
  return {
    asleep: minutes(ASLEEP_STAGES),
    inBed: minutes(all),
    awake: minutes(['awake']),
    light: minutes(['light']),
    deep: minutes(['deep']),
    rem: minutes(['rem']),
    unspecified: minutes(['asleep']),
  };
}

function unionMinutes(intervals: readonly StageInterval[]): number {
  const spans = intervals.map((s) => [epochMsOf(s.start), epochMsOf(s.end)] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let total = 0;
  let reach = -Infinity;
  for (const [start, end] of spans) {
    const from = Math.max(start, reach);
    if (end > from) total += end - from;
    reach = Math.max(reach, end);
  }
  return total / 60_000;
}
