import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normalizeSample, sampleNormalizer } from './normalize.ts';

const raw = fc.record(
  {
    metric: fc.constantFrom('heart_rate', ' heart_rate', 'steps', 'weight', 'sleep_stage', 'hrv'),
    value: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom('72', 'deep', 'x')),
    unit: fc.constantFrom('bpm', 'count/min', 'count', 'kg', 'lb', 'kilo', undefined),
    start: fc.constantFrom('2024-01-10T08:00:00Z', '2024-01-10 08:00:00 -0500', '2024-01-10T08:00:00', '2024-01-10', '2024-01-10T25:00:00Z'),
    end: fc.constantFrom('2024-01-10T09:00:00Z', undefined),
    source: fc.constantFrom('Apple Watch', ' Apple Watch ', 'iPhone', '', 7),
    device: fc.constantFrom('<<HKDevice: 0x2834e1f40>, name:Apple Watch>', '<<HKDevice: 0x99aa11bb22>, name:Apple Watch>', 'Scale', '', 3, undefined),
    externalId: fc.constantFrom('a', 12, ' ', undefined),
    recordedAt: fc.constantFrom('2024-01-11T08:00:00Z', '2024-01-11T08:00:00', 'soon', undefined),
    notWorn: fc.constantFrom(true, false, 'no', undefined),
  },
  { requiredKeys: [] },
);

describe('sampleNormalizer', () => {
  it('normalizes each sample of a batch as normalizeSample does on its own, whatever came before it', () => {
    fc.assert(
      fc.property(fc.array(raw, { maxLength: 40 }), fc.constantFrom('America/New_York', 'UTC', 'Nowhere/City'), (batch, timeZone) => {
        const normalize = sampleNormalizer({ timeZone, now: Date.parse('2024-06-01T00:00:00Z') });
        for (const sample of batch) assert.deepEqual(normalize(sample), normalizeSample(sample, { timeZone, now: Date.parse('2024-06-01T00:00:00Z') }));
      }),
      { numRuns: 1000 },
    );
  });
});
