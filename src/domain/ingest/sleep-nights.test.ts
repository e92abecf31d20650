import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DailyValue } from './daily-value.ts';
import { nightTotals } from './sleep-nights.ts';

const stageNight = (date: string, source: string, asleep: number, inBed: number): DailyValue => ({
  metric: 'sleep_stage',
  date,
  unit: 'min',
  value: asleep,
  count: 7,
  status: 'ok',
  byCategory: { asleep, in_bed: inBed, awake: inBed - asleep, light: asleep, deep: 0, rem: 0, unspecified: 0 },
  sources: [{ source, rank: 0, samples: 7, total: asleep, contributed: asleep, used: true }],
});
const reportedNight = (date: string, source: string, value: number): DailyValue => ({
  metric: 'sleep_duration',
  date,
  unit: 'min',
  value,
  count: 1,
  status: 'ok',
  sources: [{ source, rank: 0, samples: 1, total: value, contributed: value, used: true }],
});

describe('nightTotals', () => {
  it('reads minutes asleep and in bed from the stage intervals of a night', () => {
    const [asleep] = nightTotals('sleep_duration', [], [stageNight('2024-03-10', 'Watch', 390, 410)], []);
    const [inBed] = nightTotals('time_in_bed', [], [stageNight('2024-03-10', 'Watch', 390, 410)], []);
    assert.equal(asleep?.value, 390);
    assert.equal(inBed?.value, 410);
    assert.equal(asleep?.sources[0]?.source, 'Watch');
  });

  it('takes the higher-priority source where a total and stages describe the same night, keeping the other unused', () => {
    const reported = [reportedNight('2024-03-10', 'fitbit', 400), reportedNight('2024-03-11', 'fitbit', 380)];
    const stages = [stageNight('2024-03-10', 'Watch', 390, 410)];
    const watchFirst = nightTotals('sleep_duration', reported, stages, ['Watch', 'fitbit']);
    assert.deepEqual(
      watchFirst.map((d) => [d.date, d.value]),
      [
        ['2024-03-10', 390],
        ['2024-03-11', 380],
      ],
    );
    assert.deepEqual(
      watchFirst[0]!.sources.map((s) => [s.source, s.rank, s.used, s.contributed]),
      [
        ['Watch', 0, true, 390],
        ['fitbit', 1, false, 0],
      ],
    );
    assert.equal(nightTotals('sleep_duration', reported, stages, ['fitbit'])[0]!.value, 400);
  });

  it('leaves metrics that are not night totals as reported', () => {
    const steps = [{ ...reportedNight('2024-03-10', 'fitbit', 5000), metric: 'steps' }];
    assert.deepEqual(nightTotals('steps', steps, [stageNight('2024-03-10', 'Watch', 390, 410)], []), steps);
  });
});
