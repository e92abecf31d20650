import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidTimeZone, wallTimeToInstant, zoneOffsetMinutes } from './time-zone.ts';

const wall = (text: string) => Date.parse(`${text}Z`);
const iso = (ms: number) => new Date(ms).toISOString();

describe('zoneOffsetMinutes', () => {
  it('follows DST and half-hour zones', () => {
    assert.equal(zoneOffsetMinutes('America/New_York', Date.parse('2024-01-15T12:00:00Z')), -300);
    assert.equal(zoneOffsetMinutes('America/New_York', Date.parse('2024-07-15T12:00:00Z')), -240);
    assert.equal(zoneOffsetMinutes('Asia/Kathmandu', Date.parse('2024-07-15T12:00:00Z')), 345);
    assert.equal(zoneOffsetMinutes('UTC', Date.parse('2024-07-15T12:00:00Z')), 0);
  });

  it('validates zone names', () => {
    assert.equal(isValidTimeZone('Europe/Berlin'), true);
    assert.equal(isValidTimeZone('Mars/Olympus_Mons'), false);
    assert.equal(isValidTimeZone(''), false);
    assert.equal(isValidTimeZone(42), false);
  });
});

describe('wallTimeToInstant', () => {
  it('reads an ordinary wall time', () => {
    const r = wallTimeToInstant('Europe/Berlin', wall('2024-07-01T09:00:00'));
    assert.deepEqual([iso(r.utcMs), r.offsetMinutes, r.transition], ['2024-07-01T07:00:00.000Z', 120, 'none']);
  });

  it('moves a time inside the spring-forward gap forward by the gap (02:30 -> 03:30 EDT)', () => {
    const r = wallTimeToInstant('America/New_York', wall('2024-03-10T02:30:00'));
    assert.deepEqual([iso(r.utcMs), r.offsetMinutes, r.transition], ['2024-03-10T07:30:00.000Z', -240, 'gap']);
  });

  it('takes the earlier of a fall-back overlap (01:30 EDT, not EST)', () => {
    const r = wallTimeToInstant('America/New_York', wall('2024-11-03T01:30:00'));
    assert.deepEqual([iso(r.utcMs), r.offsetMinutes, r.transition], ['2024-11-03T05:30:00.000Z', -240, 'overlap']);
  });

  it('handles a 30-minute DST shift (Lord Howe Island)', () => {
    const gap = wallTimeToInstant('Australia/Lord_Howe', wall('2024-10-06T02:15:00'));
    assert.equal(gap.transition, 'gap');
    assert.equal(gap.offsetMinutes, 660);
    assert.equal(iso(gap.utcMs), '2024-10-05T15:45:00.000Z');
  });

  it('is the inverse of zoneOffsetMinutes away from transitions', () => {
    for (const zone of ['America/Los_Angeles', 'Europe/London', 'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Chatham']) {
      const utc = Date.parse('2024-05-20T10:17:00Z');
      const offset = zoneOffsetMinutes(zone, utc);
      const r = wallTimeToInstant(zone, utc + offset * 60_000);
      assert.equal(r.utcMs, utc, zone);
    }
  });
});
