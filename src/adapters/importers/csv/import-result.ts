import type { ImportedSample, RawSample } from '../../../domain/ingest/index.ts';
import { FileImportError, type TabularFormat } from './errors.ts';
import { readCsv, type CsvDelimiter, type CsvInput, type CsvReaderOptions, type CsvRecord } from './csv-reader.ts';

export type ImportFormat = 'apple-health' | 'fitbit' | 'csv';

/** A row (or a cell of it) that did not import, and why. `line` is the file's 1-based line. */
export interface SkippedRow {
  readonly line: number;
  readonly reason: string;
}

/** A column of the file that feeds no sample, and why (unknown name, no unit, a repeat, ...). */
export interface IgnoredColumn {
  readonly column: string;
  readonly reason: string;
}

/**
 * What every importer gives back. `samples` streams batches of at most `batchSize` (5,000 by
 * default) and can be iterated once; breaking out of the loop closes the input. The counters
 * grow while the batches are read and are final once the iteration has ended.
 */
export interface ImportResult {
  readonly format: ImportFormat;
  readonly samples: AsyncIterable<ImportedSample[]>;
  /** The first `maxSkippedReasons` (1,000 by default) reasons; `skippedCount` counts them all. */
  readonly skipped: readonly SkippedRow[];
  /** Rows and cells that did not import, exact duplicate rows included. */
  readonly skippedCount: number;
  /** Exact duplicate rows collapsed into their first occurrence (each also in `skipped`). */
  readonly duplicates: number;
  /** The people a multi-person file names (Fitbit `Id`), sorted. */
  readonly people?: readonly string[];
}

/** The result of the CSV-shaped importers (Fitbit, generic CSV). */
export interface TabularImportResult extends ImportResult {
  readonly format: TabularFormat;
  /** The header as read. */
  readonly header: readonly string[];
  readonly ignoredColumns: readonly IgnoredColumn[];
  /** Data rows read so far (blank lines not counted). */
  readonly rowsRead: number;
  /** Bytes of the input read so far, for a progress bar against the file size. */
  readonly bytesRead: number;
  /** Samples yielded so far, per metric id. */
  readonly counts: Readonly<Record<string, number>>;
  /** Releases the input without reading the samples. */
  close(): Promise<void>;
}

export const DUPLICATE_ROW = 'duplicate row';
export const DEFAULT_BATCH_SIZE = 5000;
export const DEFAULT_MAX_SKIPPED_REASONS = 1000;

export interface TabularImportOptions {
  /** Samples per batch, 1-5,000 (default 5,000). */
  readonly batchSize?: number;
  /** How many skip reasons to keep (default 1,000); all are counted. */
  readonly maxSkippedReasons?: number;
  /** Longest CSV record in characters before the file is refused (default 1 MiB). */
  readonly maxRecordLength?: number;
}

/** The live counters behind a TabularImportResult. */
export class ImportTally {
  readonly skipped: SkippedRow[] = [];
  readonly counts: Record<string, number> = {};
  skippedCount = 0;
  duplicates = 0;
  rowsRead = 0;
  bytesRead = 0;

  constructor(private readonly maxReasons: number = DEFAULT_MAX_SKIPPED_REASONS) {
    if (!Number.isInteger(maxReasons) || maxReasons < 0) throw new RangeError(`maxSkippedReasons must be a whole number >= 0, got ${maxReasons}`);
  }

  skip(line: number, reason: string): void {
    this.skippedCount++;
    if (this.skipped.length < this.maxReasons) this.skipped.push({ line, reason });
  }

  duplicate(line: number): void {
    this.duplicates++;
    this.skip(line, DUPLICATE_ROW);
  }

  count(metric: string): void {
    this.counts[metric] = (this.counts[metric] ?? 0) + 1;
  }
}

export function checkBatchSize(batchSize: number | undefined): number {
  const size = batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > DEFAULT_BATCH_SIZE) throw new RangeError(`batchSize must be a whole number from 1 to ${DEFAULT_BATCH_SIZE}, got ${size}`);
  return size;
}

/** Collects samples into batches of a fixed size, counting them per metric. */
export class SampleBatcher {
  private batch: ImportedSample[] = [];

  constructor(
    private readonly size: number,
    private readonly tally: ImportTally,
  ) {}

  /** Adds a sample read from `line` of the file; returns a full batch when one is ready. */
  add(sample: RawSample, line: number): ImportedSample[] | undefined {
    this.tally.count(sample.metric);
    this.batch.push({ ...sample, line });
    if (this.batch.length < this.size) return undefined;
    const full = this.batch;
    this.batch = [];
    return full;
  }

  /** The last, partial batch, if any. */
  flush(): ImportedSample[] | undefined {
    if (this.batch.length === 0) return undefined;
    const last = this.batch;
    this.batch = [];
    return last;
  }
}

export interface OpenedCsv {
  readonly header: CsvRecord;
  /** The field separator (given, or sniffed from the header line). */
  readonly delimiter: CsvDelimiter;
  /** The records after the header, a batch per input chunk; ending or leaving it closes the input. */
  readonly rows: AsyncGenerator<CsvRecord[], void, undefined>;
  close(): Promise<void>;
}

/** Reads up to the header (the first non-blank record); refuses an empty file. */
export async function openCsv(input: CsvInput, options: CsvReaderOptions & { format: TabularFormat }, tally: ImportTally): Promise<OpenedCsv> {
  const chunks = readCsv(input, options);
  let header: CsvRecord | undefined;
  let pending: CsvRecord[] = [];
  let delimiter: CsvDelimiter = options.delimiter ?? ',';
  try {
    while (header === undefined) {
      const next = await chunks.next();
      if (next.done) break;
      tally.bytesRead = next.value.bytesRead;
      delimiter = next.value.delimiter;
      [header, ...pending] = next.value.records;
    }
  } catch (error) {
    await chunks.return();
    throw error;
  }
  if (header === undefined) throw new FileImportError(options.format, 'empty', 'the file is empty: no header line');
  async function* rows(): AsyncGenerator<CsvRecord[], void, undefined> {
    try {
      if (pending.length > 0) yield pending;
      pending = [];
      for (;;) {
        const next = await chunks.next();
        if (next.done) return;
        tally.bytesRead = next.value.bytesRead;
        yield next.value.records;
      }
    } finally {
      await chunks.return();
    }
  }
  return {
    header,
    delimiter,
    rows: rows(),
    close: async () => {
      await chunks.return();
    },
  };
}

/** The live view of a tally as a TabularImportResult. */
export function tabularResult(
  fixed: {
    format: TabularFormat;
    header: readonly string[];
    ignoredColumns: readonly IgnoredColumn[];
    samples: AsyncGenerator<ImportedSample[], void, undefined>;
    people?: () => readonly string[] | undefined;
    /** Releases the input (the samples generator may never have started). */
    close: () => Promise<void>;
  },
  tally: ImportTally,
): TabularImportResult {
  const { format, header, ignoredColumns, samples, people, close } = fixed;
  const result = {
    format,
    header,
    ignoredColumns,
    samples,
    get people() {
      return people?.();
    },
    close: async () => {
      await samples.return();
      await close();
    },
  };
  return withTallyFigures(result, tally, ['skipped', 'skippedCount', 'duplicates', 'rowsRead', 'bytesRead', 'counts']);
}

type TallyFigure = 'skipped' | 'skippedCount' | 'duplicates' | 'rowsRead' | 'bytesRead' | 'counts';

/** `result` showing the tally's figures as they stand when read: they grow while its samples are read. */
export function withTallyFigures<T extends object, K extends TallyFigure>(result: T, tally: ImportTally, figures: readonly K[]): T & Pick<ImportTally, K> {
  for (const figure of figures) Object.defineProperty(result, figure, { get: () => tally[figure], enumerable: true });
  return result as T & Pick<ImportTally, K>;
}

/** Two independent 53-bit hashes of a record's cells (trailing empty cells dropped): equal for exact duplicates. */
export function rowHashes(fields: readonly string[]): { hash: number; check: number } {
  const fingerprint = rowFingerprint(fields);
  return { hash: hash53(fingerprint), check: hash53(fingerprint, 0x9e3779b9) };
}

function rowFingerprint(fields: readonly string[]): string {
  let end = fields.length;
  while (end > 0 && fields[end - 1] === '') end--;
  return fields.slice(0, end).join('\u001f');
}

/** cyrb53 (public domain): a fast 53-bit string hash; two seeds give two independent hashes. */
function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
