import { wallTimeToInstant, zoneOffsetMinutes } from '../../../domain/ingest/time-zone.ts';
import { inWindow, parseClockTime } from '../../../domain/rules/time-of-day.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The local date (YYYY-MM-DD) and minute of the day at an instant in `timeZone`. */
export function localTimeAt(utcMs: number, timeZone: string): { date: string; minute: number } {
  const wallMs = utcMs + zoneOffsetMinutes(timeZone, utcMs) * MINUTE_MS;
  const date = new Date(wallMs).toISOString().slice(0, 10);
  return { date, minute: Math.floor((wallMs - Date.parse(date)) / MINUTE_MS) };
}

/** The instant of a local date and HH:MM in `timeZone` (a time skipped by a DST change reads as the one after it). */
export function instantOf(date: string, clock: string, timeZone: string): number {
  return wallTimeToInstant(timeZone, Date.parse(date) + parseClockTime(clock) * MINUTE_MS).utcMs;
}

const nextDate = (date: string, days = 1) => new Date(Date.parse(date) + days * DAY_MS).toISOString().slice(0, 10);

/** The first time after `utcMs` that the local clock in `timeZone` shows `clock`, and its local date. */
export function nextLocalTime(utcMs: number, clock: string, timeZone: string): { date: string; at: number } {
  const today = localTimeAt(utcMs, timeZone).date;
  for (const date of [today, nextDate(today), nextDate(today, 2)]) {
    const at = instantOf(date, clock, timeZone);
    if (at > utcMs) return { date, at };
  }
  throw new Error(`no ${clock} in ${timeZone} within two days of ${new Date(utcMs).toISOString()}`);
}

/** Whether `utcMs` falls in the local window [from, to) (wrapping midnight when to < from) in `timeZone`. */
export function inLocalWindow(utcMs: number, window: { from: string; to: string }, timeZone: string): boolean {
  return inWindow(localTimeAt(utcMs, timeZone).minute, parseClockTime(window.from), parseClockTime(window.to));
}
