import type { DailyAggregation } from '../metrics/metric.ts';
import { compareRevisions, compareText } from './dedup.ts';
import type { MergeSample } from './merge-sample.ts';

export interface Aggregate {
  readonly value: number;
  readonly min?: number;
  readonly max?: number;
  readonly count: number;
}

/**
 * One source's samples of a day -> its value. Values are sorted before summing so the
 * floating-point result is the same whatever order the samples arrived in.
 */
export function aggregate(aggregation: DailyAggregation, samples: readonly MergeSample[]): Aggregate {
  const values = samples.map((s) => s.value).sort((a, b) => a - b);
  const count = values.length;
  if (count === 0) return { value: 0, count };
  const min = values[0] as number;
  const max = values[count - 1] as number;
  switch (aggregation) {
    case 'sum':
    case 'duration':
      return { value: sum(values), count };
    case 'mean':
      return { value: sum(values) / count, min, max, count };
    case 'min':
      return { value: min, min, max, count };
    case 'max':
      return { value: max, min, max, count };
    case 'last':
      return { value: latest(samples).value, min, max, count };
  }
}

/** The reading taken last; among readings at the same instant, the latest revision. */
function latest(samples: readonly MergeSample[]): MergeSample {
  return samples.reduce((best, s) => ((compareText(s.start, best.start) || compareRevisions(s, best)) > 0 ? s : best));
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
