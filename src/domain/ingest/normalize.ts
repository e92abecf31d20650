import { getMetric } from '../metrics/catalog.ts';
import { normalizeDevice } from './device.ts';
import { isoInstant } from './iso-format.ts';
import type { CanonicalSample, NormalizeContext, NormalizeResult, RawSample, Rejection } from './sample.ts';
import { resolveSampleTime } from './sample-time.ts';
import { resolveValue } from './sample-value.ts';
import { describe } from './describe-value.ts';
import { parseTimestamp } from './timestamp.ts';
import { isValidTimeZone, wallTimeToInstant } from './time-zone.ts';

export const MAX_SOURCE_LENGTH = 200;
export const MAX_EXTERNAL_ID_LENGTH = 200;

/**
 * One raw sample -> a canonical sample or a rejection naming the field and the value.
 * Total: whatever `raw` is (a client's JSON, a half-parsed CSV row), it returns, never throws.
 */
export function normalizeSample(raw: unknown, context: NormalizeContext): NormalizeResult {
  if (!isValidTimeZone(context.timeZone)) return reject('timeZone', 'invalid_time_zone', `unknown IANA time zone ${describe(context.timeZone)}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return reject('sample', 'malformed', `a sample must be an object, got ${describe(raw)}`);
  const input = withoutNulls(raw as Record<string, unknown>);

  if (typeof input.metric !== 'string') return reject('metric', 'malformed', `metric must be a string, got ${describe(input.metric)}`);
  const metric = getMetric(input.metric.trim());
  if (!metric) return reject('metric', 'unknown_metric', `unknown metric ${describe(input.metric)}`);

  const source = typeof input.source === 'string' ? input.source.trim() : '';
  if (source === '' || source.length > MAX_SOURCE_LENGTH) {
    return reject('source', 'malformed', `source must be a non-empty string of at most ${MAX_SOURCE_LENGTH} characters, got ${describe(input.source)}`);
  }

  const time = resolveSampleTime(metric, { start: input.start, end: input.end, utcOffsetMinutes: input.utcOffsetMinutes }, context.timeZone, context.now);
  if (!time.ok) return time;
  const { startMs, endMs } = time.time;

  const value = resolveValue(metric, input.value, input.unit, (endMs - startMs) / 60_000);
  if (!value.ok) return value;

  const extras = optionalFields(input, context.timeZone);
  if ('rejection' in extras) return { ok: false, rejection: extras.rejection };

  const sample: CanonicalSample = {
    metric: metric.id,
    value: value.value,
    unit: metric.unit,
    ...(value.category !== undefined && { category: value.category }),
    start: isoInstant(startMs),
    end: isoInstant(endMs),
    utcOffsetMinutes: time.time.startOffsetMinutes,
    localDate: time.time.localDate,
    wholeDay: time.time.wholeDay,
    source,
    ...extras.fields,
  };
  return { ok: true, sample };
}

type Extras = Pick<CanonicalSample, 'device' | 'externalId' | 'recordedAt' | 'notWorn'>;

function optionalFields(input: Input, zone: string): { fields: Extras } | { rejection: Rejection } {
  const fields: { -readonly [K in keyof Extras]: Extras[K] } = {};
  if (input.device !== undefined) {
    if (typeof input.device !== 'string') return { rejection: rejection('device', 'malformed', `device must be a string, got ${describe(input.device)}`) };
    const device = normalizeDevice(input.device);
    if (device !== undefined) fields.device = device;
  }
  if (input.externalId !== undefined) {
    const id = typeof input.externalId === 'number' && Number.isFinite(input.externalId) ? String(input.externalId) : input.externalId;
    if (typeof id !== 'string' || id.trim() === '' || id.length > MAX_EXTERNAL_ID_LENGTH) {
      return { rejection: rejection('externalId', 'malformed', `externalId must be a non-empty string of at most ${MAX_EXTERNAL_ID_LENGTH} characters, got ${describe(input.externalId)}`) };
    }
    fields.externalId = id.trim();
  }
  if (input.recordedAt !== undefined) {
    const parsed = typeof input.recordedAt === 'string' ? parseTimestamp(input.recordedAt) : undefined;
    if (!parsed?.ok || parsed.value.kind === 'date') {
      return { rejection: rejection('recordedAt', 'invalid_time', `recordedAt must be an ISO 8601 date-time, got ${describe(input.recordedAt)}`) };
    }
    const value = parsed.value;
    const utcMs = value.kind === 'instant' ? value.utcMs : wallTimeToInstant(zone, value.wallMs).utcMs;
    fields.recordedAt = isoInstant(utcMs);
  }
  if (input.notWorn !== undefined) {
    if (typeof input.notWorn !== 'boolean') return { rejection: rejection('notWorn', 'malformed', `notWorn must be a boolean, got ${describe(input.notWorn)}`) };
    if (input.notWorn) fields.notWorn = true;
  }
  return { fields };
}

type Input = Readonly<Record<keyof RawSample, unknown>>;

/** The known fields, with null (how JSON clients send an absent optional field) as absent. */
function withoutNulls(raw: Record<string, unknown>): Input {
  const absent = (value: unknown) => (value === null ? undefined : value);
  // A literal of fixed shape: this runs once per sample, millions of times per import.
  return {
    metric: absent(raw.metric),
    value: absent(raw.value),
    unit: absent(raw.unit),
    start: absent(raw.start),
    end: absent(raw.end),
    source: absent(raw.source),
    device: absent(raw.device),
    externalId: absent(raw.externalId),
    utcOffsetMinutes: absent(raw.utcOffsetMinutes),
    recordedAt: absent(raw.recordedAt),
    notWorn: absent(raw.notWorn),
  };
}

function rejection(field: string, code: Rejection['code'], reason: string): Rejection {
  return { code, field, reason };
}

function reject(field: string, code: Rejection['code'], reason: string): NormalizeResult {
  return { ok: false, rejection: rejection(field, code, reason) };
}
