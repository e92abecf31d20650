import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, datesBetween, daysBetween, epochDay } from './calendar-date.ts';

describe('calendar dates', () => {
  it('steps over leap days, year ends and daylight-saving changes as plain days', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2023-02-28', 1), '2023-03-01');
    assert.equal(addDays('2024-12-31', 1), '2025-01-01');
    // US and EU clocks change on these dates; a calendar day is still one day.
    assert.equal(addDays('2024-03-09', 2), '2024-03-11');
    assert.equal(daysBetween('2024-10-26', '2024-10-28'), 2);
    assert.equal(daysBetween('2024-01-01', '2025-01-01'), 366);
    assert.equal(epochDay('1970-01-02'), 1);
  });

  it('lists inclusive ranges, empty when reversed', () => {
    assert.deepEqual(datesBetween('2024-02-27', '2024-03-01'), ['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    assert.deepEqual(datesBetween('2024-03-01', '2024-03-01'), ['2024-03-01']);
    assert.deepEqual(datesBetween('2024-03-02', '2024-03-01'), []);
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['2024-02-30', '2023-02-29', '2024-13-01', '2024-1-01', '20240101', '2024-01-01T00:00:00Z', '']) {
      assert.throws(() => epochDay(bad), RangeError, bad);
    }
  });

  it('adding n days and measuring back gives n, against Date as a reference', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: -3000, max: 3000 }), (start, n) => {
        const from = new Date(start * 86_400_000).toISOString().slice(0, 10);
        const to = addDays(from, n);
        assert.equal(daysBetween(from, to), n);
        assert.equal(to, new Date((start + n) * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });
});
