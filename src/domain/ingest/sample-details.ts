import { getMetric } from '../metrics/catalog.ts';
import type { MetricDefinition } from '../metrics/metric.ts';
import { isWorkoutStatistic, WORKOUT_STATISTICS, type WorkoutStatistic } from '../metrics/workout-statistics.ts';
import { describe } from './describe-value.ts';
import { isoInstant } from './iso-format.ts';
import type { Rejection } from './sample.ts';
import { resolveValue } from './sample-value.ts';
import { parseTimestamp } from './timestamp.ts';
import type { Writable } from './writable.ts';

/** A statistic as sent: a number (or decimal string) and its unit. */
export interface RawQuantity {
  readonly value: number | string;
  readonly unit?: string;
}

/** Details as a client or importer sends them (see MetricDefinition.details); untrusted. */
export interface RawSampleDetails {
  readonly activityName?: string;
  readonly statistics?: Readonly<Record<string, RawQuantity>>;
  readonly beats?: ReadonlyArray<{ readonly t: string; readonly bpm: number }>;
}

export interface Quantity {
  readonly value: number;
  readonly unit: string;
}

/** One beat of a beat-to-beat series: its UTC instant and the instantaneous heart rate (/min). */
export interface Beat {
  readonly t: string;
  readonly bpm: number;
}

export interface SampleDetails {
  /** Workouts: the source's own name for the activity, kept whichever category it became. */
  readonly activityName?: string;
  /** Workouts: in the canonical unit of the metric each statistic is measured like. */
  readonly statistics?: Readonly<Partial<Record<WorkoutStatistic, Quantity>>>;
  /** HRV: the series the value was computed from, in time order. */
  readonly beats?: Beat[];
}

export const MAX_BEATS = 1000;
export const MAX_ACTIVITY_NAME_LENGTH = 200;
/** How far a beat may lie outside its sample's span: sources round the span to the second. */
const BEAT_SLACK_MS = 60_000;

const FIELDS = { workout: ['activityName', 'statistics'], beat_series: ['beats'] } as const;

export type DetailsResult = { ok: true; details: SampleDetails | undefined } | { ok: false; rejection: Rejection };

/**
 * A sample's details checked against what its metric may carry, units made canonical and
 * beats put in order; undefined when there are none. `span` is the sample's [start, end] in
 * epoch ms.
 */
export function resolveDetails(metric: MetricDefinition, raw: unknown, span: { startMs: number; endMs: number }): DetailsResult {
  if (raw === undefined || raw === null) return { ok: true, details: undefined };
  if (metric.details === undefined) return reject('details', `${metric.id} carries no details`);
  if (typeof raw !== 'object' || Array.isArray(raw)) return reject('details', `details must be an object, got ${describe(raw)}`);
  const input = raw as Record<string, unknown>;
  const allowed: readonly string[] = FIELDS[metric.details];
  const unknown = Object.keys(input).find((key) => !allowed.includes(key));
  if (unknown !== undefined) return reject(`details.${unknown}`, `${metric.id} details take ${allowed.join(', ')}, not ${describe(unknown)}`);

  const details: Writable<SampleDetails> = {};
  if (input.activityName !== undefined && input.activityName !== null) {
    const name = input.activityName;
    if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_ACTIVITY_NAME_LENGTH) {
      return reject('details.activityName', `activityName must be a non-empty string of at most ${MAX_ACTIVITY_NAME_LENGTH} characters, got ${describe(name)}`);
    }
    details.activityName = name.trim();
  }
  if (input.statistics !== undefined && input.statistics !== null) {
    const statistics = resolveStatistics(input.statistics);
    if (!statistics.ok) return statistics;
    if (Object.keys(statistics.value).length > 0) details.statistics = statistics.value;
  }
  if (input.beats !== undefined && input.beats !== null) {
    const beats = resolveBeats(input.beats, span);
    if (!beats.ok) return beats;
    if (beats.value.length > 0) details.beats = beats.value;
  }
  return { ok: true, details: Object.keys(details).length > 0 ? details : undefined };
}

type Resolved<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };

function resolveStatistics(raw: unknown): Resolved<Partial<Record<WorkoutStatistic, Quantity>>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return reject('details.statistics', `statistics must be an object, got ${describe(raw)}`);
  const statistics: Partial<Record<WorkoutStatistic, Quantity>> = {};
  for (const [name, quantity] of Object.entries(raw)) {
    const field = `details.statistics.${name}`;
    if (!isWorkoutStatistic(name)) return reject(field, `unknown statistic ${describe(name)}; known: ${Object.keys(WORKOUT_STATISTICS).join(', ')}`);
    if (typeof quantity !== 'object' || quantity === null) return reject(field, `${name} must be {value, unit}, got ${describe(quantity)}`);
    const { value, unit } = quantity as Record<string, unknown>;
    const like = getMetric(WORKOUT_STATISTICS[name])!;
    // Measured over the whole workout, so no per-minute rate applies: a duration of 0.
    const resolved = resolveValue(like, value, unit, 0);
    if (!resolved.ok) return { ok: false, rejection: { ...resolved.rejection, field: `${field}.${resolved.rejection.field}` } };
    statistics[name] = { value: resolved.value, unit: like.unit };
  }
  return { ok: true, value: statistics };
}

function resolveBeats(raw: unknown, span: { startMs: number; endMs: number }): Resolved<Beat[]> {
  if (!Array.isArray(raw) || raw.length > MAX_BEATS) return reject('details.beats', `beats must be an array of at most ${MAX_BEATS}, got ${describe(raw)}`);
  const heartRate = getMetric('heart_rate')!;
  const beats: Beat[] = [];
  const times: number[] = [];
  let ordered = true;
  // A plain loop building no text for a beat that is fine: series run to thousands of beats.
  for (let index = 0; index < raw.length; index += 1) {
    const beat: unknown = raw[index];
    if (typeof beat !== 'object' || beat === null) return reject(beatField(index), `a beat must be {t, bpm}, got ${describe(beat)}`);
    const { t, bpm } = beat as Record<string, unknown>;
    const time = typeof t === 'string' ? parseTimestamp(t) : undefined;
    if (!time?.ok || time.value.kind !== 'instant') return reject(`${beatField(index)}.t`, `t must be an ISO 8601 instant with an offset, got ${describe(t)}`, 'invalid_time');
    const ms = time.value.utcMs;
    if (ms < span.startMs - BEAT_SLACK_MS || ms > span.endMs + BEAT_SLACK_MS) {
      return reject(`${beatField(index)}.t`, `beat at ${isoInstant(ms)} lies outside its sample (${isoInstant(span.startMs)} to ${isoInstant(span.endMs)})`, 'implausible_time');
    }
    const rate = resolveValue(heartRate, bpm, '/min', 0);
    if (!rate.ok) return { ok: false, rejection: { ...rate.rejection, field: `${beatField(index)}.bpm` } };
    const canonical = isoInstant(ms);
    // The text as given when it is canonical already (a file reader's), so equal strings are not kept twice.
    beats.push({ t: canonical === t ? t : canonical, bpm: rate.value });
    if (index > 0 && ms < times[index - 1]!) ordered = false;
    times.push(ms);
  }
  if (ordered) return { ok: true, value: beats };
  const order = beats.map((_, i) => i).sort((a, b) => times[a]! - times[b]!);
  return { ok: true, value: order.map((i) => beats[i]!) };
}

const beatField = (index: number) => `details.beats[${index}]`;

function reject(field: string, reason: string, code: Rejection['code'] = 'malformed'): { ok: false; rejection: Rejection } {
  return { ok: false, rejection: { code, field, reason } };
}
