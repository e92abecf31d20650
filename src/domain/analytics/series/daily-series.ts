import { addDays, datesBetween } from './calendar-date.ts';

/** One day of one metric, as read from the daily rollups. */
export interface DailyPoint {
  readonly date: string;
  readonly value: number | null;
  /** `not_worn`: shown, never used in a statistic. */
  readonly status?: 'ok' | 'not_worn';
}

export type DailySeries = readonly DailyPoint[];

/** `ok`: a value that counts; `not_worn`: the device was off; `missing`: nothing that day. */
export type DayState = 'ok' | 'not_worn' | 'missing';

export interface DayEntry {
  readonly value: number | null;
  readonly state: DayState;
}

export type DayIndex = ReadonlyMap<string, DayEntry>;

const MISSING: DayEntry = { value: null, state: 'missing' };
const STATE_RANK: Record<DayState, number> = { missing: 0, not_worn: 1, ok: 2 };

function entryOf(point: DailyPoint): DayEntry {
  const value = point.value !== null && Number.isFinite(point.value) ? point.value : null;
  if (point.status === 'not_worn') return { value, state: 'not_worn' };
  return value === null ? MISSING : { value, state: 'ok' };
}

/**
 * The series by date. Several points on one date (several metrics feeding one calendar) merge:
 * a counted value beats a not-worn day, which beats an empty one; among equals the later wins.
 * Non-finite values count as missing, so no NaN can enter a statistic.
 */
export function indexByDate(series: DailySeries): DayIndex {
  const index = new Map<string, DayEntry>();
  for (const point of series) {
    const entry = entryOf(point);
    const previous = index.get(point.date);
    if (!previous || STATE_RANK[entry.state] >= STATE_RANK[previous.state]) index.set(point.date, entry);
  }
  return index;
}

export function dayEntry(index: DayIndex, date: string): DayEntry {
  return index.get(date) ?? MISSING;
}

/** The value of `date` if it counts towards statistics. */
export function countedOn(index: DayIndex, date: string): number | undefined {
  const entry = index.get(date);
  return entry?.state === 'ok' && entry.value !== null ? entry.value : undefined;
}

export interface CountedDay {
  readonly date: string;
  readonly value: number;
}

/** Counted days of [from, to], in date order. */
export function countedDays(index: DayIndex, from: string, to: string): CountedDay[] {
  return datesBetween(from, to).flatMap((date) => {
    const value = countedOn(index, date);
    return value === undefined ? [] : [{ date, value }];
  });
}

export function countedValues(index: DayIndex, from: string, to: string): number[] {
  return countedDays(index, from, to).map((day) => day.value);
}

/** Counted values of the `days` days that end with `end`. */
export function countedValuesEnding(index: DayIndex, end: string, days: number): number[] {
  return countedValues(index, addDays(end, 1 - days), end);
}
