import { getMetric } from '../metrics/catalog.ts';
import type { MetricDefinition } from '../metrics/metric.ts';
import { normalizeDevice } from './device.ts';
import { isoInstant } from './iso-format.ts';
import type { CanonicalSample, NormalizeContext, NormalizeResult, Rejection } from './sample.ts';
import { resolveDetails } from './sample-details.ts';
import { resolveSampleTime } from './sample-time.ts';
import { resolveValue } from './sample-value.ts';
import { describe } from './describe-value.ts';
import { isValidTimeZone, wallTimeToInstant } from './time-zone.ts';
import { readTimestamp } from './zoned-instant.ts';
import type { Writable } from './writable.ts';

export const MAX_SOURCE_LENGTH = 200;
export const MAX_EXTERNAL_ID_LENGTH = 200;
/** Distinct device texts a normalizer remembers (a batch has a handful). */
const MAX_REMEMBERED_DEVICES = 64;

/**
 * One raw sample -> a canonical sample or a rejection naming the field and the value.
 * Total: whatever `raw` is (a client's JSON, a half-parsed CSV row), it returns, never throws.
 */
export function normalizeSample(raw: unknown, context: NormalizeContext): NormalizeResult {
  return sampleNormalizer(context)(raw);
}

/**
 * normalizeSample for many samples of one context (a batch): the zone is checked once, and
 * what samples of a batch repeat (the metric, the device text) is worked out once.
 */
export function sampleNormalizer(context: NormalizeContext): (raw: unknown) => NormalizeResult {
  const { timeZone, now } = context;
  if (!isValidTimeZone(timeZone)) {
    const invalid = reject('timeZone', 'invalid_time_zone', `unknown IANA time zone ${describe(timeZone)}`);
    return () => invalid;
  }
  let metricText: unknown;
  let metric: MetricDefinition | undefined;
  // One string for a repeated source: later comparisons of samples' keys then see identical strings.
  let sourceText: unknown;
  let source = '';
  const devices = new Map<string, string | undefined>();
  const device = (text: string): string | undefined => {
    if (devices.has(text)) return devices.get(text);
    if (devices.size >= MAX_REMEMBERED_DEVICES) devices.clear();
    const normalized = normalizeDevice(text);
    devices.set(text, normalized);
    return normalized;
  };

  return (raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return reject('sample', 'malformed', `a sample must be an object, got ${describe(raw)}`);
    const input = raw as Record<string, unknown>;

    const metricField = absent(input.metric);
    if (typeof metricField !== 'string') return reject('metric', 'malformed', `metric must be a string, got ${describe(metricField)}`);
    if (metricField !== metricText) {
      metricText = metricField;
      metric = getMetric(metricField.trim());
    }
    if (!metric) return reject('metric', 'unknown_metric', `unknown metric ${describe(metricField)}`);

    const sourceField = absent(input.source);
    if (sourceField !== sourceText) {
      sourceText = sourceField;
      source = typeof sourceField === 'string' ? sourceField.trim() : '';
    }
    if (source === '' || source.length > MAX_SOURCE_LENGTH) {
      return reject('source', 'malformed', `source must be a non-empty string of at most ${MAX_SOURCE_LENGTH} characters, got ${describe(sourceField)}`);
    }

    const time = resolveSampleTime(metric, { start: absent(input.start), end: absent(input.end), utcOffsetMinutes: absent(input.utcOffsetMinutes) }, timeZone, now);
    if (!time.ok) return time;
    const { startMs, endMs } = time.time;

    const value = resolveValue(metric, absent(input.value), absent(input.unit), (endMs - startMs) / 60_000);
    if (!value.ok) return value;

    const start = isoInstant(startMs);
    const sample: Writable<CanonicalSample> = {
      metric: metric.id,
      value: value.value,
      unit: metric.unit,
      start,
      end: endMs === startMs ? start : isoInstant(endMs),
      utcOffsetMinutes: time.time.startOffsetMinutes,
      localDate: time.time.localDate,
      wholeDay: time.time.wholeDay,
      source,
    };
    if (value.category !== undefined) sample.category = value.category;
    const details = resolveDetails(metric, absent(input.details), time.time);
    if (!details.ok) return details;
    if (details.details !== undefined) sample.details = details.details;
    const rejection = addOptionalFields(sample, input, timeZone, device);
    return rejection ? { ok: false, rejection } : { ok: true, sample };
  };
}

/** device, externalId, recordedAt, notWorn onto the sample; the rejection of the first that is malformed. */
function addOptionalFields(sample: Writable<CanonicalSample>, input: Record<string, unknown>, zone: string, device: (text: string) => string | undefined): Rejection | undefined {
  const deviceField = absent(input.device);
  if (deviceField !== undefined) {
    if (typeof deviceField !== 'string') return rejection('device', 'malformed', `device must be a string, got ${describe(deviceField)}`);
    const normalized = device(deviceField);
    if (normalized !== undefined) sample.device = normalized;
  }
  const externalId = absent(input.externalId);
  if (externalId !== undefined) {
    const id = typeof externalId === 'number' && Number.isFinite(externalId) ? String(externalId) : externalId;
    if (typeof id !== 'string' || id.trim() === '' || id.length > MAX_EXTERNAL_ID_LENGTH) {
      return rejection('externalId', 'malformed', `externalId must be a non-empty string of at most ${MAX_EXTERNAL_ID_LENGTH} characters, got ${describe(externalId)}`);
    }
    sample.externalId = id.trim();
  }
  const recordedAt = absent(input.recordedAt);
  if (recordedAt !== undefined) {
    const parsed = readTimestamp(recordedAt);
    if (!parsed?.ok || parsed.value.kind === 'date') {
      return rejection('recordedAt', 'invalid_time', `recordedAt must be an ISO 8601 date-time, got ${describe(recordedAt)}`);
    }
    const value = parsed.value;
    sample.recordedAt = isoInstant(value.kind === 'instant' ? value.utcMs : wallTimeToInstant(zone, value.wallMs).utcMs);
  }
  const notWorn = absent(input.notWorn);
  if (notWorn !== undefined) {
    if (typeof notWorn !== 'boolean') return rejection('notWorn', 'malformed', `notWorn must be a boolean, got ${describe(notWorn)}`);
    if (notWorn) sample.notWorn = true;
  }
  return undefined;
}

/** null (how JSON clients send an absent optional field) as absent. */
function absent(value: unknown): unknown {
  return value === null ? undefined : value;
}

function rejection(field: string, code: Rejection['code'], reason: string): Rejection {
  return { code, field, reason };
}

function reject(field: string, code: Rejection['code'], reason: string): NormalizeResult {
  return { ok: false, rejection: rejection(field, code, reason) };
}
