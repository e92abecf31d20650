import { isoDate, isoInstant } from '../ingest/iso-format.ts';
import { wallTimeToInstant, zoneOffsetMinutes } from '../ingest/time-zone.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Where the person lives: an IANA zone (its DST applies) or a fixed offset. */
export type Residence =
  | { readonly timeZone: string; readonly utcOffsetMinutes?: undefined }
  | { readonly utcOffsetMinutes: number; readonly timeZone?: undefined };

/** The person's wall clock. Days are numbered from 1970-01-01 (day 0) in local time. */
export interface LocalClock {
  /** Minutes east of UTC at the instant. */
  offsetAt(utcMs: number): number;
  /** The instant of a wall-clock minute counted from the local midnight that starts `day`; negative is the evening before. */
  instantOf(day: number, minuteOfDay: number): number;
  /** The local day an instant falls on. */
  dayOf(utcMs: number): number;
  /** The local hour of day (fractional) at the instant. */
  hourOf(utcMs: number): number;
  /** ISO 8601 to the second with the local offset: `2024-03-05T07:12:00+01:00`. */
  format(utcMs: number): string;
}

export function localClock(residence: Residence): LocalClock {
  const zone = residence.timeZone;
  const fixed = residence.utcOffsetMinutes ?? 0;
  const offsetAt = zone !== undefined ? (utcMs: number) => zoneOffsetMinutes(zone, utcMs) : () => fixed;
  const wallOf = (utcMs: number) => utcMs + offsetAt(utcMs) * MINUTE_MS;
  return {
    offsetAt,
    instantOf:
      zone !== undefined
        ? (day, minute) => wallTimeToInstant(zone, day * DAY_MS + minute * MINUTE_MS).utcMs
        : (day, minute) => day * DAY_MS + (minute - fixed) * MINUTE_MS,
    dayOf: (utcMs) => Math.floor(wallOf(utcMs) / DAY_MS),
    hourOf: (utcMs) => {
      const wall = wallOf(utcMs);
      return (wall - Math.floor(wall / DAY_MS) * DAY_MS) / HOUR_MS;
    },
    format: (utcMs) => {
      const offset = offsetAt(utcMs);
      return `${isoInstant(utcMs + offset * MINUTE_MS).slice(0, 19)}${offsetText(offset)}`;
    },
  };
}

function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${twoDigits(Math.floor(abs / 60))}:${twoDigits(abs % 60)}`;
}

const twoDigits = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The day number of a `YYYY-MM-DD` date; undefined when it is not a real date. */
export function dayNumber(date: string): number | undefined {
  if (!DATE.test(date)) return undefined;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) || isoDate(ms) !== date ? undefined : ms / DAY_MS;
}

export function dateOfDay(day: number): string {
  return isoDate(day * DAY_MS);
}

/** Saturday or Sunday (1970-01-01, day 0, was a Thursday). */
export function isWeekend(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}
