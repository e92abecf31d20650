/**
 * The Fitbit CSV files this importer reads (the shapes of the Fitabase export), told apart by
 * their columns, never by the file's name. Column names match case-insensitively, ignoring
 * surrounding spaces; any other column (`Week_Day`, an empty one) is ignored.
 */
export type FitbitFileKind = 'dailyActivity' | 'hourlySteps' | 'hourlyCalories' | 'sleepDay' | 'weightLogInfo';

export const FITBIT_FILE_KINDS: readonly FitbitFileKind[] = ['dailyActivity', 'hourlySteps', 'hourlyCalories', 'sleepDay', 'weightLogInfo'];

interface Shape {
  readonly kind: FitbitFileKind;
  /** Every one of these must be present. */
  readonly required: readonly string[];
  /** At least one of these must be present (weight in kg or in pounds). */
  readonly oneOf?: readonly string[];
  /** Read when present. */
  readonly optional: readonly string[];
}

const SHAPES: readonly Shape[] = [
  {
    kind: 'dailyActivity',
    required: ['Id', 'ActivityDate', 'TotalSteps', 'TotalDistance', 'VeryActiveMinutes', 'FairlyActiveMinutes', 'SedentaryMinutes', 'Calories'],
    optional: [],
  },
  { kind: 'hourlySteps', required: ['Id', 'ActivityHour', 'StepTotal'], optional: [] },
  { kind: 'hourlyCalories', required: ['Id', 'ActivityHour', 'Calories'], optional: [] },
  { kind: 'sleepDay', required: ['Id', 'SleepDay', 'TotalMinutesAsleep', 'TotalTimeInBed'], optional: [] },
  { kind: 'weightLogInfo', required: ['Id', 'Date'], oneOf: ['WeightKg', 'WeightPounds'], optional: ['WeightKg', 'WeightPounds', 'Fat', 'BMI', 'IsManualReport', 'LogId'] },
];

export interface FitbitShape {
  readonly kind: FitbitFileKind;
  /** Column index by canonical column name, for the columns this kind reads. */
  readonly columns: ReadonlyMap<string, number>;
  /** Header cells this kind does not read. */
  readonly ignored: readonly string[];
}

export type ShapeResult = { ok: true; shape: FitbitShape } | { ok: false; reason: string };

const fold = (name: string): string => name.trim().toLowerCase();

/**
 * Which Fitbit file a header is. Exactly one shape must match: a header naming both an
 * `ActivityHour` step total and calories (two files merged into one) is refused rather than
 * read as either.
 */
export function detectFitbitShape(header: readonly string[]): ShapeResult {
  const index = headerIndex(header);
  const matches = matchingShapes(index);
  const [match] = matches;
  if (matches.length > 1) {
    return { ok: false, reason: `the header fits several Fitbit files (${matches.map((m) => m.kind).join(', ')}); import each file on its own` };
  }
  if (match === undefined) {
    const expected = SHAPES.map((s) => `${s.kind} (${[...s.required, ...(s.oneOf ? [s.oneOf.join(' or ')] : [])].join(', ')})`).join('; ');
    return { ok: false, reason: `not a Fitbit file this importer reads. Columns found: ${describeHeader(header)}. Expected one of: ${expected}` };
  }
  const columns = new Map<string, number>();
  for (const name of [...match.required, ...match.optional]) {
    const i = index.get(fold(name));
    if (i !== undefined) columns.set(name, i);
  }
  const used = new Set(columns.values());
  const ignored = header.filter((cell, i) => !used.has(i)).map((cell) => (cell.trim() === '' ? '(unnamed column)' : cell));
  return { ok: true, shape: { kind: match.kind, columns, ignored } };
}

/**
 * True when the header has the columns of at least one Fitbit shape (for format detection; the
 * importer then refuses a header that fits several, with the reason).
 */
export function isFitbitHeader(header: readonly string[]): boolean {
  return matchingShapes(headerIndex(header)).length > 0;
}

function headerIndex(header: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((cell, i) => {
    const key = fold(cell);
    if (key !== '' && !index.has(key)) index.set(key, i);
  });
  return index;
}

function matchingShapes(index: ReadonlyMap<string, number>): Shape[] {
  return SHAPES.filter(
    (shape) => shape.required.every((c) => index.has(fold(c))) && (shape.oneOf === undefined || shape.oneOf.some((c) => index.has(fold(c)))),
  );
}

function describeHeader(header: readonly string[]): string {
  const shown = header.slice(0, 20).map((c) => (c.length > 40 ? `${c.slice(0, 40)}…` : c));
  return `${shown.join(', ')}${header.length > 20 ? `, … (${header.length} columns)` : ''}`;
}
