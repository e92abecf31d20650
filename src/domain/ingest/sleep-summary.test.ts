import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarizeSleep } from './sleep-summary.ts';

const stage = (category: string, from: string, to: string) => ({ category, start: `2024-01-10T${from}:00Z`, end: `2024-01-10T${to}:00Z` });

describe('summarizeSleep', () => {
  it('unions overlapping intervals instead of adding them', () => {
    const night = summarizeSleep([
      stage('in_bed', '00:00', '08:00'),
      stage('asleep', '00:30', '07:30'),
      stage('deep', '01:00', '02:00'),
      stage('rem', '03:00', '03:30'),
      stage('awake', '07:30', '07:45'),
    ]);
    assert.deepEqual(night, { asleep: 420, inBed: 480, awake: 15, light: 0, deep: 60, rem: 30, unspecified: 420 });
  });

  it('is zero for no stages', () => {
    assert.equal(summarizeSleep([]).asleep, 0);
  });
});
