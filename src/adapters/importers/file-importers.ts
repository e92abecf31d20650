import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FileImporters, FileImportOptions, ImportFormat, OpenedImport } from '../../app/ports.ts';
import { importAppleHealth } from './apple-health/import-apple-health.ts';
import { importCsv } from './csv/import-csv.ts';
import type { TabularImportResult } from './csv/import-result.ts';
import { DETECT_FORMAT_BYTES, detectFormat } from './detect-format.ts';
import { importFitbit } from './fitbit/import-fitbit.ts';

/** Apple Health, Fitbit and generic CSV behind the FileImporters port. */
export const fileImporters: FileImporters = {
  detect: detectFormat,
  detectBytes: DETECT_FORMAT_BYTES,

  async open(path: string, format: ImportFormat, options: FileImportOptions): Promise<OpenedImport> {
    if (format === 'apple-health') {
      const opened = importAppleHealth(path, { batchSize: options.batchSize });
      return {
        format,
        batches: opened.samples,
        fractionRead: opened.fractionRead,
        get skipped() {
          return opened.skipped;
        },
        get skippedCount() {
          return opened.skippedCount;
        },
        notWornDays: [],
        close: opened.close,
      };
    }
    const { size } = await stat(path);
    const input = createReadStream(path);
    const tabular =
      format === 'fitbit'
        ? await importFitbit(input, {
            batchSize: options.batchSize,
            ...(options.personId !== undefined && { personId: options.personId }),
            ...(options.notWornDays !== undefined && { notWornDays: options.notWornDays }),
          })
        : await importCsv(input, {
            batchSize: options.batchSize,
            ...(options.columns !== undefined && { columns: options.columns }),
            ...(options.dateFormat !== undefined && { dateFormat: options.dateFormat }),
          });
    return fromTabular(tabular, size);
  },
};

function fromTabular(result: TabularImportResult & { notWornDays?: readonly string[] }, size: number): OpenedImport {
  return {
    format: result.format,
    batches: result.samples,
    fractionRead: () => (size === 0 ? 1 : Math.min(1, result.bytesRead / size)),
    get skipped() {
      return result.skipped;
    },
    get skippedCount() {
      return result.skippedCount;
    },
    get notWornDays() {
      return result.notWornDays ?? [];
    },
    close: () => result.close(),
  };
}
