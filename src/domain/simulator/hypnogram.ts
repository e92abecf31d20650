import { MINUTE_MS } from './local-time.ts';
import { between, gaussian, stream, uniform } from './random.ts';
import type { Simulation } from './simulation.ts';
import { clamp } from './math.ts';

const LATENCY = stream('hypnogram.latency');
const FINAL_AWAKE = stream('hypnogram.final-awake');
const CYCLE_LENGTH = stream('hypnogram.cycle-length');
const CYCLE_DEEP = stream('hypnogram.cycle-deep');
const CYCLE_REM = stream('hypnogram.cycle-rem');
const WAKE_BOUT = stream('hypnogram.wake-bout');
const WAKE_BOUT_LENGTH = stream('hypnogram.wake-bout-length');

/** Stage names as src/domain/metrics/sleep-stages.ts spells them. */
export type Stage = 'awake' | 'light' | 'deep' | 'rem';

export interface StageSpan {
  readonly stage: Stage;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * The stages of one night, tiling [bedMs, wakeMs) without gap or overlap: falling asleep, then
 * cycles of ~90 min (light, deep, light, REM) in which deep sleep shrinks and REM grows as the
 * night goes on, brief awakenings between cycles, and a few minutes awake before getting up.
 * Illness means longer to fall asleep, less deep sleep and more waking.
 */
export function hypnogram(sim: Simulation, day: number, bedMs: number, wakeMs: number, illness: number): StageSpan[] {
  const { seed } = sim;
  const total = Math.round((wakeMs - bedMs) / MINUTE_MS);
  const sleepEnd = total - Math.round(between(seed, FINAL_AWAKE, 0, 8, day));
  const pieces: [Stage, number][] = [['awake', Math.round(between(seed, LATENCY, 5, 20, day) + 15 * illness)]];
  let at = pieces[0]![1];
  const add = (stage: Stage, minutes: number) => {
    const length = Math.min(minutes, sleepEnd - at);
    if (length <= 0) return;
    pieces.push([stage, length]);
    at += length;
  };
  for (let cycle = 0; at < sleepEnd; cycle++) {
    const length = clamp(Math.round(90 + 10 * gaussian(seed, CYCLE_LENGTH, day, cycle)), 70, 115);
    const deepShare = (1 - cycle / 3.5) * (1 + 0.15 * gaussian(seed, CYCLE_DEEP, day, cycle)) * (1 - 0.3 * illness);
    const deep = Math.max(0, Math.round(sim.baseline.firstCycleDeepMinutes * deepShare));
    const rem = clamp(Math.round(8 + 9 * cycle + 4 * gaussian(seed, CYCLE_REM, day, cycle)), 3, 45);
    const light = Math.max(10, length - deep - rem);
    const lightFirst = Math.round(light * 0.65);
    add('light', lightFirst);
    add('deep', deep);
    add('light', light - lightFirst);
    add('rem', rem);
    if (uniform(seed, WAKE_BOUT, day, cycle) < 0.25 + 0.08 * cycle + 0.4 * illness) add('awake', Math.round(between(seed, WAKE_BOUT_LENGTH, 1, 6, day, cycle)));
  }
  pieces.push(['awake', total - at]);
  return toSpans(pieces, bedMs);
}

/** Consecutive pieces of one stage become one span; empty pieces vanish. */
function toSpans(pieces: readonly [Stage, number][], bedMs: number): StageSpan[] {
  const spans: StageSpan[] = [];
  let startMs = bedMs;
  for (const [stage, minutes] of pieces) {
    if (minutes <= 0) continue;
    const endMs = startMs + minutes * MINUTE_MS;
    const last = spans[spans.length - 1];
    if (last?.stage === stage) spans[spans.length - 1] = { stage, startMs: last.startMs, endMs };
    else spans.push({ stage, startMs, endMs });
    startMs = endMs;
  }
  return spans;
}
