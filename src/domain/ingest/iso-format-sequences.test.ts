import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { daysFromCivil, instantMs, isoDate, isoInstant } from './iso-format.ts';

const DAY_MS = 86_400_000;

describe('iso-format over runs of instants', () => {
  it('agrees with Date#toISOString on runs sharing a day and a minute, on whole seconds and not', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2999, 0, 1) }), fc.boolean(), fc.constantFrom(1, 250, 1000, 6000, 60_000, 3_600_000), (start, wholeSecond, step) => {
        const from = wholeSecond ? start - (start % 1000) : start;
        for (let ms = from; ms < from + 200 * step; ms += step) {
          const expected = new Date(ms).toISOString();
          assert.equal(isoInstant(ms), expected);
          assert.equal(isoDate(ms), expected.slice(0, 10));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads back what isoInstant writes, and nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (ms) => {
        assert.equal(instantMs(isoInstant(ms)), ms);
      }),
      { numRuns: 5000 },
    );
    for (const text of ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000+01:00', '2024-01-01 00:00:00.000Z', '2024-01-0xT00:00:00.000Z', '']) {
      assert.ok(Number.isNaN(instantMs(text)), text);
    }
  });

  it('counts days as Date.UTC does', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }), (ms) => {
        const date = new Date(ms);
        assert.equal(daysFromCivil(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()), Math.floor(ms / DAY_MS));
      }),
      { numRuns: 5000 },
    );
  });
});
