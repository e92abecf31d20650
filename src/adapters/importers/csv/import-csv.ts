import type { ImportedSample, RawSample } from '../../../domain/ingest/index.ts';
import { isFitbitHeader } from '../fitbit/shapes.ts';
import { planColumns, type ColumnPlanOptions } from './columns.ts';
import type { CsvDelimiter, CsvInput } from './csv-reader.ts';
import { formatTableTimestamp, parseTableTimestamp, type DateOrder } from './dates.ts';
import { FileImportError } from './errors.ts';
import {
  checkBatchSize,
  ImportTally,
  openCsv,
  rowHashes,
  SampleBatcher,
  tabularResult,
  type TabularImportOptions,
  type TabularImportResult,
} from './import-result.ts';
import { readCell } from './values.ts';

export interface CsvImportOptions extends TabularImportOptions, ColumnPlanOptions {
  /** Day/month order of dates written year last (`4/12/2016`); without it they are refused. */
  readonly dateFormat?: DateOrder;
  /** Field separator; sniffed from the header line when absent. */
  readonly delimiter?: CsvDelimiter;
  /** The samples' source (default `csv`), e.g. the app the file came from. */
  readonly source?: string;
  readonly device?: string;
}

export interface CsvColumnUse {
  readonly column: string;
  readonly metric: string;
  /** The unit its values are read in; `h` for sleep without a unit (see columns.ts). */
  readonly unit: string;
}

export interface CsvImportResult extends TabularImportResult {
  readonly format: 'csv';
  readonly dateColumn: string;
  readonly timeColumn: string | undefined;
  readonly columns: readonly CsvColumnUse[];
  /** The field separator (given, or sniffed from the header line). */
  readonly delimiter: CsvDelimiter;
}

export const CSV_SOURCE = 'csv';

/**
 * Imports a generic CSV: a date (or date-time) column plus metric columns, mapped by name or
 * by `columns` (see columns.ts for the names and unit rules). Reads the header before
 * returning and refuses a file without a date column or without any metric column; then
 * `samples` streams: an empty cell is skipped silently, an unreadable one is reported with its
 * line and column, a row with an unreadable date is reported whole, and exact duplicate rows
 * collapse into the first.
 */
export async function importCsv(input: CsvInput, options: CsvImportOptions = {}): Promise<CsvImportResult> {
  const batchSize = checkBatchSize(options.batchSize);
  const source = (options.source ?? CSV_SOURCE).trim();
  if (source === '') throw new FileImportError('csv', 'bad_mapping', 'source is empty');
  const tally = new ImportTally(options.maxSkippedReasons);
  const opened = await openCsv(input, { format: 'csv', delimiter: options.delimiter, maxRecordLength: options.maxRecordLength }, tally);
  const header = opened.header.fields;
  let plan: ReturnType<typeof planColumns>;
  try {
    plan = planColumns(header, options);
    if (plan.metrics.length === 0) {
      const why = plan.ignored.map((c) => `${c.column}: ${c.reason}`).join('; ');
      throw new FileImportError('csv', 'no_metric_columns', `no column maps onto a metric (${why}); rename the columns or pass a mapping`, { ignoredColumns: plan.ignored });
    }
  } catch (error) {
    await opened.close();
    if (error instanceof FileImportError && error.refusal === 'no_date_column' && isFitbitHeader(header)) {
      throw new FileImportError('csv', 'no_date_column', `${error.message}. This is a Fitbit file: import it with the fitbit format`, error.details);
    }
    throw error;
  }
  const { metrics, dateIndex, timeIndex } = plan;
  // A file separated by ';' or tabs (European spreadsheets) writes decimals with a comma.
  const decimalComma = opened.delimiter !== ',';
  const device = options.device?.trim() || undefined;

  async function* samples(): AsyncGenerator<ImportedSample[], void, undefined> {
    const batcher = new SampleBatcher(batchSize, tally);
    const seen = new Map<number, number | number[]>();
    let firstRow = true;
    for await (const records of opened.rows) {
      for (const record of records) {
        tally.rowsRead++;
        const isFirst = firstRow;
        firstRow = false;
        if (record.error !== undefined) {
          tally.skip(record.line, record.error);
          continue;
        }
        const cells = record.fields;
        const dateText = (cells[dateIndex] ?? '').trim();
        const timeText = timeIndex === undefined ? '' : (cells[timeIndex] ?? '').trim();
        if (dateText === '') {
          if (metrics.some((m) => (cells[m.index] ?? '').trim() !== '')) tally.skip(record.line, `${plan.dateColumn} is empty`);
          continue;
        }
        const parsed = parseTableTimestamp(timeText === '' ? dateText : `${dateText} ${timeText}`, options.dateFormat);
        if (!parsed.ok) {
          if (isFirst && parsed.ambiguousOrder) {
            throw new FileImportError('csv', 'ambiguous_dates', `${plan.dateColumn} ${parsed.reason}: pass dateFormat 'mdy' or 'dmy'`, { line: record.line });
          }
          tally.skip(record.line, `${plan.dateColumn}: ${parsed.reason}`);
          continue;
        }
        if (isDuplicate(seen, record.fields)) {
          tally.duplicate(record.line);
          continue;
        }
        const start = formatTableTimestamp(parsed.value);
        for (const column of metrics) {
          const cell = readCell(cells[column.index] ?? '', column, decimalComma);
          if (cell === undefined) continue;
          if (!cell.ok) {
            tally.skip(record.line, `${column.column}: ${cell.reason}`);
            continue;
          }
          const sample: RawSample = { metric: column.metric.id, value: cell.value, unit: cell.unit, start, source, ...(device !== undefined && { device }) };
          const full = batcher.add(sample, record.line);
          if (full !== undefined) yield full;
        }
      }
    }
    const last = batcher.flush();
    if (last !== undefined) yield last;
  }

  const result = tabularResult({ format: 'csv', header, ignoredColumns: plan.ignored, samples: samples(), close: opened.close }, tally);
  const columns: CsvColumnUse[] = metrics.map((m) => ({ column: m.column, metric: m.metric.id, unit: m.unit.kind === 'unit' ? m.unit.unit : 'h' }));
  return Object.defineProperties(result, {
    dateColumn: { value: plan.dateColumn, enumerable: true },
    timeColumn: { value: timeIndex === undefined ? undefined : header[timeIndex], enumerable: true },
    columns: { value: columns, enumerable: true },
    delimiter: { value: opened.delimiter, enumerable: true },
  }) as CsvImportResult;
}

/** Exact duplicate rows, by two independent 53-bit hashes of the row (memory: ~40 bytes a row). */
function isDuplicate(seen: Map<number, number | number[]>, fields: readonly string[]): boolean {
  const { hash: key, check } = rowHashes(fields);
  const known = seen.get(key);
  if (known === undefined) {
    seen.set(key, check);
    return false;
  }
  const checks = typeof known === 'number' ? [known] : known;
  if (checks.includes(check)) return true;
  seen.set(key, [...checks, check]);
  return false;
}
