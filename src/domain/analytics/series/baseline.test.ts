import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seriesFrom } from '../testing/fixtures.ts';
import { baselineBefore, zScore } from './baseline.ts';
import { indexByDate } from './daily-series.ts';

describe('baseline before a day', () => {
  it('is mean ± SD of the 28 calendar days before, the day itself left out', () => {
    // 2024-03-01 .. 2024-03-28 are 1..28, then a wild value on the day itself.
    const values = Array.from({ length: 28 }, (_, i) => i + 1);
    const index = indexByDate(seriesFrom('2024-03-01', [...values, 1000]));
    const baseline = baselineBefore(index, '2024-03-29');
    assert.ok(baseline.ok);
    assert.equal(baseline.n, 28);
    assert.equal(baseline.mean, 14.5);
    // SD of 1..n is sqrt(n(n+1)/12).
    assert.ok(Math.abs(baseline.sd - Math.sqrt((28 * 29) / 12)) < 1e-12);
    assert.equal(baseline.low, baseline.mean - baseline.sd);
    assert.equal(baseline.high, baseline.mean + baseline.sd);
  });

  it('ignores gaps and not-worn days, and counts calendar days rather than points', () => {
    const index = indexByDate(seriesFrom('2024-01-01', [50, null, 'not_worn', 52, null, 54, 56, 58, 60, 62]));
    const baseline = baselineBefore(index, '2024-01-11', { windowDays: 28, minDays: 7 });
    assert.ok(baseline.ok);
    assert.equal(baseline.n, 7);
    assert.equal(baseline.mean, 56);
    // Only 2024-01-08 .. 2024-01-10 fall in a 3-day window.
    const short = baselineBefore(index, '2024-01-11', { windowDays: 3, minDays: 2 });
    assert.ok(short.ok);
    assert.equal(short.mean, 60);
  });

  it('gives a reason rather than a band with too few days; a constant series has SD 0', () => {
    const few = indexByDate(seriesFrom('2024-01-01', [1, 2, 3, 4, 5, 6]));
    assert.deepEqual(baselineBefore(few, '2024-01-07'), { ok: false, reason: 'not enough days' });
    const single = indexByDate(seriesFrom('2024-01-01', [60]));
    assert.deepEqual(baselineBefore(single, '2024-01-02', { windowDays: 28, minDays: 1 }), { ok: false, reason: 'not enough days' });
    const constant = baselineBefore(indexByDate(seriesFrom('2024-01-01', Array(10).fill(0.1))), '2024-01-11');
    assert.ok(constant.ok);
    assert.equal(constant.sd, 0);
    assert.equal(constant.mean, 0.1);
    assert.equal(zScore(0.1 + 3, constant, 3), 1);
  });
});
