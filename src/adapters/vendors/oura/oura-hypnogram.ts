import type { SleepStage } from '../../../domain/metrics/sleep-stages.ts';

const PHASE_MS = 5 * 60_000;

const PHASES: Readonly<Record<string, SleepStage>> = { '1': 'deep', '2': 'light', '3': 'rem', '4': 'awake' };

export interface StageSpan {
  readonly stage: SleepStage;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Oura's `sleep_phase_5_min` as stage intervals: each run of one phase becomes one interval,
 * five minutes per character from bedtime start. A character Oura does not document leaves a
 * gap instead of a guessed stage.
 */
export function hypnogramStages(phases: string, bedtimeStartMs: number): StageSpan[] {
  const spans: StageSpan[] = [];
  let runStart = 0;
  for (let i = 1; i <= phases.length; i += 1) {
    if (i < phases.length && phases[i] === phases[runStart]) continue;
    const stage = PHASES[phases[runStart] ?? ''];
    if (stage !== undefined) spans.push({ stage, startMs: bedtimeStartMs + runStart * PHASE_MS, endMs: bedtimeStartMs + i * PHASE_MS });
    runStart = i;
  }
  return spans;
}
