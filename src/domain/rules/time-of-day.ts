import { MINUTE_MS } from './instants.ts';

export const MINUTES_PER_DAY = 1440;

/** "HH:MM" (validated by the contract) as minutes since local midnight. */
export function parseClockTime(text: string): number {
  const [hours, minutes] = text.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** The minute of the local day at epoch ms `t`, for a local offset in minutes east of UTC. */
export function localMinuteOfDay(t: number, utcOffsetMinutes: number): number {
  const minute = (Math.floor(t / MINUTE_MS) + utcOffsetMinutes) % MINUTES_PER_DAY;
  return minute < 0 ? minute + MINUTES_PER_DAY : minute;
}

/** An offset, in [0, 1440) minutes east of UTC, that puts epoch ms `t` at the given minute of the local day. */
export function utcOffsetOfDay(t: number, localMinute: number): number {
  const offset = (localMinute - Math.floor(t / MINUTE_MS)) % MINUTES_PER_DAY;
  return offset < 0 ? offset + MINUTES_PER_DAY : offset;
}

/** [start, end) in minutes of the local day; wraps midnight when end < start. [0, 1440) is the whole day. */
export function inWindow(minute: number, start: number, end: number): boolean {
  return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
}
