import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { METRICS } from '../metrics/catalog.ts';
import { localDayReach } from './local-day.ts';
import { normalizeSample } from './normalize.ts';

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

describe('localDayReach', () => {
  it('bounds the local day of every sample normalization accepts, for every metric', () => {
    const sample = fc.record({
      metric: fc.constantFrom(...METRICS),
      start: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2026, 0, 1) }),
      hours: fc.double({ min: 0, max: 48, noNaN: true }),
      offset: fc.integer({ min: -18 * 60, max: 18 * 60 }),
      wholeDay: fc.boolean(),
      zone: fc.constantFrom('UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York'),
    });
    fc.assert(
      fc.property(sample, ({ metric, start, hours, offset, wholeDay, zone }) => {
        const startIso = new Date(start).toISOString();
        const raw = {
          metric: metric.id,
          value: metric.categories ? metric.categories[0] : metric.range.min,
          unit: metric.categories ? undefined : metric.unit,
          start: wholeDay ? startIso.slice(0, 10) : startIso,
          ...(!wholeDay && { end: new Date(start + Math.round(hours * 3_600_000)).toISOString() }),
          ...(offset % 2 === 0 && { utcOffsetMinutes: offset }),
          source: 'x',
        };
        const result = normalizeSample(raw, { timeZone: zone });
        if (!result.ok) return;
        const { before, after } = localDayReach(metric);
        const days = daysBetween(result.sample.start.slice(0, 10), result.sample.localDate);
        assert.ok(days >= -before && days <= after, `${metric.id}: local day ${result.sample.localDate} for a start at ${result.sample.start}`);
      }),
      { numRuns: 20_000 },
    );
  });

  it('is tight: sleep ending late in the evening two days after it started counts on the third morning', () => {
    const oura = METRICS.find((m) => m.id === 'oura_sleep_score')!;
    const result = normalizeSample(
      { metric: oura.id, value: 80, start: '2024-01-10T23:30:00+00:00', end: '2024-01-12T23:00:00+00:00', source: 'oura' },
      { timeZone: 'UTC' },
    );
    assert.ok(result.ok);
    assert.equal(daysBetween('2024-01-10', result.sample.localDate), localDayReach(oura).after);
  });
});
