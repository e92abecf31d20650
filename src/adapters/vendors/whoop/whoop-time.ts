import { localDayOf } from '../../../domain/ingest/index.ts';

/** WHOOP's `timezone_offset` (`+hh:mm`, `-hh:mm` or `Z`) as minutes east of UTC. */
export function designatorMinutes(designator: string): number {
  if (designator === 'Z') return 0;
  const sign = designator.startsWith('-') ? -1 : 1;
  return sign * (Number(designator.slice(1, 3)) * 60 + Number(designator.slice(4, 6)));
}

/**
 * The local date a cycle is the day of. A WHOOP cycle starts when the person falls asleep, so,
 * like a night's sleep, it belongs to the day they wake into: the domain's sleep-day rule
 * applied to its start.
 */
export function cycleDay(start: string, offsetMinutes: number): string {
  const startMs = Date.parse(start);
  return localDayOf('sleep', { startMs, startOffsetMinutes: offsetMinutes, endMs: startMs, endOffsetMinutes: offsetMinutes });
}
