import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededNormal, seriesFrom } from '../testing/fixtures.ts';
import { trend } from './trend.ts';

const noisy = (seed: number, days: number, level: (day: number) => number) => {
  const normal = seededNormal(seed);
  return Array.from({ length: days }, (_, day) => level(day) + 3 * normal());
};

describe('trend', () => {
  it('lists every calendar day of the window with its state and baseline band', () => {
    const series = seriesFrom('2024-03-01', [60, null, 'not_worn', 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73]);
    const week = trend(series, '7d', '2024-03-16');
    assert.equal(week.from, '2024-03-10');
    assert.deepEqual(week.days.map((d) => d.date), ['2024-03-10', '2024-03-11', '2024-03-12', '2024-03-13', '2024-03-14', '2024-03-15', '2024-03-16']);
    const first = week.days[0]!;
    assert.ok(first.baseline.ok);
    // Counted days before 03-10: 60, 61, 62, 63, 64, 65, 66 (the gap and the not-worn day skipped).
    assert.equal(first.baseline.n, 7);
    assert.equal(first.baseline.mean, 63);
    const early = trend(series, '7d', '2024-03-07');
    assert.deepEqual(early.days.slice(0, 3).map((d) => ({ state: d.state, value: d.value })), [
      { state: 'ok', value: 60 },
      { state: 'missing', value: null },
      { state: 'not_worn', value: 0 },
    ]);
  });

  it('calls a real shift more than noise, with a Welch interval around it', () => {
    // Resting heart rate 58 for 30 days, then 63: a 5 bpm rise against 3 bpm noise.
    const series = seriesFrom('2024-01-01', noisy(1, 60, (day) => (day < 30 ? 58 : 63)));
    const month = trend(series, '30d', '2024-02-29');
    assert.ok(month.change.ok);
    assert.equal(month.change.beyondNoise, true);
    assert.equal(month.change.direction, 'up');
    assert.ok(month.change.ciLow > 0 && month.change.ciLow < 5 && month.change.ciHigh > 5);
    assert.ok(Math.abs(month.change.relative! - month.change.difference / month.change.meanB) < 1e-12);
  });

  it('calls pure noise no clear change in about 95% of windows', () => {
    let falseAlarms = 0;
    const runs = 400;
    for (let seed = 1; seed <= runs; seed += 1) {
      const week = trend(seriesFrom('2024-01-01', noisy(seed, 14, () => 50)), '7d', '2024-01-14');
      assert.ok(week.change.ok);
      if (week.change.beyondNoise) falseAlarms += 1;
      else assert.equal(week.change.direction, 'no clear change');
    }
    // Binomial(400, 0.05): mean 20, SD 4.4.
    assert.ok(falseAlarms >= 6 && falseAlarms <= 36, `${falseAlarms} false alarms`);
  });

  it('answers with reasons when a window is empty, a single day or constant', () => {
    const single = trend(seriesFrom('2024-01-14', [70]), '7d', '2024-01-14');
    assert.deepEqual(single.current, { ok: false, reason: 'too few values' });
    assert.deepEqual(single.change, { ok: false, reason: 'too few values' });
    assert.deepEqual(single.days[6]!.baseline, { ok: false, reason: 'not enough days' });
    const constant = trend(seriesFrom('2024-01-01', Array(14).fill(70)), '7d', '2024-01-14');
    assert.deepEqual(constant.change, { ok: false, reason: 'no variance' });
    const zeroBefore = trend(seriesFrom('2024-01-01', [0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7]), '7d', '2024-01-14');
    assert.ok(zeroBefore.change.ok);
    assert.equal(zeroBefore.change.relative, undefined);
  });

  it('a year is 365 days with the previous year before it', () => {
    const year = trend([], '1y', '2024-12-31');
    assert.equal(year.days.length, 365);
    assert.equal(year.from, '2024-01-02');
  });
});
