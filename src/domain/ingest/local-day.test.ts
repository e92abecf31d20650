import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDateAt, localDayOf } from './local-day.ts';

const at = (text: string) => Date.parse(text);

describe('local days', () => {
  it('uses the local date at the sample offset, not the UTC date', () => {
    assert.equal(localDateAt(at('2024-03-01T03:30:00Z'), -300), '2024-02-29');
    assert.equal(localDateAt(at('2024-03-01T20:30:00Z'), 540), '2024-03-02');
  });

  it('puts a 23:10-07:05 night, and each of its stages, on the morning it ends', () => {
    const offset = -300;
    const night = { startMs: at('2024-01-10T04:10:00Z'), startOffsetMinutes: offset, endMs: at('2024-01-10T12:05:00Z'), endOffsetMinutes: offset };
    assert.equal(localDayOf('sleep', night), '2024-01-10');
    const firstStage = { startMs: at('2024-01-10T04:10:00Z'), startOffsetMinutes: offset, endMs: at('2024-01-10T04:40:00Z'), endOffsetMinutes: offset };
    assert.equal(localDayOf('sleep', firstStage), '2024-01-10');
    assert.equal(localDayOf('start', firstStage), '2024-01-09');
  });

  it('keeps an afternoon nap on its own day', () => {
    const nap = { startMs: at('2024-01-10T14:00:00Z'), startOffsetMinutes: 0, endMs: at('2024-01-10T14:40:00Z'), endOffsetMinutes: 0 };
    assert.equal(localDayOf('sleep', nap), '2024-01-10');
  });

  it('uses the end offset when a night crosses time zones (Los Angeles -> Tokyo)', () => {
    // Ends 07:30 in Tokyo (Jan 10); at the Los Angeles offset that would be 14:30 on Jan 9.
    const flight = { startMs: at('2024-01-09T15:00:00Z'), startOffsetMinutes: -480, endMs: at('2024-01-09T22:30:00Z'), endOffsetMinutes: 540 };
    assert.equal(localDayOf('sleep', flight), '2024-01-10');
  });
});
