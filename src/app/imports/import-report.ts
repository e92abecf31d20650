import type { ImportedSample } from '../../domain/ingest/index.ts';
import type { ImportProgress, ImportSkip, SampleRejection } from '../ports.ts';

/** Skip reasons an import keeps (the imports table holds at most this many); all are counted. */
export const MAX_REPORTED_SKIPS = 1000;

/**
 * The running tally of one import: samples taken per metric, and what was skipped — by the
 * file's reader (a line it could not read) or by normalization (a value it refused), both
 * reported by the file's line.
 */
export class ImportReport {
  readonly counts: Record<string, number> = {};
  private readonly normalizationSkips: ImportSkip[] = [];
  private normalizationSkipCount = 0;

  /** A batch handed to ingestion, and the samples normalization refused (by 1-based position). */
  addBatch(batch: readonly ImportedSample[], rejections: readonly SampleRejection[], rejectedTotal: number): void {
    const refused = new Set(rejections.map((r) => r.record - 1));
    batch.forEach((sample, index) => {
      if (!refused.has(index)) this.counts[sample.metric] = (this.counts[sample.metric] ?? 0) + 1;
    });
    for (const rejection of rejections) {
      const sample = batch[rejection.record - 1];
      if (sample && this.normalizationSkips.length < MAX_REPORTED_SKIPS) this.normalizationSkips.push({ line: sample.line, reason: `${sample.metric}: ${rejection.reason}` });
    }
    this.normalizationSkipCount += rejectedTotal;
  }

  /** Where the import stands, merging the reader's skips with normalization's, by line. */
  progress(state: ImportProgress['state'], percent: number, reader: { skipped: readonly ImportSkip[]; skippedCount: number }): ImportProgress {
    const skipped = [...reader.skipped, ...this.normalizationSkips].sort((a, b) => a.line - b.line).slice(0, MAX_REPORTED_SKIPS);
    return { state, progress: percent, counts: { ...this.counts }, skipped, skippedTotal: reader.skippedCount + this.normalizationSkipCount };
  }
}
