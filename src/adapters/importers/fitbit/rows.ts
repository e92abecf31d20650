import { isNotWornDay, type RawSample } from '../../../domain/ingest/index.ts';
import { addHours, formatTableTimestamp, parseTableTimestamp, type TableTimestamp } from '../csv/dates.ts';
import type { FitbitFileKind, FitbitShape } from './shapes.ts';

export const FITBIT_SOURCE = 'fitbit';

/**
 * One row of a Fitbit file as samples. A row whose date cannot be read is refused whole
 * (`reason`); a value cell that cannot be read only loses its own sample (`problems`), the
 * rest of the row imports.
 */
export type RowOutcome =
  | { ok: false; reason: string }
  | {
      ok: true;
      /** What identifies the row within one person's file, for duplicate detection. */
      key: string;
      samples: RawSample[];
      problems: string[];
      /** The row's local date when dailyActivity says the tracker was not worn that day. */
      notWornDate?: string;
    };

export interface RowInput {
  readonly kind: FitbitFileKind;
  readonly shape: FitbitShape;
  readonly fields: readonly string[];
  readonly id: string;
  /** Dates (YYYY-MM-DD) whose hourly samples are flagged not worn. */
  readonly notWornDays: ReadonlySet<string>;
}

export function readFitbitRow(input: RowInput): RowOutcome {
  switch (input.kind) {
    case 'dailyActivity':
      return dailyActivity(new Row(input));
    case 'hourlySteps':
      return hourly(new Row(input), 'StepTotal', 'steps', '{steps}');
    case 'hourlyCalories':
      return hourly(new Row(input), 'Calories', 'total_energy', 'kcal');
    case 'sleepDay':
      return sleepDay(new Row(input));
    case 'weightLogInfo':
      return weightLog(new Row(input));
  }
}

class Row {
  readonly problems: string[] = [];

  constructor(readonly input: RowInput) {}

  cell(column: string): string {
    const index = this.input.shape.columns.get(column);
    return index === undefined ? '' : (this.input.fields[index] ?? '').trim();
  }

  /** A non-negative number, or undefined with a problem recorded (empty counts as a problem unless optional). */
  number(column: string, optional = false): number | undefined {
    const text = this.cell(column);
    if (text === '') {
      if (!optional) this.problems.push(`${column} is empty`);
      return undefined;
    }
    const value = parseDecimal(text);
    if (value === undefined) this.problems.push(`${column} '${clip(text)}' is not a number`);
    else if (value < 0) this.problems.push(`${column} ${text} is negative`);
    else return value;
    return undefined;
  }

  sample(metric: string, value: number | undefined, unit: string, start: string, externalId: string, extra: Partial<RawSample> = {}): RawSample | undefined {
    if (value === undefined) return undefined;
    return { metric, value, unit, start, source: FITBIT_SOURCE, externalId, ...extra };
  }

  externalId(timestamp: string): string {
    return `${this.input.id}:${this.input.kind}:${timestamp}`;
  }
}

/** A date column of a daily file: a bare date, or the date at midnight (`4/12/2016 12:00:00 AM`). */
function dayOf(row: Row, column: string): { ok: true; date: string } | { ok: false; reason: string } {
  const parsed = timestampOf(row, column);
  if (!parsed.ok) return parsed;
  const { value } = parsed;
  if (value.secondsOfDay !== 0 || value.offset !== undefined) return { ok: false, reason: `${column} '${clip(row.cell(column))}' is not a date (a time of day other than midnight)` };
  return { ok: true, date: value.date };
}

function timestampOf(row: Row, column: string): { ok: true; value: TableTimestamp } | { ok: false; reason: string } {
  const text = row.cell(column);
  if (text === '') return { ok: false, reason: `${column} is empty` };
  const parsed = parseTableTimestamp(text, 'mdy');
  if (!parsed.ok) return { ok: false, reason: `${column}: ${parsed.reason}` };
  return parsed;
}

function dailyActivity(row: Row): RowOutcome {
  const day = dayOf(row, 'ActivityDate');
  if (!day.ok) return day;
  const { date } = day;
  const steps = row.number('TotalSteps');
  const distance = row.number('TotalDistance');
  const calories = row.number('Calories');
  const veryActive = row.number('VeryActiveMinutes');
  const fairlyActive = row.number('FairlyActiveMinutes');
  const sedentary = row.number('SedentaryMinutes');
  const exercise = veryActive !== undefined && fairlyActive !== undefined ? veryActive + fairlyActive : undefined;
  const notWorn = steps !== undefined && sedentary !== undefined && isNotWornDay({ steps, sedentaryMinutes: sedentary });
  const id = row.externalId(date);
  const extra = notWorn ? { notWorn: true } : {};
  const samples = [
    row.sample('steps', steps, '{steps}', date, id, extra),
    row.sample('distance', distance, 'km', date, id, extra),
    row.sample('total_energy', calories, 'kcal', date, id, extra),
    row.sample('exercise_minutes', exercise, 'min', date, id, extra),
  ].filter((s) => s !== undefined);
  return { ok: true, key: date, samples, problems: row.problems, ...(notWorn && { notWornDate: date }) };
}

function hourly(row: Row, column: string, metric: string, unit: string): RowOutcome {
  const parsed = timestampOf(row, 'ActivityHour');
  if (!parsed.ok) return parsed;
  const { value } = parsed;
  if (value.secondsOfDay % 3600 !== 0) return { ok: false, reason: `ActivityHour '${clip(row.cell('ActivityHour'))}' is not on the hour` };
  // A bare date (some spreadsheet copies drop "0:00") can only be the day's first hour.
  const hour = value.time === undefined ? { ...value, time: '00:00:00' } : value;
  const local = `${hour.date}T${hour.time}`;
  const offset = hour.offset ?? '';
  const start = `${local}${offset}`;
  const end = `${addHours(local, 1)}${offset}`;
  const amount = row.number(column);
  const extra = row.input.notWornDays.has(hour.date) ? { notWorn: true } : {};
  const sample = row.sample(metric, amount, unit, start, row.externalId(start), { end, ...extra });
  return { ok: true, key: start, samples: sample ? [sample] : [], problems: row.problems };
}

function sleepDay(row: Row): RowOutcome {
  const day = dayOf(row, 'SleepDay');
  if (!day.ok) return day;
  const { date } = day;
  const id = row.externalId(date);
  const samples = [
    row.sample('sleep_duration', row.number('TotalMinutesAsleep'), 'min', date, id),
    row.sample('time_in_bed', row.number('TotalTimeInBed'), 'min', date, id),
  ].filter((s) => s !== undefined);
  return { ok: true, key: date, samples, problems: row.problems };
}

function weightLog(row: Row): RowOutcome {
  const parsed = timestampOf(row, 'Date');
  if (!parsed.ok) return parsed;
  const start = formatTableTimestamp(parsed.value);
  const logId = row.cell('LogId');
  const externalId = logId !== '' ? logId : row.externalId(start);
  const manual = parseBoolean(row.cell('IsManualReport'));
  if (manual === null) row.problems.push(`IsManualReport '${clip(row.cell('IsManualReport'))}' is not true or false`);
  const extra = manual === true ? { device: 'manual entry' } : {};

  const kg = row.number('WeightKg', true);
  const pounds = kg === undefined ? row.number('WeightPounds', true) : undefined;
  if (kg === undefined && pounds === undefined && !row.problems.some((p) => p.startsWith('Weight'))) row.problems.push('no weight: WeightKg and WeightPounds are empty');
  const samples = [
    kg !== undefined ? row.sample('weight', kg, 'kg', start, externalId, extra) : row.sample('weight', pounds, '[lb_av]', start, externalId, extra),
    row.sample('body_fat', row.number('Fat', true), '%', start, externalId, extra),
    row.sample('bmi', row.number('BMI', true), 'kg/m2', start, externalId, extra),
  ].filter((s) => s !== undefined);
  return { ok: true, key: logId !== '' ? `log:${logId}` : start, samples, problems: row.problems };
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** `True`, `TRUE`, `true`, `1`, `yes` / their opposites; undefined when empty, null when unreadable. */
export function parseBoolean(text: string): boolean | undefined | null {
  const folded = text.trim().toLowerCase();
  if (folded === '') return undefined;
  if (folded === 'true' || folded === '1' || folded === 'yes' || folded === 'y' || folded === 't') return true;
  if (folded === 'false' || folded === '0' || folded === 'no' || folded === 'n' || folded === 'f') return false;
  return null;
}

const clip = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
