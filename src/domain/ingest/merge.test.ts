import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getMetric } from '../metrics/catalog.ts';
import type { MetricDefinition } from '../metrics/metric.ts';
import type { DailyValue } from './daily-value.ts';
import { rollupDay } from './merge.ts';
import type { MergeSample } from './merge-sample.ts';

const metric = (id: string): MetricDefinition => {
  const found = getMetric(id);
  assert.ok(found, id);
  return found;
};

/** A sample on 2024-01-10 (UTC), times as HH:MM. */
const at = (source: string, value: number, from: string, to = from, extra: Partial<MergeSample> = {}): MergeSample => ({
  source,
  value,
  start: `2024-01-10T${from}:00.000Z`,
  end: `2024-01-10T${to}:00.000Z`,
  ...extra,
});
const wholeDay = (source: string, value: number, extra: Partial<MergeSample> = {}): MergeSample => ({
  source,
  value,
  start: '2024-01-10T00:00:00.000Z',
  end: '2024-01-11T00:00:00.000Z',
  wholeDay: true,
  ...extra,
});

function rollup(id: string, samples: MergeSample[], priority: string[]): DailyValue {
  const day = rollupDay({ metric: metric(id), date: '2024-01-10', samples, priority });
  assert.ok(day);
  return day;
}

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);
const bySource = (day: DailyValue, source: string) => {
  const found = day.sources.find((s) => s.source === source);
  assert.ok(found, source);
  return found;
};

describe('rollupDay: additive metrics', () => {
  it('counts a walk recorded by both an iPhone and an Apple Watch once', () => {
    const day = rollup(
      'steps',
      [at('Watch', 1500, '10:00', '10:30'), at('iPhone', 1400, '10:00', '10:30'), at('iPhone', 300, '12:00', '12:10')],
      ['Watch', 'iPhone'],
    );
    assert.equal(day.value, 1800);
    assert.equal(day.status, 'ok');
    assert.deepEqual(bySource(day, 'Watch'), { source: 'Watch', rank: 0, samples: 1, total: 1500, contributed: 1500, dropped: 0, used: true });
    assert.deepEqual(bySource(day, 'iPhone'), { source: 'iPhone', rank: 1, samples: 2, total: 1700, contributed: 300, dropped: 1400, used: true });
  });

  it('follows the person priority: phone first gives the phone its overlap', () => {
    const day = rollup('steps', [at('Watch', 1500, '10:00', '10:30'), at('iPhone', 1400, '10:00', '10:30')], ['iPhone', 'Watch']);
    assert.equal(day.value, 1400);
  });

  it('pro-rates a lower-priority interval by the share not covered', () => {
    const day = rollup('steps', [at('Watch', 600, '10:00', '10:10'), at('iPhone', 400, '10:05', '10:15')], ['Watch', 'iPhone']);
    assert.equal(day.value, 800);
    assert.equal(bySource(day, 'iPhone').dropped, 200);
  });

  it("takes a source's own daily total over its intraday sum, and shows the difference", () => {
    const hourly = [at('fitbit', 6000, '09:00', '10:00'), at('fitbit', 7000, '17:00', '18:00')];
    const day = rollup('steps', [wholeDay('fitbit', 13162), ...hourly], ['fitbit']);
    assert.equal(day.value, 13162);
    assert.equal(bySource(day, 'fitbit').intradayTotal, 13000);
  });

  it('lets a top-priority daily total claim the whole day', () => {
    const day = rollup('steps', [wholeDay('fitbit', 10000), at('Watch', 500, '23:00', '23:10')], ['fitbit', 'Watch']);
    assert.equal(day.value, 10000);
    assert.equal(bySource(day, 'Watch').dropped, 500);
  });

  it('fills gaps with a lower-priority daily total shaped by its own intraday values', () => {
    const fitbit = [wholeDay('fitbit', 10000), at('fitbit', 4000, '08:00', '12:00'), at('fitbit', 5000, '14:00', '16:00')];
    const day = rollup('steps', [at('Watch', 4500, '08:00', '12:00'), ...fitbit], ['Watch', 'fitbit']);
    close(bySource(day, 'fitbit').contributed, (5000 * 10000) / 9000);
    close(day.value, 4500 + (5000 * 10000) / 9000);
  });

  it('without intraday values, a lower-priority daily total fills by the uncovered share of the day', () => {
    const day = rollup('steps', [at('Watch', 3000, '00:00', '06:00'), wholeDay('fitbit', 8000)], ['Watch', 'fitbit']);
    close(day.value, 3000 + 8000 * (18 / 24));
  });

  it('counts two apps logging the same meal at the same instant once', () => {
    const day = rollup('dietary_energy', [at('MyFitnessPal', 650, '12:30'), at('Cronometer', 640, '12:30'), at('Cronometer', 200, '16:00')], ['MyFitnessPal', 'Cronometer']);
    assert.equal(day.value, 850);
  });

  it('merges sleep sessions of two devices for the same night', () => {
    const oura = { source: 'oura', value: 431, start: '2024-01-10T04:10:00.000Z', end: '2024-01-10T12:05:00.000Z' };
    const watch = { source: 'Watch', value: 445, start: '2024-01-10T04:00:00.000Z', end: '2024-01-10T12:00:00.000Z' };
    const day = rollup('sleep_session', [oura, watch], ['oura', 'Watch']);
    assert.ok(day.value < 431 + 445 * 0.05, `${day.value}`);
  });

  it('counts a re-imported sample once and takes the newer revision', () => {
    const old = at('Watch', 100, '10:00', '10:05', { recordedAt: '2024-01-10T10:06:00.000Z' });
    const revised = at('Watch', 120, '10:00', '10:05', { recordedAt: '2024-01-11T08:00:00.000Z' });
    assert.equal(rollup('steps', [old, old, revised], ['Watch']).value, 120);
    assert.equal(rollup('steps', [revised, old], ['Watch']).value, 120);
  });

  it('ranks sources missing from the priority list after the listed ones, alphabetically', () => {
    const day = rollup('steps', [at('zeta', 10, '10:00', '10:10'), at('alpha', 20, '10:00', '10:10'), at('listed', 30, '10:00', '10:10')], ['listed']);
    assert.deepEqual(
      day.sources.map((s) => [s.source, s.rank]),
      [
        ['listed', 0],
        ['alpha', 1],
        ['zeta', 2],
      ],
    );
    assert.equal(day.value, 30);
  });
});

describe('rollupDay: not-worn days', () => {
  it('marks a day with only not-worn data as not_worn, keeping its value visible', () => {
    const day = rollup('steps', [wholeDay('fitbit', 0, { notWorn: true })], ['fitbit']);
    assert.equal(day.status, 'not_worn');
    assert.equal(day.value, 0);
    assert.equal(bySource(day, 'fitbit').notWorn, true);
  });

  it('lets other sources count on a day one tracker was not worn', () => {
    const day = rollup('steps', [wholeDay('fitbit', 0, { notWorn: true }), at('iPhone', 2500, '09:00', '18:00')], ['fitbit', 'iPhone']);
    assert.equal(day.status, 'ok');
    assert.equal(day.value, 2500);
    assert.deepEqual(
      day.sources.map((s) => [s.source, s.used, s.notWorn ?? false]),
      [
        ['iPhone', true, false],
        ['fitbit', false, true],
      ],
    );
  });
});

describe('rollupDay: not-worn days, intraday values of the same source', () => {
  it('flags the intraday values of a source whose daily total says not worn (imported from another file)', () => {
    const hourly = [at('fitbit', 0, '09:00', '10:00'), at('fitbit', 0, '10:00', '11:00')];
    const day = rollup('steps', [wholeDay('fitbit', 0, { notWorn: true }), ...hourly], ['fitbit']);
    assert.equal(day.status, 'not_worn');
    assert.equal(bySource(day, 'fitbit').notWorn, true);
  });
});

describe('rollupDay: readings and scores', () => {
  it('takes the mean of the highest-priority source with data, with min and max', () => {
    const samples = [at('oura', 50, '03:00'), at('oura', 60, '04:00'), at('Watch', 90, '15:00'), at('Watch', 100, '16:00')];
    const day = rollup('heart_rate', samples, ['oura', 'Watch']);
    assert.deepEqual([day.value, day.min, day.max, day.count], [55, 50, 60, 2]);
    assert.deepEqual(bySource(day, 'Watch'), { source: 'Watch', rank: 1, samples: 2, total: 95, contributed: 0, used: false });
  });

  it('falls to the next source when the first has no data that day', () => {
    assert.equal(rollup('heart_rate', [at('Watch', 90, '15:00')], ['oura', 'Watch']).value, 90);
  });

  it('takes the last weight of the day', () => {
    const day = rollup('weight', [at('scale', 80.4, '19:00'), at('scale', 80.1, '07:00')], ['scale']);
    assert.equal(day.value, 80.4);
  });

  it('keeps a vendor score as that vendor gave it', () => {
    assert.equal(rollup('oura_readiness_score', [wholeDay('oura', 84)], []).value, 84);
  });
});

describe('rollupDay: sleep stages', () => {
  it('takes the whole night of the top source, counting overlapping in-bed time once', () => {
    const stage = (source: string, category: string, from: string, to: string): MergeSample => ({ ...at(source, 0, from, to), category });
    const watch = [
      stage('Watch', 'in_bed', '04:00', '12:00'),
      stage('Watch', 'light', '04:20', '06:00'),
      stage('Watch', 'deep', '06:00', '07:00'),
      stage('Watch', 'awake', '07:00', '07:10'),
      stage('Watch', 'rem', '07:10', '08:00'),
      stage('Watch', 'light', '08:00', '11:50'),
    ];
    const oura = [stage('oura', 'deep', '04:00', '10:00')];
    const day = rollup('sleep_stage', [...watch, ...oura], ['Watch', 'oura']);
    assert.equal(day.value, 100 + 60 + 50 + 230);
    assert.deepEqual(day.byCategory, { asleep: 440, in_bed: 480, awake: 10, light: 330, deep: 60, rem: 50, unspecified: 0 });
    assert.equal(bySource(day, 'oura').used, false);
  });
});

describe('rollupDay: empty input', () => {
  it('has no value for a day without samples', () => {
    assert.equal(rollupDay({ metric: metric('steps'), date: '2024-01-10', samples: [], priority: [] }), undefined);
  });
});
