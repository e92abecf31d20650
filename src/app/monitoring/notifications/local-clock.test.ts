import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localTimeAt, nextLocalTime } from './local-clock.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('local clock', () => {
  it('tells the local date and minute in the person’s zone', () => {
    assert.deepEqual(localTimeAt(Date.parse('2024-01-15T23:30:00Z'), 'Europe/Berlin'), { date: '2024-01-16', minute: 30 });
    assert.deepEqual(localTimeAt(Date.parse('2024-01-15T23:30:00Z'), 'America/New_York'), { date: '2024-01-15', minute: 18 * 60 + 30 });
  });

  it('finds the next 08:00 across a spring-forward night', () => {
    const next = nextLocalTime(Date.parse('2024-03-30T10:00:00Z'), '08:00', 'Europe/Berlin');
    assert.deepEqual({ date: next.date, at: iso(next.at) }, { date: '2024-03-31', at: '2024-03-31T06:00:00.000Z' });
  });

  it('reads a time the clocks skip as the hour after it, and a repeated one as its first', () => {
    const skipped = nextLocalTime(Date.parse('2024-03-30T12:00:00Z'), '02:30', 'Europe/Berlin');
    assert.equal(iso(skipped.at), '2024-03-31T01:30:00.000Z');
    const repeated = nextLocalTime(Date.parse('2024-10-26T12:00:00Z'), '02:30', 'Europe/Berlin');
    assert.equal(iso(repeated.at), '2024-10-27T00:30:00.000Z');
  });

  it('moves to tomorrow once today’s time has passed', () => {
    const next = nextLocalTime(Date.parse('2024-01-15T08:00:00Z'), '08:00', 'UTC');
    assert.deepEqual({ date: next.date, at: iso(next.at) }, { date: '2024-01-16', at: '2024-01-16T08:00:00.000Z' });
  });
});
