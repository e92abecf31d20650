import type { ImportedSample } from '../../../domain/ingest/index.ts';
import type { SkippedRow } from '../csv/import-result.ts';
import { ImportTally, withTallyFigures } from '../csv/import-result.ts';
import { readAppleHealthExport } from './reader.ts';
import { AppleHealthSampleMapper } from './to-raw-samples.ts';

export interface AppleHealthImport {
  readonly samples: AsyncIterable<ImportedSample[]>;
  /** Of export.xml (uncompressed), 0..1. */
  fractionRead(): number;
  readonly skipped: readonly SkippedRow[];
  readonly skippedCount: number;
  readonly counts: Readonly<Record<string, number>>;
  close(): Promise<void>;
}

/**
 * What a beat of an HRV reading's series weighs in a batch, in samples: a batch of readings
 * with 50–90 beats each would otherwise hold ~20× the objects (and memory) of one of steps.
 */
const BEATS_PER_SAMPLE = 4;

/**
 * An Apple Health export (export.zip or export.xml) as batches of RawSamples of at most
 * `batchSize` (an HRV reading counting its beat series too), each sample carrying the ordinal
 * of the record it came from as its line.
 */
export function importAppleHealth(path: string, options: { batchSize: number; maxSkippedReasons?: number }): AppleHealthImport {
  const tally = new ImportTally(options.maxSkippedReasons);
  const mapper = new AppleHealthSampleMapper();
  let fraction = 0;
  // The reader's own batches (of records, default 1,000) only hand records over: sized like the
  // sample batches they would hold up to 5,000 HRV readings with their beats, and the read
  // chunks their attribute text points into.
  const records = readAppleHealthExport(path);

  async function* samples(): AsyncGenerator<ImportedSample[], void, undefined> {
    let batch: ImportedSample[] = [];
    let weight = 0;
    for await (const { records: read, skipped, progress } of records) {
      for (const skip of skipped) tally.skip(skip.ordinal, `${skip.element}: ${skip.reason}`);
      for (const record of read) {
        const mapped = mapper.map(record);
        if (mapped.skipped) tally.skip(mapped.skipped.line, mapped.skipped.reason);
        for (const sample of mapped.samples) {
          tally.count(sample.metric);
          batch.push(sample);
          weight += 1 + (sample.details?.beats?.length ?? 0) / BEATS_PER_SAMPLE;
        }
        if (weight >= options.batchSize) {
          yield batch;
          batch = [];
          weight = 0;
        }
      }
      if (progress.totalBytes) fraction = progress.bytesRead / progress.totalBytes;
    }
    if (batch.length > 0) yield batch;
    fraction = 1;
  }

  const opened = { samples: samples(), fractionRead: () => fraction, close: async () => void (await records.return()) };
  return withTallyFigures(opened, tally, ['skipped', 'skippedCount', 'counts']);
}
