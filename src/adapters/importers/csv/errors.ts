import { AppError } from '../../../app/errors.ts';

export type TabularFormat = 'fitbit' | 'csv';

/**
 * Why a whole Fitbit or CSV file is refused (a bad row or cell is only skipped and reported):
 * - `empty`: no header line;
 * - `not_text`: binary content (NUL characters) or an unsupported text encoding;
 * - `record_too_long`: a record beyond the reader's limit (an unbalanced quote, or not CSV);
 * - `unknown_shape`: a header that is none of the Fitbit files this importer reads;
 * - `several_people`: a Fitbit file with more than one `Id` and no `personId` chosen;
 * - `person_not_found`: the chosen `personId` has no row in the file;
 * - `too_many_held`: without `personId`, more samples than can be held back before the file
 *   is known to hold one person only;
 * - `no_date_column`, `no_metric_columns`: a generic CSV without a date column or without any
 *   column that maps onto a metric;
 * - `ambiguous_dates`: day/month order cannot be told (`4/12/2016`) and no `dateFormat` given;
 * - `bad_mapping`: an explicit mapping names a column, metric or unit that does not exist or fit.
 */
export type ImportRefusal =
  | 'empty'
  | 'not_text'
  | 'record_too_long'
  | 'unknown_shape'
  | 'several_people'
  | 'person_not_found'
  | 'too_many_held'
  | 'no_date_column'
  | 'no_metric_columns'
  | 'ambiguous_dates'
  | 'bad_mapping';

const UNSUPPORTED: ReadonlySet<ImportRefusal> = new Set(['not_text', 'unknown_shape', 'record_too_long']);

export class FileImportError extends AppError {
  constructor(
    readonly format: TabularFormat,
    readonly refusal: ImportRefusal,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(UNSUPPORTED.has(refusal) ? 'unsupported_media_type' : 'validation_failed', message, { format, refusal, ...details });
    this.name = 'FileImportError';
  }
}
