import type { MetricDefinition } from '../metrics/metric.ts';
import { localDayOf, MAX_OFFSET_MINUTES } from './local-day.ts';
import type { Rejection } from './sample.ts';
import { describe } from './describe-value.ts';
import type { ParsedTimestamp } from './timestamp.ts';
import { wallTimeToInstant, zoneOffsetMinutes } from './time-zone.ts';
import { readTimestamp } from './zoned-instant.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface SampleTime {
  readonly startMs: number;
  readonly endMs: number;
  readonly startOffsetMinutes: number;
  readonly localDate: string;
  readonly wholeDay: boolean;
}

export interface TimeInput {
  readonly start: unknown;
  readonly end: unknown;
  readonly utcOffsetMinutes: unknown;
}

type Resolved = { utcMs: number; offsetMinutes: number };
export type TimeResult = { ok: true; time: SampleTime } | { ok: false; rejection: Rejection };

/**
 * Instants and the local day of a sample. Where a timestamp has no local offset the person's
 * zone supplies it (see wallTimeToInstant for DST gaps and overlaps). Precedence for the local
 * offset: the explicit `utcOffsetMinutes`, then the timestamp's own offset, then the zone.
 * Z and +00:00 only fix the instant: gateways print UTC that way whatever the person's zone.
 */
export function resolveSampleTime(metric: MetricDefinition, input: TimeInput, zone: string, now: number | undefined): TimeResult {
  const explicit = input.utcOffsetMinutes;
  if (explicit !== undefined && !(Number.isInteger(explicit) && Math.abs(explicit as number) <= MAX_OFFSET_MINUTES)) {
    return reject('utcOffsetMinutes', 'invalid_time', `utcOffsetMinutes must be a whole number of minutes within +/-${MAX_OFFSET_MINUTES}, got ${describe(explicit)}`);
  }
  const offset = explicit as number | undefined;
  const start = readTimestamp(input.start);
  if (!start) return reject('start', 'invalid_time', `start must be an ISO 8601 string, got ${describe(input.start)}`);
  if (!start.ok) return reject('start', 'invalid_time', `start ${start.reason}`);

  if (start.value.kind === 'date') {
    if (metric.requiresEnd) return reject('start', 'invalid_time', `${metric.id} needs a start and end time of day, got the date ${start.value.date}`);
    return wholeDay(start.value.date, start.value.wallMs, input.end, offset, zone, now);
  }

  const from = resolve(start.value, offset, zone);
  let to = from;
  // A point reading often repeats its start as its end (Apple Health): the same text, the same instant.
  if (input.end !== undefined && input.end !== input.start) {
    const end = readTimestamp(input.end);
    if (!end) return reject('end', 'invalid_time', `end must be an ISO 8601 string, got ${describe(input.end)}`);
    if (!end.ok) return reject('end', 'invalid_time', `end ${end.reason}`);
    if (end.value.kind === 'date') return reject('end', 'invalid_time', 'end is a date but start is a time of day');
    to = resolve(end.value, offset, zone);
  }
  const checked = checkSpan(metric, from.utcMs, to.utcMs, now);
  if (checked) return checked;
  const localDate = localDayOf(metric.localDay, {
    startMs: from.utcMs,
    startOffsetMinutes: from.offsetMinutes,
    endMs: to.utcMs,
    endOffsetMinutes: to.offsetMinutes,
  });
  return { ok: true, time: { startMs: from.utcMs, endMs: to.utcMs, startOffsetMinutes: from.offsetMinutes, localDate, wholeDay: false } };
}

function wholeDay(date: string, wallMs: number, end: unknown, offset: number | undefined, zone: string, now: number | undefined): TimeResult {
  if (end !== undefined && !(typeof end === 'string' && end.trim() === date)) {
    return reject('end', 'invalid_time', `a whole-day sample (start ${date}) takes no end, got ${describe(end)}`);
  }
  const from = resolveWall(wallMs, offset, zone);
  const to = resolveWall(wallMs + DAY_MS, offset, zone);
  if (now !== undefined && from.utcMs > now + DAY_MS) return reject('start', 'implausible_time', `start ${date} is in the future`);
  return { ok: true, time: { startMs: from.utcMs, endMs: to.utcMs, startOffsetMinutes: from.offsetMinutes, localDate: date, wholeDay: true } };
}

function checkSpan(metric: MetricDefinition, startMs: number, endMs: number, now: number | undefined): TimeResult | undefined {
  if (endMs < startMs) return reject('end', 'invalid_time', `end ${iso(endMs)} is before start ${iso(startMs)}`);
  if (metric.requiresEnd && endMs === startMs) return reject('end', 'invalid_time', `${metric.id} needs an end after its start`);
  const hours = (endMs - startMs) / 3_600_000;
  if (hours > metric.maxDurationHours) {
    return reject('end', 'implausible_time', `a ${metric.id} sample of ${round(hours)} h is longer than the plausible ${metric.maxDurationHours} h`);
  }
  if (now !== undefined && startMs > now + DAY_MS) return reject('start', 'implausible_time', `start ${iso(startMs)} is in the future`);
  return undefined;
}

function resolve(parsed: Exclude<ParsedTimestamp, { kind: 'date' }>, offset: number | undefined, zone: string): Resolved {
  if (parsed.kind === 'local') return resolveWall(parsed.wallMs, offset, zone);
  return { utcMs: parsed.utcMs, offsetMinutes: offset ?? parsed.offsetMinutes ?? zoneOffsetMinutes(zone, parsed.utcMs) };
}

function resolveWall(wallMs: number, offset: number | undefined, zone: string): Resolved {
  if (offset !== undefined) return { utcMs: wallMs - offset * MINUTE_MS, offsetMinutes: offset };
  return wallTimeToInstant(zone, wallMs);
}

function reject(field: string, code: Rejection['code'], reason: string): { ok: false; rejection: Rejection } {
  return { ok: false, rejection: { code, field, reason } };
}

const iso = (ms: number): string => new Date(ms).toISOString();
const round = (n: number): number => Math.round(n * 10) / 10;
