import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normalizeSample } from './normalize.ts';
import type { CanonicalSample, NormalizeContext, Rejection } from './sample.ts';

const newYork: NormalizeContext = { timeZone: 'America/New_York' };

function accepted(raw: unknown, context = newYork): CanonicalSample {
  const result = normalizeSample(raw, context);
  assert.ok(result.ok, result.ok ? '' : `${result.rejection.field}: ${result.rejection.reason}`);
  return result.sample;
}

function rejected(raw: unknown, context = newYork): Rejection {
  const result = normalizeSample(raw, context);
  assert.equal(result.ok, false, `accepted: ${JSON.stringify(raw)}`);
  return result.ok ? { code: 'malformed', field: '', reason: '' } : result.rejection;
}

const appleHr = {
  metric: 'heart_rate',
  value: '72',
  unit: 'count/min',
  start: '2021-12-11 18:04:47 -0700',
  end: '2021-12-11 18:04:47 -0700',
  source: "Jane's Apple Watch",
  device: '<<HKDevice: 0x2834e1f40>, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:9.1>',
  recordedAt: '2021-12-11 18:06:02 -0700',
};

describe('normalizeSample', () => {
  it('turns an Apple Health heart-rate record into a canonical sample', () => {
    assert.deepEqual(accepted(appleHr), {
      metric: 'heart_rate',
      value: 72,
      unit: '/min',
      start: '2021-12-12T01:04:47.000Z',
      end: '2021-12-12T01:04:47.000Z',
      utcOffsetMinutes: -420,
      localDate: '2021-12-11',
      wholeDay: false,
      source: "Jane's Apple Watch",
      device: 'name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:9.1',
      recordedAt: '2021-12-12T01:06:02.000Z',
    });
  });

  it("uses the record's own offset for its day, not the person's zone", () => {
    // 18:04 in Denver is already the 12th in UTC and in New York's evening still the 11th.
    assert.equal(accepted(appleHr, { timeZone: 'Asia/Tokyo' }).localDate, '2021-12-11');
  });

  it('reads a Fitbit local time in the person zone', () => {
    const s = accepted({ metric: 'steps', value: 373, unit: 'count', start: '2016-04-12T13:00:00', end: '2016-04-12T14:00:00', source: 'fitbit' });
    assert.equal(s.start, '2016-04-12T17:00:00.000Z');
    assert.equal(s.end, '2016-04-12T18:00:00.000Z');
    assert.equal(s.utcOffsetMinutes, -240);
    assert.equal(s.localDate, '2016-04-12');
  });

  it('reads a bare date as the whole local day, 23 hours long on a spring-forward day', () => {
    const s = accepted({ metric: 'steps', value: 13162, start: '2024-03-10', source: 'fitbit' });
    assert.equal(s.wholeDay, true);
    assert.equal(s.localDate, '2024-03-10');
    assert.equal(s.start, '2024-03-10T05:00:00.000Z');
    assert.equal(s.end, '2024-03-11T04:00:00.000Z');
  });

  it('takes an explicit utcOffsetMinutes (WHOOP) over the person zone for UTC timestamps', () => {
    const s = accepted({ metric: 'whoop_recovery_score', value: 66, unit: '%', start: '2024-01-10T11:00:00.000Z', utcOffsetMinutes: 540, source: 'whoop' });
    assert.equal(s.utcOffsetMinutes, 540);
    assert.equal(s.localDate, '2024-01-10');
    const z = accepted({ metric: 'heart_rate', value: 60, unit: 'bpm', start: '2024-01-10T03:00:00Z', source: 'gateway' });
    assert.equal(z.utcOffsetMinutes, -300);
    assert.equal(z.localDate, '2024-01-09');
  });

  it('puts a 23:10-07:05 sleep session on the morning it ends', () => {
    const s = accepted({ metric: 'sleep_session', value: 431, unit: 'min', start: '2024-01-09T23:10:00-05:00', end: '2024-01-10T07:05:00-05:00', source: 'oura' });
    assert.equal(s.localDate, '2024-01-10');
  });

  it('turns an Apple sleep-stage record into minutes with its stage, on the morning date', () => {
    const s = accepted({
      metric: 'sleep_stage',
      value: 'HKCategoryValueSleepAnalysisAsleepCore',
      start: '2024-01-09 23:40:00 -0500',
      end: '2024-01-10 00:25:00 -0500',
      source: "Jane's Apple Watch",
    });
    assert.deepEqual([s.category, s.value, s.unit, s.localDate], ['light', 45, 'min', '2024-01-10']);
  });

  it('converts to the canonical unit', () => {
    assert.equal(accepted({ metric: 'weight', value: 165, unit: 'lb', start: '2024-01-10T07:00:00-05:00', source: 'scale' }).value, 74.84274105);
    assert.equal(accepted({ metric: 'spo2', value: 0.97, unit: '1', start: '2024-01-10T07:00:00-05:00', source: 'watch' }).value, 97);
  });

  it('refuses implausible values, naming the value and the range', () => {
    const r = rejected({ metric: 'heart_rate', value: 400, unit: 'bpm', start: '2024-01-10T07:00:00Z', source: 'x' });
    assert.equal(r.code, 'implausible_value');
    assert.equal(r.field, 'value');
    assert.match(r.reason, /heart_rate 400 \/min is outside the plausible range 20 to 250 \/min/);
    const lb = rejected({ metric: 'weight', value: 1500, unit: 'lb', start: '2024-01-10T07:00:00Z', source: 'x' });
    assert.match(lb.reason, /680\.389 kg \(sent as 1500 \[lb_av\]\)/);
    const fraction = rejected({ metric: 'spo2', value: 0.97, unit: '%', start: '2024-01-10T07:00:00Z', source: 'x' });
    assert.match(fraction.reason, /fraction 0-1 needs unit '1'/);
  });

  it('refuses an implausible rate: 5000 steps in one minute', () => {
    const r = rejected({ metric: 'steps', value: 5000, unit: 'count', start: '2024-01-10T07:00:00Z', end: '2024-01-10T07:01:00Z', source: 'x' });
    assert.match(r.reason, /5000 \{steps\} in 1 min is above the plausible 350 per minute/);
  });

  it('refuses unknown metrics and units, and wrong dimensions', () => {
    assert.equal(rejected({ metric: 'hrv', value: 40, unit: 'ms', start: '2024-01-10T07:00:00Z', source: 'x' }).code, 'unknown_metric');
    assert.equal(rejected({ metric: 'weight', value: 70, unit: 'kilo', start: '2024-01-10T07:00:00Z', source: 'x' }).code, 'unknown_unit');
    const wrong = rejected({ metric: 'weight', value: 70, unit: 'km', start: '2024-01-10T07:00:00Z', source: 'x' });
    assert.deepEqual([wrong.code, wrong.field], ['wrong_unit', 'unit']);
  });

  it('refuses bad time spans', () => {
    const base = { metric: 'steps', value: 10, unit: 'count', source: 'x' };
    assert.equal(rejected({ ...base, start: '2024-01-10T08:00:00Z', end: '2024-01-10T07:00:00Z' }).field, 'end');
    assert.equal(rejected({ ...base, start: '2024-01-10T08:00:00Z', end: '2024-01-13T08:00:00Z' }).code, 'implausible_time');
    assert.equal(rejected({ ...base, start: '2024-01-10', end: '2024-01-11' }).field, 'end');
    assert.equal(rejected({ ...base, start: '4/12/2016' }).field, 'start');
    assert.equal(rejected({ metric: 'sleep_stage', value: 'deep', start: '2024-01-10T03:00:00Z', source: 'x' }).field, 'end');
    assert.equal(rejected({ metric: 'sleep_stage', value: 'deep', start: '2024-01-10', source: 'x' }).field, 'start');
    assert.equal(rejected({ ...base, start: '2024-01-10T08:00:00Z', utcOffsetMinutes: 30.5 }).field, 'utcOffsetMinutes');
  });

  it('refuses samples from the future when a clock is given', () => {
    const now = Date.parse('2024-01-10T12:00:00Z');
    const r = rejected({ metric: 'weight', value: 70, unit: 'kg', start: '2030-01-01T00:00:00Z', source: 'x' }, { ...newYork, now });
    assert.equal(r.code, 'implausible_time');
    accepted({ metric: 'steps', value: 10, start: '2024-01-10', source: 'x' }, { ...newYork, now });
  });

  it('refuses an unknown time zone for every sample', () => {
    assert.equal(rejected(appleHr, { timeZone: 'Not/AZone' }).code, 'invalid_time_zone');
  });

  it('treats null optional fields as absent', () => {
    const s = accepted({ metric: 'steps', value: 10, unit: null, start: '2024-01-10T08:00:00Z', end: null, source: 'x', device: null, externalId: null });
    assert.equal(s.end, s.start);
  });

  it('keeps externalId and the not-worn flag', () => {
    const s = accepted({ metric: 'steps', value: 0, start: '2016-04-15', source: 'fitbit', externalId: 1503960366, notWorn: true });
    assert.deepEqual([s.externalId, s.notWorn], ['1503960366', true]);
  });
});

describe('normalizeSample properties', () => {
  const context = fc.record({
    timeZone: fc.oneof(fc.constantFrom('UTC', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe'), fc.string()),
    now: fc.option(fc.integer({ min: 0, max: 4e12 }), { nil: undefined }),
  });

  it('never throws on arbitrary input; it returns a rejection', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true }), context, (raw, ctx) => {
        const result = normalizeSample(raw, ctx);
        assert.equal(typeof result.ok, 'boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts coherent samples and makes them canonical: UTC instants, end >= start, a local day', () => {
    const metrics: ReadonlyArray<readonly [string, string, number, number]> = [
      ['steps', 'count', 0, 2000],
      ['heart_rate', 'bpm', 30, 200],
      ['weight', 'lb', 60, 400],
      ['spo2', '%', 80, 100],
      ['blood_glucose', 'mg/dL', 40, 400],
      ['temperature_deviation', 'degF', -3, 3],
      ['sleep_session', 'min', 0, 60],
    ];
    const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
    const offsetText = (m: number) => `${m < 0 ? '-' : '+'}${pad(Math.trunc(m / 60))}:${pad(m % 60)}`;
    const coherent = fc
      .record({
        spec: fc.constantFrom(...metrics),
        fraction: fc.double({ min: 0, max: 1, noNaN: true }),
        startMs: fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2030-01-01') }),
        minutes: fc.integer({ min: 1, max: 180 }),
        offset: fc.option(fc.integer({ min: -720, max: 840 }), { nil: undefined }),
        zone: fc.constantFrom('UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Apia'),
      })
      .map(({ spec: [metric, unit, lo, hi], fraction, startMs, minutes, offset, zone }) => {
        const text = (ms: number) => (offset === undefined ? new Date(ms).toISOString().slice(0, 19) : new Date(ms + offset * 60_000).toISOString().slice(0, 19) + offsetText(offset));
        const sample = { metric, unit, value: lo + (hi - lo) * fraction, start: text(startMs), end: text(startMs + minutes * 60_000), source: 'src' };
        return { sample, zone };
      });
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(coherent, ({ sample, zone }) => {
        runs += 1;
        const result = normalizeSample(sample, { timeZone: zone });
        if (!result.ok) return;
        accepted += 1;
        const s = result.sample;
        assert.ok(Number.isFinite(s.value));
        assert.match(s.start, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        assert.ok(s.end >= s.start);
        assert.match(s.localDate, /^\d{4}-\d{2}-\d{2}$/);
      }),
      { numRuns: 2000 },
    );
    assert.ok(accepted > runs * 0.8, `only ${accepted} of ${runs} accepted`);
  });

  it('never throws on near-valid samples, and whatever it accepts is canonical', () => {
    const timestamp = fc.oneof(
      fc.date({ min: new Date('1890-01-01'), max: new Date('3100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19)),
      fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.string(),
    );
    const raw = fc.record(
      {
        metric: fc.oneof(fc.constantFrom('steps', 'heart_rate', 'weight', 'sleep_stage', 'spo2', 'blood_glucose', 'temperature_deviation', 'mood'), fc.string()),
        value: fc.oneof(fc.double(), fc.string(), fc.constantFrom('deep', 'rem', '72.5', 'HKCategoryValueSleepAnalysisInBed')),
        unit: fc.oneof(fc.constantFrom('count', 'bpm', 'lb', 'kg', '%', '1', 'mg/dL', 'degF', 'cal', ''), fc.string()),
        start: timestamp,
        end: timestamp,
        source: fc.string(),
        device: fc.string(),
        externalId: fc.oneof(fc.string(), fc.double()),
        utcOffsetMinutes: fc.oneof(fc.integer({ min: -2000, max: 2000 }), fc.double()),
        recordedAt: timestamp,
        notWorn: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(raw, context, (sample, ctx) => {
        const result = normalizeSample(sample, ctx);
        if (!result.ok) {
          assert.ok(result.rejection.reason.length > 0);
          assert.ok(result.rejection.field.length > 0);
          return;
        }
        const s = result.sample;
        assert.ok(Number.isFinite(s.value));
        assert.match(s.start, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        assert.ok(s.end >= s.start);
        assert.match(s.localDate, /^\d{4}-\d{2}-\d{2}$/);
      }),
      { numRuns: 3000 },
    );
  });
});
