import { AppleHealthScanner } from './scanner.ts';
import { openAppleHealthSource, type AppleHealthInput, type AppleHealthSourceOptions } from './source.ts';
import type { AppleHealthBatch } from './types.ts';

export interface ReadAppleHealthOptions extends AppleHealthSourceOptions {
  /** Records per batch (default 1000); a batch also carries the skips found with its records. */
  readonly batchSize?: number;
}

export const DEFAULT_BATCH_SIZE = 1000;

/**
 * Streams the records of an Apple Health export in batches, in document order:
 *
 *   for await (const { records, skipped, progress } of readAppleHealthExport('export.zip')) { … }
 *
 * Memory stays bounded whatever the file size: the next piece of the file is read only when
 * the consumer asks for the next batch. A malformed record is skipped and reported in
 * `skipped`; a file that is not an export, or is cut short, throws AppleHealthExportError.
 */
export async function* readAppleHealthExport(input: AppleHealthInput, options: ReadAppleHealthOptions = {}): AsyncGenerator<AppleHealthBatch, void, undefined> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const source = await openAppleHealthSource(input, options);
  const scanner = new AppleHealthScanner();
  let bytesRead = 0;
  const batch = (): AppleHealthBatch => ({ ...scanner.take(batchSize), progress: { bytesRead, totalBytes: source.totalBytes } });
  try {
    for await (const chunk of source.chunks) {
      // A stream in string mode (setEncoding) gives text: back to the UTF-8 bytes the scanner reads.
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      bytesRead += bytes.length;
      scanner.push(bytes);
      while (scanner.records.length >= batchSize || scanner.skipped.length >= batchSize) yield batch();
    }
    scanner.finish();
    while (scanner.records.length > 0 || scanner.skipped.length > 0) yield batch();
  } finally {
    await source.close();
  }
}
