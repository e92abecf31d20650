import { latestRevisions, type CanonicalSample, type NormalizeContext } from '../../domain/ingest/index.ts';
import { sampleNormalizer } from '../../domain/ingest/normalize.ts';
import type { SampleRejection } from '../ports.ts';

/** How many rejections a batch reports in full (the rest are counted). */
export const REPORTED_REJECTIONS = 100;

export interface PreparedBatch {
  /** One canonical sample per key, the newest revision of each. */
  kept: CanonicalSample[];
  /** Older revisions of a kept sample in the same batch. */
  superseded: number;
  /** Samples normalized, per metric (older revisions in the batch included). */
  normalizedByMetric: Record<string, number>;
  rejected: number;
  /** The first rejections, with their 1-based position in the batch. */
  rejections: SampleRejection[];
}

/**
 * A batch as it came -> canonical samples ready to store. A sample that cannot be normalized
 * (unknown metric or unit, implausible value or time, ...) is skipped with its reason; the
 * rest of the batch goes on.
 */
export function prepareBatch(raw: readonly unknown[], context: NormalizeContext): PreparedBatch {
  const normalized: CanonicalSample[] = [];
  const rejections: SampleRejection[] = [];
  const normalizedByMetric: Record<string, number> = {};
  let rejected = 0;
  const normalize = sampleNormalizer(context);
  raw.forEach((sample, index) => {
    const result = normalize(sample);
    if (result.ok) {
      normalized.push(result.sample);
      normalizedByMetric[result.sample.metric] = (normalizedByMetric[result.sample.metric] ?? 0) + 1;
      return;
    }
    rejected += 1;
    if (rejections.length < REPORTED_REJECTIONS) rejections.push({ record: index + 1, ...result.rejection });
  });
  const { kept, superseded } = latestRevisions(normalized);
  return { kept, superseded: superseded.length, normalizedByMetric, rejected, rejections };
}
