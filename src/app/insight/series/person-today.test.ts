import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { personToday } from './person-today.ts';

describe("a person's local today", () => {
  it('is the date in their zone, ending at their next local midnight', () => {
    assert.deepEqual(personToday(new Date('2024-06-01T23:30:00Z'), 'UTC'), { today: '2024-06-01', endsAt: Date.parse('2024-06-02T00:00:00Z') });
    assert.deepEqual(personToday(new Date('2024-06-01T23:30:00Z'), 'Europe/Berlin'), { today: '2024-06-02', endsAt: Date.parse('2024-06-02T22:00:00Z') });
    assert.deepEqual(personToday(new Date('2024-06-02T03:00:00Z'), 'America/Los_Angeles'), { today: '2024-06-01', endsAt: Date.parse('2024-06-02T07:00:00Z') });
  });

  it('ends a day that changes the clocks at the midnight after the change', () => {
    // New York springs forward on 2024-03-10 (EST -5 to EDT -4): that day has 23 hours.
    assert.deepEqual(personToday(new Date('2024-03-10T06:00:00Z'), 'America/New_York'), { today: '2024-03-10', endsAt: Date.parse('2024-03-11T04:00:00Z') });
    // Berlin falls back on 2024-10-27 (CEST +2 to CET +1): 25 hours.
    assert.deepEqual(personToday(new Date('2024-10-26T22:30:00Z'), 'Europe/Berlin'), { today: '2024-10-27', endsAt: Date.parse('2024-10-27T23:00:00Z') });
  });
});
