import type { ImportedSample } from '../../../domain/ingest/index.ts';
import type { CsvInput } from '../csv/csv-reader.ts';
import { FileImportError } from '../csv/errors.ts';
import {
  checkBatchSize,
  ImportTally,
  openCsv,
  rowHashes,
  SampleBatcher,
  tabularResult,
  type TabularImportOptions,
  type TabularImportResult,
} from '../csv/import-result.ts';
import { readFitbitRow } from './rows.ts';
import { detectFitbitShape, type FitbitFileKind } from './shapes.ts';

export interface FitbitImportOptions extends TabularImportOptions {
  /**
   * The `Id` whose rows to import; the other people's rows are passed over. May be left out
   * when the file holds one person only; a file with several is then refused, naming them.
   */
  readonly personId?: string;
  /**
   * Local dates (YYYY-MM-DD) on which this person's tracker was not worn, as a dailyActivity
   * import reports them (`notWornDays`): the hourly samples of those dates are flagged too.
   */
  readonly notWornDays?: Iterable<string>;
  /**
   * Without `personId`, nothing is yielded until the end of the file shows it holds one person
   * (so a multi-person file is refused before any sample leaves). At most this many samples are
   * held (default 100,000, about 11 years of hourly rows); beyond it the file is refused and
   * `personId` must be given, which streams with bounded memory.
   */
  readonly maxHeldSamples?: number;
}

export interface FitbitImportResult extends TabularImportResult {
  readonly format: 'fitbit';
  readonly kind: FitbitFileKind;
  /** The person imported: `personId`, or the file's only `Id` once read. */
  readonly personId: string | undefined;
  /** Every `Id` seen so far, sorted (at most 10,000 are tracked). */
  readonly people: readonly string[];
  /** Dates flagged not worn (dailyActivity: 0 steps and 1,440 sedentary minutes). */
  readonly notWornDays: readonly string[];
  /** Rows of other people passed over because `personId` chose someone else. */
  readonly otherPeopleRows: number;
}

export const DEFAULT_MAX_HELD_SAMPLES = 100_000;
export const MAX_TRACKED_PEOPLE = 10_000;
const PEOPLE_IN_MESSAGE = 50;

/** How the same moment was first seen: to tell an exact duplicate row from a conflicting one. */
interface SeenRow {
  readonly line: number;
  readonly hash: number;
  readonly check: number;
}

/**
 * Imports one Fitbit CSV file (dailyActivity, hourlySteps, hourlyCalories, sleepDay or
 * weightLogInfo, recognised by its header) as RawSamples with source `fitbit`.
 *
 * Reads the header before returning: a file that is none of these shapes is refused here
 * (FileImportError `unknown_shape`). Then `samples` streams the rows: a bad row or cell is
 * skipped and reported with its line; exact duplicate rows collapse (skipped as "duplicate
 * row"); a second row for the same moment with other values is skipped, naming the first.
 */
export async function importFitbit(input: CsvInput, options: FitbitImportOptions = {}): Promise<FitbitImportResult> {
  const batchSize = checkBatchSize(options.batchSize);
  const maxHeld = options.maxHeldSamples ?? DEFAULT_MAX_HELD_SAMPLES;
  if (!Number.isInteger(maxHeld) || maxHeld < 1) throw new RangeError(`maxHeldSamples must be a positive whole number, got ${maxHeld}`);
  const personId = options.personId?.trim();
  if (options.personId !== undefined && personId === '') throw new FileImportError('fitbit', 'bad_mapping', 'personId is empty');
  const notWornOption = new Set(options.notWornDays ?? []);

  const tally = new ImportTally(options.maxSkippedReasons);
  const opened = await openCsv(input, { format: 'fitbit', maxRecordLength: options.maxRecordLength }, tally);
  const header = opened.header.fields;
  const detected = detectFitbitShape(header);
  if (!detected.ok) {
    await opened.close();
    throw new FileImportError('fitbit', 'unknown_shape', detected.reason, { header: header.slice(0, 50) });
  }
  const { shape } = detected;
  const idIndex = shape.columns.get('Id') ?? 0;

  const people = new Set<string>();
  let peopleTruncated = false;
  const notePerson = (id: string): void => {
    if (people.has(id)) return;
    if (people.size < MAX_TRACKED_PEOPLE) people.add(id);
    else peopleTruncated = true;
  };
  const sortedPeople = (): string[] => [...people].sort();
  let chosen = personId;
  let otherPeopleRows = 0;
  const notWornDays: string[] = [];

  async function* samples(): AsyncGenerator<ImportedSample[], void, undefined> {
    const batcher = new SampleBatcher(batchSize, tally);
    const holding = personId === undefined;
    const held: ImportedSample[][] = [];
    let heldCount = 0;
    let several = false;
    const seen = new Map<string, SeenRow>();

    for await (const records of opened.rows) {
      for (const record of records) {
        tally.rowsRead++;
        const id = (record.fields[idIndex] ?? '').trim();
        if (id === '') {
          tally.skip(record.line, 'Id is empty');
          continue;
        }
        notePerson(id);
        if (id !== chosen) {
          if (chosen === undefined) chosen = id;
          else {
            if (holding) several = true;
            otherPeopleRows++;
            continue;
          }
        }
        if (several) continue;
        if (record.error !== undefined) {
          tally.skip(record.line, record.error);
          continue;
        }
        const outcome = readFitbitRow({ kind: shape.kind, shape, fields: record.fields, id, notWornDays: notWornOption });
        if (!outcome.ok) {
          tally.skip(record.line, outcome.reason);
          continue;
        }
        const { hash, check } = rowHashes(record.fields);
        const first = seen.get(outcome.key);
        if (first !== undefined) {
          if (first.hash === hash && first.check === check) tally.duplicate(record.line);
          else tally.skip(record.line, `another row for the same ${describeKey(shape.kind)} (line ${first.line}) has different values; kept line ${first.line}`);
          continue;
        }
        seen.set(outcome.key, { line: record.line, hash, check });
        for (const problem of outcome.problems) tally.skip(record.line, problem);
        if (outcome.notWornDate !== undefined) notWornDays.push(outcome.notWornDate);
        for (const sample of outcome.samples) {
          const full = batcher.add(sample, record.line);
          if (full === undefined) continue;
          if (!holding) {
            yield full;
            continue;
          }
          held.push(full);
          heldCount += full.length;
          if (heldCount > maxHeld) {
            throw new FileImportError(
              'fitbit',
              'too_many_held',
              `more than ${maxHeld} samples of person ${chosen} before the end of the file: choose the person (personId) to import a file this large`,
              { personId: chosen },
            );
          }
        }
      }
    }
    if (several) {
      const ids = sortedPeople();
      const shown = ids.slice(0, PEOPLE_IN_MESSAGE).join(', ');
      const more = ids.length > PEOPLE_IN_MESSAGE || peopleTruncated ? ', …' : '';
      throw new FileImportError('fitbit', 'several_people', `this Fitbit file holds ${ids.length}${peopleTruncated ? '+' : ''} people (Id ${shown}${more}): choose one with personId`, {
        people: ids,
      });
    }
    if (personId !== undefined && !people.has(personId)) {
      const ids = sortedPeople();
      throw new FileImportError('fitbit', 'person_not_found', `no row of this file has Id ${personId}${ids.length > 0 ? `; it holds ${ids.slice(0, PEOPLE_IN_MESSAGE).join(', ')}` : ''}`, {
        people: ids,
      });
    }
    for (const batch of held.splice(0)) yield batch;
    const last = batcher.flush();
    if (last !== undefined) yield last;
  }

  const result = tabularResult(
    {
      format: 'fitbit',
      header,
      ignoredColumns: shape.ignored.map((column) => ({ column, reason: `not imported from ${shape.kind}` })),
      samples: samples(),
      people: sortedPeople,
      close: opened.close,
    },
    tally,
  );
  return Object.defineProperties(result, {
    kind: { value: shape.kind, enumerable: true },
    personId: { get: () => chosen, enumerable: true },
    notWornDays: { get: () => notWornDays, enumerable: true },
    otherPeopleRows: { get: () => otherPeopleRows, enumerable: true },
  }) as FitbitImportResult;
}

function describeKey(kind: FitbitFileKind): string {
  switch (kind) {
    case 'dailyActivity':
      return 'ActivityDate';
    case 'hourlySteps':
    case 'hourlyCalories':
      return 'ActivityHour';
    case 'sleepDay':
      return 'SleepDay';
    case 'weightLogInfo':
      return 'LogId (or Date, without a LogId)';
  }
}
