import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ASLEEP, AT_REST } from '../../../domain/rules/index.ts';
import { readingFlags } from './reading-flags.ts';

const MIN = 60_000;
const span = (startMin: number, endMin: number, value = 0) => ({ start: startMin * MIN, end: endMin * MIN, value });

describe('readingFlags', () => {
  it('marks readings inside sleep as asleep and at rest, and only those', () => {
    const flags = readingFlags([10, 30, 60, 90].map((m) => m * MIN), [span(20, 61)], [span(0, 120, 6000)]);
    assert.deepEqual(flags, [0, ASLEEP | AT_REST, ASLEEP | AT_REST, 0]);
  });

  it('is at rest while the last 10 minutes hold under 100 steps, prorating intervals', () => {
    // 60 steps a minute from minute 10 to 20; nothing after.
    const steps = [span(10, 20, 600)];
    const flags = readingFlags([5, 12, 25, 29, 31].map((m) => m * MIN), [], steps);
    // minute 12: 2 minutes of walking (120 steps); 25: 5 minutes (300); 29: 1 minute (60); 31: none.
    assert.deepEqual(flags, [AT_REST, 0, 0, AT_REST, AT_REST]);
  });

  it('counts point step counts whole inside the window, and spans given out of order', () => {
    const steps = [span(8, 8, 150), span(1, 1, 20)];
    assert.deepEqual(readingFlags([3, 9, 19].map((m) => m * MIN), [], steps), [AT_REST, 0, AT_REST]);
  });

  it('takes a reading without any step data as at rest', () => {
    assert.deepEqual(readingFlags([0, MIN], [], []), [AT_REST, AT_REST]);
  });
});
