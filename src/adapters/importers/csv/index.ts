export { importCsv, CSV_SOURCE, type CsvImportOptions, type CsvImportResult, type CsvColumnUse } from './import-csv.ts';
export { planColumns, recogniseHeader, headerWords, type ColumnMapping, type ColumnPlan, type ColumnPlanOptions, type MetricColumn } from './columns.ts';
export { readCell, MAX_SLEEP_HOURS, type CellResult } from './values.ts';
export {
  CsvParser,
  readCsv,
  parseCsvText,
  sniffDelimiter,
  DEFAULT_MAX_RECORD_LENGTH,
  type CsvRecord,
  type CsvChunk,
  type CsvInput,
  type CsvDelimiter,
  type CsvReaderOptions,
} from './csv-reader.ts';
export { parseTableTimestamp, formatTableTimestamp, type DateOrder, type TableTimestamp, type TableTimestampResult } from './dates.ts';
export { FileImportError, type ImportRefusal, type TabularFormat } from './errors.ts';
export {
  DUPLICATE_ROW,
  DEFAULT_BATCH_SIZE,
  DEFAULT_MAX_SKIPPED_REASONS,
  type ImportFormat,
  type ImportResult,
  type TabularImportResult,
  type TabularImportOptions,
  type SkippedRow,
  type IgnoredColumn,
} from './import-result.ts';
