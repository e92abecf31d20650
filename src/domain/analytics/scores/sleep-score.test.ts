import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays } from '../series/calendar-date.ts';
import { seriesFrom } from '../testing/fixtures.ts';
import { efficiencyPoints, regularityPoints, sleepScores } from './sleep-score.ts';

const START = '2024-06-01';
const NIGHT = addDays(START, 21);
const nights = (values: number[]) => seriesFrom(START, values);

describe('sleep.v1', () => {
  it('gives a full, efficient, regular night with usual deep and REM sleep 95', () => {
    const [result] = sleepScores(
      {
        sleepDuration: nights([...Array(21).fill(480), 480]),
        timeInBed: nights([...Array(21).fill(505), 505]),
        deepSleep: nights([...Array.from({ length: 20 }, (_, i) => (i % 2 ? 80 : 100)), 90, 90]),
        remSleep: nights(Array(22).fill(100)),
      },
      NIGHT,
      NIGHT,
    );
    assert.ok(result?.ok);
    assert.equal(result.version, 'sleep.v1');
    assert.deepEqual(
      result.components.map((c) => [c.id, c.points, c.weight]),
      [['sleep_duration', 100, 0.45], ['sleep_efficiency', 100, 0.2], ['restorative_sleep', 75, 0.2], ['duration_regularity', 100, 0.15]],
    );
    assert.equal(result.score, 95);
    assert.equal(result.confidence, 1);
  });

  it('scores only duration and regularity when that is all the person records, at full confidence', () => {
    const [result] = sleepScores({ sleepDuration: nights([...Array(21).fill(480), 300]) }, NIGHT, NIGHT);
    assert.ok(result?.ok);
    assert.deepEqual(result.components.map((c) => c.id), ['sleep_duration', 'duration_regularity']);
    assert.equal(result.components[0]!.points, 40);
    assert.equal(result.confidence, 1);
  });

  it('maps efficiency and regularity to points on documented lines', () => {
    assert.equal(efficiencyPoints(0.65), 0);
    assert.equal(efficiencyPoints(0.775), 50);
    assert.equal(efficiencyPoints(0.95), 100);
    assert.equal(regularityPoints(20), 100);
    assert.equal(regularityPoints(75), 50);
    assert.equal(regularityPoints(200), 0);
  });

  it('warms up, and names a night without data', () => {
    const [warming] = sleepScores({ sleepDuration: seriesFrom(addDays(NIGHT, -3), [420, 430, 440, 450]) }, NIGHT, NIGHT);
    assert.deepEqual(warming, { ok: false, version: 'sleep.v1', date: NIGHT, reason: 'warming up', nightsWithData: 3, nightsNeeded: 7 });
    const [missing] = sleepScores({ sleepDuration: nights([...Array(21).fill(480), null]) }, NIGHT, NIGHT);
    assert.deepEqual(missing, { ok: false, version: 'sleep.v1', date: NIGHT, reason: 'no data for the day', missing: ['sleep_duration'] });
  });
});
