import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isoInstant } from './iso-format.ts';
import { normalizeSample } from './normalize.ts';
import type { RawSample } from './sample.ts';
import type { ZonedInstant } from './zoned-instant.ts';

/** The text a file reader wrote for its dates before they travelled parsed: `2024-03-10T07:12:44.000-08:00`. */
function asText({ epochMs, offsetMinutes }: ZonedInstant): string {
  const local = isoInstant(epochMs + offsetMinutes * 60_000).slice(0, -1);
  const abs = Math.abs(offsetMinutes);
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const context = { timeZone: 'Europe/Berlin', now: Date.UTC(2030, 0, 1) };
const zoned = (epochMs: number, offsetMinutes: number): ZonedInstant => ({ epochMs, offsetMinutes });

describe('ZonedInstant timestamps', () => {
  it('normalize exactly as their text does: instants, offsets (0 as +00:00), local days, recorded times and rejections', () => {
    const instant = fc.record({
      epochMs: fc.integer({ min: Date.UTC(1899, 11, 30), max: Date.UTC(2031, 0, 1) }),
      offsetMinutes: fc.oneof(fc.constant(0), fc.constantFrom(-480, -420, 60, 330, 345, 840), fc.integer({ min: -899, max: 899 })),
    });
    const sample = fc.record({
      metric: fc.constantFrom('heart_rate', 'steps', 'sleep_stage', 'workout'),
      value: fc.constantFrom<number | string>(72, 'asleepDeep', 'running', 40),
      start: instant,
      lengthMs: fc.oneof(fc.constant(0), fc.integer({ min: -60_000, max: 40 * 3_600_000 })),
      endOffset: fc.oneof(fc.constant(undefined), fc.integer({ min: -899, max: 899 })),
      recordedAt: fc.option(instant, { nil: undefined }),
    });
    fc.assert(
      fc.property(sample, ({ metric, value, start, lengthMs, endOffset, recordedAt }) => {
        const end = zoned(start.epochMs + lengthMs, endOffset ?? start.offsetMinutes);
        const raw = { metric, value, source: 'Watch', ...(metric === 'heart_rate' && { unit: 'count/min' }) };
        const parsed: RawSample = { ...raw, start, end, ...(recordedAt && { recordedAt }) };
        const text: RawSample = { ...raw, start: asText(start), end: asText(end), ...(recordedAt && { recordedAt: asText(recordedAt) }) };
        const fromParsed = normalizeSample(parsed, context);
        const fromText = normalizeSample(text, context);
        if (fromText.ok || fromParsed.ok) assert.deepEqual(fromParsed, fromText);
        else assert.deepEqual([fromParsed.rejection.code, fromParsed.rejection.field], [fromText.rejection.code, fromText.rejection.field]);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses what no text could say: a fraction of a millisecond, an offset past 14:59, a year past 2999', () => {
    const refused = (start: ZonedInstant) => {
      const result = normalizeSample({ metric: 'heart_rate', value: 60, unit: 'count/min', source: 'Watch', start }, context);
      return result.ok ? undefined : result.rejection;
    };
    assert.match(refused(zoned(1.5, 0))?.reason ?? '', /^start is not a whole number of milliseconds/);
    assert.match(refused(zoned(0, 900))?.reason ?? '', /^start bad UTC offset of 900 minutes/);
    assert.match(refused(zoned(Date.UTC(3000, 0, 1), 0))?.reason ?? '', /^start year 3000 is outside 1900-2999/);
    assert.equal(refused(zoned(Date.UTC(2024, 2, 10), -480)), undefined);
  });
});
