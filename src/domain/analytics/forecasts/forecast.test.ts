import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededNormal, seriesFrom } from '../testing/fixtures.ts';
import { forecastNextDays } from './forecast.ts';

describe('7-day forecast', () => {
  it('continues an exact line exactly, with zero-width intervals, on the right dates', () => {
    const weight = seriesFrom('2024-02-20', Array.from({ length: 10 }, (_, i) => 80 - 0.1 * i));
    const forecast = forecastNextDays('weight', weight, { today: '2024-02-29' });
    assert.ok(forecast.ok);
    assert.deepEqual(forecast.days.map((d) => d.date), ['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07']);
    forecast.days.forEach((day, i) => {
      assert.ok(Math.abs(day.value - (79.1 - 0.1 * (i + 1))) < 1e-9);
      assert.ok(Math.abs(day.high - day.low) < 1e-9);
    });
    assert.ok(Math.abs(forecast.slopePerDay + 0.1) < 1e-12);
  });

  it('fits through gaps and not-worn days by calendar position', () => {
    const hrv = seriesFrom('2024-01-01', Array.from({ length: 28 }, (_, i) => (i % 3 === 1 ? null : i % 7 === 5 ? 'not_worn' : 40 + i)));
    const forecast = forecastNextDays('hrv_rmssd', hrv, { today: '2024-01-28' });
    assert.ok(forecast.ok);
    assert.equal(forecast.n, 16);
    assert.ok(Math.abs(forecast.days[0]!.value - 68) < 1e-9);
  });

  it('says how much data it needs instead of guessing', () => {
    const sparse = seriesFrom('2024-01-01', [58, 59, 57, null, 58, 60]);
    assert.deepEqual(forecastNextDays('resting_heart_rate', sparse, { today: '2024-01-06' }), { ok: false, reason: 'not enough data', have: 5, need: 14 });
    assert.deepEqual(forecastNextDays('sleep_duration', [], { today: '2024-01-06' }), { ok: false, reason: 'not enough data', have: 0, need: 14 });
    // Old data outside the window does not count.
    const stale = seriesFrom('2023-01-01', Array(60).fill(420));
    assert.deepEqual(forecastNextDays('sleep_duration', stale, { today: '2024-01-06' }), { ok: false, reason: 'not enough data', have: 0, need: 14 });
  });

  it('an 80% interval holds the next day about 80% of the time on a noisy trend', () => {
    const runs = 600;
    let covered = 0;
    for (let seed = 1; seed <= runs; seed += 1) {
      const normal = seededNormal(seed);
      const truth = (day: number) => 60 - 0.05 * day;
      const series = seriesFrom('2024-01-01', Array.from({ length: 28 }, (_, day) => truth(day) + 2 * normal()));
      const forecast = forecastNextDays('resting_heart_rate', series, { today: '2024-01-28' });
      assert.ok(forecast.ok);
      const actual = truth(28) + 2 * normal();
      const tomorrow = forecast.days[0]!;
      if (actual >= tomorrow.low && actual <= tomorrow.high) covered += 1;
    }
    // Binomial(600, 0.8): SD about 10.
    assert.ok(covered >= 450 && covered <= 510, `${covered} of ${runs}`);
  });
});
