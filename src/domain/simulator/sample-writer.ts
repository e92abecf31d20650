import type { z } from 'zod';
import type { sampleInput } from '../../contracts/ingest.ts';
import { getMetric } from '../metrics/catalog.ts';
import type { Stage } from './hypnogram.ts';
import type { LocalClock } from './local-time.ts';

export type SampleInput = z.infer<typeof sampleInput>;

export const SIMULATOR_SOURCE = 'simulator';

/** A sample and the instant it becomes known: the end of its interval, or its moment. */
export interface DueSample {
  readonly dueMs: number;
  readonly sample: SampleInput;
}

export interface SampleWriter {
  instant(metric: string, value: number, atMs: number): DueSample;
  interval(metric: string, value: number, startMs: number, endMs: number): DueSample;
  stage(stage: Stage, startMs: number, endMs: number): DueSample;
}

/**
 * Samples as the ingest API takes them, in the catalog's canonical units, with timestamps in
 * the person's local offset. The offset is also given apart: a timestamp at +00:00 alone would
 * leave the local offset to the person's stored zone.
 */
export function sampleWriter(clock: LocalClock): SampleWriter {
  // Object literals of one fixed shape, no spreads: a day at a 5 s cadence is ~17,000 samples.
  const { format, offsetAt } = clock;
  const source = SIMULATOR_SOURCE;
  return {
    instant: (metric, value, atMs) => ({
      dueMs: atMs,
      sample: { metric, value, unit: unitOf(metric), start: format(atMs), source, utcOffsetMinutes: offsetAt(atMs) },
    }),
    interval: (metric, value, startMs, endMs) => ({
      dueMs: endMs,
      sample: { metric, value, unit: unitOf(metric), start: format(startMs), end: format(endMs), source, utcOffsetMinutes: offsetAt(startMs) },
    }),
    // A stage's value is its name and it takes no unit; the pipeline stores the interval's minutes.
    stage: (stage, startMs, endMs) => ({
      dueMs: endMs,
      sample: { metric: 'sleep_stage', value: stage, start: format(startMs), end: format(endMs), source, utcOffsetMinutes: offsetAt(startMs) },
    }),
  };
}

function unitOf(id: string): string {
  const metric = getMetric(id);
  if (!metric) throw new Error(`the simulator writes ${id}, which is not in the metric catalog`);
  return metric.unit;
}
