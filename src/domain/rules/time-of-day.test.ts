import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inWindow, localMinuteOfDay, parseClockTime, utcOffsetOfDay } from './time-of-day.ts';

describe('time of day', () => {
  it('reads HH:MM as minutes after midnight', () => {
    assert.deepEqual(['00:00', '06:30', '23:59'].map(parseClockTime), [0, 390, 1439]);
  });

  it('finds the local minute of the day for offsets either side of UTC, and before 1970', () => {
    const utc = Date.UTC(2024, 0, 10, 23, 30);
    assert.equal(localMinuteOfDay(utc, 0), 23 * 60 + 30);
    assert.equal(localMinuteOfDay(utc, 60), 30);
    assert.equal(localMinuteOfDay(utc, -24 * 60 - 30), 23 * 60);
    assert.equal(localMinuteOfDay(Date.UTC(1969, 11, 31, 22, 15, 30), 0), 22 * 60 + 15);
    assert.equal(localMinuteOfDay(Date.UTC(1969, 11, 31, 22, 15), -23 * 60), 23 * 60 + 15);
  });

  it('recovers an offset from a local minute that gives every later instant its local minute', () => {
    for (const t of [Date.UTC(2024, 0, 10, 23, 30, 59), Date.UTC(1969, 11, 31, 22, 15), Date.UTC(2024, 2, 31, 0, 0, 1)]) {
      for (const offset of [-720, -600, -300, 0, 60, 330, 345, 840]) {
        const recovered = utcOffsetOfDay(t, localMinuteOfDay(t, offset));
        assert.ok(recovered >= 0 && recovered < 1440);
        for (const later of [t, t + 61_000, t + 86_400_000 * 3 + 7]) assert.equal(localMinuteOfDay(later, recovered), localMinuteOfDay(later, offset));
      }
    }
  });

  it('takes a window from its start up to its end, across midnight when the end comes first', () => {
    assert.deepEqual([479, 480, 1019, 1020].map((m) => inWindow(m, 480, 1020)), [false, true, true, false]);
    assert.deepEqual([1319, 1320, 0, 359, 360].map((m) => inWindow(m, 1320, 360)), [false, true, true, true, false]);
    assert.ok([0, 720, 1439].every((m) => inWindow(m, 0, 1440)));
  });
});
