import { isoInstant } from '../../../domain/ingest/iso-format.ts';
import type { AppleHealthSample } from './types.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export type BeatSeries = { ok: true; beats: Array<{ t: string; bpm: number }> } | { ok: false; time: string };

/**
 * The beats of an HRV record as instants. Apple writes each beat's local time of day only
 * (`11:14:07.12 PM`), so each is placed on the day, before, on or after the record's start
 * day, that puts it nearest the record: a series may run past midnight. A time that does
 * not read as a time of day makes the whole series unplaceable (`time` names it).
 */
export function beatSeries(record: AppleHealthSample): BeatSeries {
  const offsetMs = record.startDate.offsetMinutes * MINUTE_MS;
  const localStart = record.startDate.epochMs + offsetMs;
  const localMiddle = (localStart + record.endDate.epochMs + offsetMs) / 2;
  const localMidnight = Math.floor(localStart / DAY_MS) * DAY_MS;
  const beats: Array<{ t: string; bpm: number }> = [];
  for (const beat of record.beats ?? []) {
    if (beat.timeOfDayMs === undefined) return { ok: false, time: beat.time };
    beats.push({ t: isoInstant(nearestDay(localMidnight + beat.timeOfDayMs, localMiddle) - offsetMs), bpm: beat.bpm });
  }
  return { ok: true, beats };
}

/** Of `sameDay` and the same time a day before and after, the one nearest `middle` (the earlier on a tie). */
function nearestDay(sameDay: number, middle: number): number {
  let best = sameDay - DAY_MS;
  if (Math.abs(sameDay - middle) < Math.abs(best - middle)) best = sameDay;
  if (Math.abs(sameDay + DAY_MS - middle) < Math.abs(best - middle)) best = sameDay + DAY_MS;
  return best;
}
