import type { LocalDayRule, MetricDefinition } from '../metrics/metric.ts';
import { isoDate } from './iso-format.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Real offsets span -12:00..+14:00; anything beyond +/-18:00 is not an offset. */
export const MAX_OFFSET_MINUTES = 18 * 60;

/**
 * Sleep that ends at or after this local hour belongs to the next date: it is the night
 * leading into that morning. So every stage of a 23:10-07:05 night, including the ones that
 * end before midnight, lands on the morning's date, like the session itself; an afternoon
 * nap stays on its own day.
 */
export const SLEEP_DAY_CUTOFF_HOUR = 18;

/** `YYYY-MM-DD` of the wall clock at `utcMs` with the given offset. */
export function localDateAt(utcMs: number, offsetMinutes: number): string {
  return isoDate(utcMs + offsetMinutes * MINUTE_MS);
}

export interface LocalDayInput {
  readonly startMs: number;
  readonly startOffsetMinutes: number;
  readonly endMs: number;
  readonly endOffsetMinutes: number;
}

/**
 * The person's local date a sample counts towards, at the sample's own offset. Most metrics
 * use the start; sleep uses the local end (the morning), shifted by the cutoff above.
 */
export function localDayOf(rule: LocalDayRule, sample: LocalDayInput): string {
  if (rule === 'start') return localDateAt(sample.startMs, sample.startOffsetMinutes);
  const wallEnd = sample.endMs + sample.endOffsetMinutes * MINUTE_MS;
  const hour = Math.floor((wallEnd - Math.floor(wallEnd / DAY_MS) * DAY_MS) / 3_600_000);
  return isoDate(hour >= SLEEP_DAY_CUTOFF_HOUR ? wallEnd + DAY_MS : wallEnd);
}

/**
 * How many days before and after the UTC date of its start a sample's local day can fall: an
 * offset moves it by less than a day either way; sleep, counted on the morning its end falls
 * on, can also end up to `maxDurationHours` later. Lets a reader of stored samples bound the
 * local days of the samples starting in a span (and the other way round).
 */
export function localDayReach(metric: Pick<MetricDefinition, 'localDay' | 'maxDurationHours'>): { before: number; after: number } {
  const offsetHours = MAX_OFFSET_MINUTES / 60;
  if (metric.localDay === 'start') return { before: Math.ceil(offsetHours / 24), after: Math.ceil(offsetHours / 24) };
  const lateHours = 24 - SLEEP_DAY_CUTOFF_HOUR;
  return { before: Math.ceil((offsetHours - lateHours) / 24), after: Math.ceil((metric.maxDurationHours + offsetHours + lateHours) / 24) };
}

/** The date after `date` (YYYY-MM-DD). */
export function nextDate(date: string): string {
  return isoDate(Date.parse(`${date}T00:00:00Z`) + DAY_MS);
}
