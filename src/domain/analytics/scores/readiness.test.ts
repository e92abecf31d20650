import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays } from '../series/calendar-date.ts';
import type { DailyPoint } from '../series/daily-series.ts';
import { seriesFrom } from '../testing/fixtures.ts';
import { readinessScores, temperaturePoints } from './readiness.ts';

const START = '2024-04-01';
const DAY = addDays(START, 21);

/**
 * Steady nights before `today`: HRV alternating 47/53 ms (mean 50, SD 3 over 21 nights), resting
 * HR 54/56 (mean 55, SD 1), 8 h sleep and 7000/9000 steps.
 */
function history(today: { hrv?: number | null; rhr?: number | null; sleep?: number; steps?: number; temperature?: number }, nights = 21) {
  const alternate = (a: number, b: number) => Array.from({ length: nights }, (_, i) => (i === 20 ? (a + b) / 2 : i % 2 === 0 ? a : b));
  const start = addDays(DAY, -nights);
  const withToday = (values: number[], value: number | null | undefined): DailyPoint[] => [...seriesFrom(start, values), { date: DAY, value: value ?? null }];
  return {
    hrv: withToday(alternate(47, 53), today.hrv === undefined ? 50 : today.hrv),
    restingHeartRate: withToday(alternate(54, 56), today.rhr === undefined ? 55 : today.rhr),
    sleepDuration: withToday(Array(nights).fill(480), today.sleep ?? 480),
    // Yesterday's steps are the last of the history; a custom value replaces it.
    steps: seriesFrom(start, [...alternate(7000, 9000).slice(0, nights - 1), today.steps ?? 8000]),
    ...(today.temperature === undefined ? {} : { temperatureDeviation: [{ date: DAY, value: today.temperature }] }),
  };
}

const scoreOf = (inputs: ReturnType<typeof history>) => {
  const [result] = readinessScores(inputs, DAY, DAY);
  assert.ok(result?.ok, JSON.stringify(result));
  return result;
};

describe('readiness.v1', () => {
  it('scores a day at baseline with enough sleep at 81, from components that explain it', () => {
    const result = scoreOf(history({}));
    assert.equal(result.version, 'readiness.v1');
    assert.deepEqual(
      result.components.map((c) => [c.id, c.points]),
      [['hrv_rmssd', 75], ['resting_heart_rate', 75], ['sleep_duration', 100], ['previous_day_steps', 75]],
    );
    // (0.30·75 + 0.25·75 + 0.20·100 + 0.15·75) / 0.90
    assert.equal(result.score, 81);
    assert.ok(Math.abs(result.components.reduce((sum, c) => sum + c.weight, 0) - 1) < 1e-12);
    assert.equal(result.confidence, 1);
    const hrv = result.components[0]!;
    assert.equal(hrv.reference.kind, 'baseline');
  });

  it('drops when HRV falls and resting heart rate rises, and after a short night', () => {
    const typical = scoreOf(history({})).score;
    const strained = scoreOf(history({ hrv: 41, rhr: 59 }));
    assert.ok(strained.score < typical - 25, `${strained.score}`);
    // 9 ms below a mean of 50 with SD 3 is z = -3: 75 - 45 points. 4 bpm above with SD 1: 75 - 60.
    assert.deepEqual(strained.components.slice(0, 2).map((c) => c.points), [30, 15]);
    const shortNight = scoreOf(history({ sleep: 300 }));
    assert.equal(shortNight.components.find((c) => c.id === 'sleep_duration')!.points, 40);
    const bigDay = scoreOf(history({ steps: 20000 }));
    assert.equal(bigDay.components.find((c) => c.id === 'previous_day_steps')!.points, 0);
  });

  it('weighs temperature in when the person has a source, and a fever lowers the score', () => {
    const normal = scoreOf(history({ temperature: 0.1 }));
    assert.deepEqual(normal.components.at(-1), { id: 'temperature_deviation', value: 0.1, unit: 'Cel', reference: { kind: 'target', value: 0 }, points: 100, weight: 0.1 });
    const fever = scoreOf(history({ temperature: 0.9 }));
    assert.ok(fever.score < normal.score);
    assert.equal(temperaturePoints(0.6), 50);
    assert.equal(temperaturePoints(-1.2), 0);
  });

  it('warms up until 7 of the 21 nights before have HRV and resting HR', () => {
    const [sixNights] = readinessScores(history({}, 6), DAY, DAY);
    assert.deepEqual(sixNights, { ok: false, version: 'readiness.v1', date: DAY, reason: 'warming up', nightsWithData: 6, nightsNeeded: 7 });
    const sevenNights = scoreOf(history({}, 7));
    // A third of a baseline window, and too little step history for the load component (0.15 of 0.90).
    assert.deepEqual(sevenNights.components.map((c) => c.id), ['hrv_rmssd', 'resting_heart_rate', 'sleep_duration']);
    assert.equal(sevenNights.confidence, Math.round((0.75 / 0.9) * (7 / 21) * 100) / 100);
  });

  it('says what is missing on a day without HRV, and re-weights around a missing optional input', () => {
    const [noHrv] = readinessScores(history({ hrv: null }), DAY, DAY);
    assert.deepEqual(noHrv, { ok: false, version: 'readiness.v1', date: DAY, reason: 'no data for the day', missing: ['hrv_rmssd'] });
    const inputs = history({});
    const withoutSleep = scoreOf({ ...inputs, sleepDuration: inputs.sleepDuration.filter((p) => p.date !== DAY) });
    assert.deepEqual(withoutSleep.components.map((c) => c.id), ['hrv_rmssd', 'resting_heart_rate', 'previous_day_steps']);
    assert.equal(withoutSleep.confidence, Math.round((0.7 / 0.9) * 100) / 100);
    assert.equal(withoutSleep.score, 75);
  });

  it('scores a range day by day', () => {
    const results = readinessScores(history({}), addDays(DAY, -2), DAY);
    assert.deepEqual(results.map((r) => [r.date, r.ok]), [[addDays(DAY, -2), true], [addDays(DAY, -1), true], [DAY, true]]);
  });
});
