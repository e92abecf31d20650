import type { ImportedSample } from '../../domain/ingest/index.ts';
import type { PreparedBatch } from '../ingest/prepare-batch.ts';
import type { ImportProgress, ImportSkip } from '../ports.ts';

/** Skip reasons an import keeps (the imports table holds at most this many); all are counted. */
export const MAX_REPORTED_SKIPS = 1000;

/** What one batch adds to its import's report. */
export interface BatchTally {
  /** Samples taken per metric. */
  counts: Record<string, number>;
  /** The samples normalization refused, by the file's line (the batch's first ones). */
  skips: ImportSkip[];
  skipped: number;
}

/** A batch as its normalization found it; the batch itself need not be kept after this. */
export function tallyBatch(batch: readonly ImportedSample[], prepared: Pick<PreparedBatch, 'normalizedByMetric' | 'rejections' | 'rejected'>): BatchTally {
  const skips: ImportSkip[] = [];
  for (const rejection of prepared.rejections) {
    const sample = batch[rejection.record - 1];
    if (sample) skips.push({ line: sample.line, reason: `${sample.metric}: ${rejection.reason}` });
  }
  return { counts: prepared.normalizedByMetric, skips, skipped: prepared.rejected };
}

/**
 * The running tally of one import: samples taken per metric, and what was skipped — by the
 * file's reader (a line it could not read) or by normalization (a value it refused), both
 * reported by the file's line.
 */
export class ImportReport {
  readonly counts: Record<string, number> = {};
  private readonly normalizationSkips: ImportSkip[] = [];
  private normalizationSkipCount = 0;

  /** A batch's tally, added in the order of the file (the skips kept are the file's first). */
  add(tally: BatchTally): void {
    for (const [metric, n] of Object.entries(tally.counts)) this.counts[metric] = (this.counts[metric] ?? 0) + n;
    for (const skip of tally.skips) if (this.normalizationSkips.length < MAX_REPORTED_SKIPS) this.normalizationSkips.push(skip);
    this.normalizationSkipCount += tally.skipped;
  }

  /** Where the import stands, merging the reader's skips with normalization's, by line. */
  progress(state: ImportProgress['state'], percent: number, reader: { skipped: readonly ImportSkip[]; skippedCount: number }): ImportProgress {
    const skipped = [...reader.skipped, ...this.normalizationSkips].sort((a, b) => a.line - b.line).slice(0, MAX_REPORTED_SKIPS);
    return { state, progress: percent, counts: { ...this.counts }, skipped, skippedTotal: reader.skippedCount + this.normalizationSkipCount };
  }
}
