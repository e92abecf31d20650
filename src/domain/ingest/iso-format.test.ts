import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { daysInMonth, isoDate, isoInstant } from './iso-format.ts';

describe('iso-format', () => {
  it('agrees with Date#toISOString on every instant from 1900 to 2999', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2999, 11, 31, 23, 59, 59, 999) }), (ms) => {
        const expected = new Date(ms).toISOString();
        assert.equal(isoInstant(ms), expected);
        assert.equal(isoDate(ms), expected.slice(0, 10));
      }),
      { numRuns: 5000 },
    );
  });

  it('knows month lengths and leap years', () => {
    assert.deepEqual([daysInMonth(2024, 2), daysInMonth(2023, 2), daysInMonth(1900, 2), daysInMonth(2000, 2), daysInMonth(2024, 4), daysInMonth(2024, 12)], [29, 28, 28, 29, 30, 31]);
  });
});
