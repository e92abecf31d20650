import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateOfDay, dayNumber, HOUR_MS, isWeekend, localClock } from './local-time.ts';

const day = (date: string) => dayNumber(date) as number;

describe('localClock', () => {
  it('writes timestamps with the local offset, +00:00 included', () => {
    const at = Date.parse('2024-07-01T06:00:00Z');
    assert.equal(localClock({ utcOffsetMinutes: 345 }).format(at), '2024-07-01T11:45:00+05:45');
    assert.equal(localClock({ utcOffsetMinutes: -600 }).format(at), '2024-06-30T20:00:00-10:00');
    assert.equal(localClock({ utcOffsetMinutes: 0 }).format(at), '2024-07-01T06:00:00+00:00');
    assert.equal(localClock({ timeZone: 'America/New_York' }).format(at), '2024-07-01T02:00:00-04:00');
  });

  it('counts local days and minutes through DST changes', () => {
    const berlin = localClock({ timeZone: 'Europe/Berlin' });
    const spring = day('2024-03-31');
    assert.equal(berlin.instantOf(spring + 1, 0) - berlin.instantOf(spring, 0), 23 * HOUR_MS);
    assert.equal(berlin.instantOf(day('2024-10-27') + 1, 0) - berlin.instantOf(day('2024-10-27'), 0), 25 * HOUR_MS);
    assert.equal(new Date(berlin.instantOf(spring, -60)).toISOString(), '2024-03-30T22:00:00.000Z', 'minute -60 is 23:00 the evening before');
    assert.equal(berlin.dayOf(Date.parse('2024-03-30T23:30:00Z')), spring);
    assert.equal(berlin.hourOf(Date.parse('2024-07-01T05:30:00Z')), 7.5);
  });
});

describe('dates', () => {
  it('numbers real dates only, and knows weekends', () => {
    assert.equal(dayNumber('1970-01-02'), 1);
    assert.equal(dateOfDay(day('2024-02-29')), '2024-02-29');
    for (const bad of ['2024-02-30', '2024-2-01', 'yesterday', '2024-01-01T00:00:00Z']) assert.equal(dayNumber(bad), undefined, bad);
    assert.deepEqual(['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04'].map((d) => isWeekend(day(d))), [false, true, true, false]);
  });
});
