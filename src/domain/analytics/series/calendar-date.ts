import { isoDate } from '../../ingest/iso-format.ts';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date. Dates are calendar labels, so the arithmetic is
 * plain UTC day counting: no clock, time zone or daylight-saving shift can move a day.
 */
export function epochDay(date: string): number {
  const parts = ISO_DATE.exec(date);
  if (parts) {
    const ms = Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
    // Date.UTC rolls 2024-02-30 over to March; the round trip refuses it.
    if (isoDate(ms) === date) return ms / DAY_MS;
  }
  throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
}

export function dateOfEpochDay(day: number): string {
  return isoDate(day * DAY_MS);
}

export function addDays(date: string, days: number): string {
  return dateOfEpochDay(epochDay(date) + days);
}

/** Whole days from `from` to `to`: negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

/** Every date from `from` to `to`, both included; empty when `to` comes first. */
export function datesBetween(from: string, to: string): string[] {
  const first = epochDay(from);
  const count = epochDay(to) - first + 1;
  return Array.from({ length: Math.max(0, count) }, (_, i) => dateOfEpochDay(first + i));
}
