import type { CanonicalSample } from './sample.ts';

/** What a daily rollup needs of a stored sample (a CanonicalSample fits). */
export type MergeSample = Pick<CanonicalSample, 'source' | 'value' | 'start' | 'end'> &
  Partial<Pick<CanonicalSample, 'wholeDay' | 'notWorn' | 'category' | 'recordedAt' | 'externalId' | 'device'>>;

/** One source's samples for the day, with its rank (0 = highest priority). */
export interface SourceGroup {
  readonly source: string;
  readonly rank: number;
  readonly samples: readonly MergeSample[];
}
