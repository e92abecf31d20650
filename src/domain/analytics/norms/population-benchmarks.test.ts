import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays } from '../series/calendar-date.ts';
import type { DailyPoint } from '../series/daily-series.ts';
import { NORM_TABLES } from './norm-tables.ts';
import { populationBenchmarks, type BenchmarkMeasure, type BenchmarkProfile } from './population-benchmarks.ts';

const today = '2024-06-30';
/** `n` days ending today with `value(i)`, i = 0 for the oldest. */
const lastDays = (n: number, value: (i: number) => number): DailyPoint[] => Array.from({ length: n }, (_, i) => ({ date: addDays(today, i - n + 1), value: value(i) }));
const of = (measure: BenchmarkMeasure, profile: BenchmarkProfile, series: Partial<Record<BenchmarkMeasure, DailyPoint[]>>) =>
  populationBenchmarks(new Map(Object.entries(series) as Array<[BenchmarkMeasure, DailyPoint[]]>), profile, today).find((b) => b.measure === measure)!;

/** The published table's percentile by linear interpolation, written out here independently. */
function tablePercentile(measure: 'resting_heart_rate' | 'vo2max', sex: 'female' | 'male', age: number, value: number): number {
  const table = NORM_TABLES.find((t) => t.measure === measure && t.sex === sex && t.ageFrom <= age && age <= t.ageTo)!;
  for (let k = 1; k < table.anchors.length; k++) {
    const [p0, v0] = table.anchors[k - 1]!;
    const [p1, v1] = table.anchors[k]!;
    if (value >= v0 && value <= v1) return p0 + ((p1 - p0) * (value - v0)) / (v1 - v0);
  }
  throw new Error('outside the table');
}

describe('population benchmarks', () => {
  it("places the 28-day mean resting heart rate among the norms of the person's age band and sex", () => {
    // Born 1990: 34 in 2024. Older mornings outside the window do not count.
    const series = [...lastDays(40, () => 90).slice(0, 12), ...lastDays(28, (i) => 61 + (i % 5))];
    const result = of('resting_heart_rate', { birthYear: 1990, sex: 'female' }, { resting_heart_rate: series });
    const mean = series.slice(12).reduce((sum, p) => sum + p.value!, 0) / 28;
    assert.ok(result.recent.ok && Math.abs(result.recent.value - mean) < 1e-9 && result.recent.days === 28 && result.recent.from === addDays(today, -27));
    assert.ok(result.percentile.ok);
    assert.ok(Math.abs(result.percentile.percentile - tablePercentile('resting_heart_rate', 'female', 34, mean)) < 1e-9);
    assert.deepEqual(result.percentile.group, { sex: 'female', ageFrom: 20, ageTo: 39 });
    assert.equal(result.percentile.source, 'nhanes-1999-2008-resting-pulse');
    assert.match(result.percentile.citation, /Ostchega/);
    assert.equal(result.percentile.higherIsBetter, false);
  });

  it('takes the newest VO2max estimate of the last 90 days', () => {
    const series = [{ date: addDays(today, -100), value: 60 }, { date: addDays(today, -40), value: 41 }, { date: addDays(today, -10), value: 44.5 }];
    const result = of('vo2max', { birthYear: 1979, sex: 'male' }, { vo2max: series });
    assert.ok(result.recent.ok && result.recent.value === 44.5 && result.recent.statistic === 'latest' && result.recent.days === 2);
    assert.ok(result.percentile.ok && Math.abs(result.percentile.percentile - tablePercentile('vo2max', 'male', 45, 44.5)) < 1e-9);
  });

  it('says why where there is no percentile', () => {
    const resting = { resting_heart_rate: lastDays(10, () => 60) };
    const reason = (profile: BenchmarkProfile, series = resting) => {
      const { percentile } = of('resting_heart_rate', profile, series);
      return percentile.ok ? 'ok' : percentile.reason;
    };
    assert.equal(reason({ birthYear: 1990, sex: 'prefer_not_to_say' }), 'sex not given');
    assert.equal(reason({ birthYear: 1990, sex: null }), 'sex not set');
    assert.equal(reason({ birthYear: null, sex: 'male' }), 'birth year not set');
    assert.equal(reason({ birthYear: 1940, sex: 'male' }), 'no norms for this age');
    assert.equal(reason({ birthYear: 1990, sex: 'male' }, { resting_heart_rate: lastDays(6, () => 60) }), 'no recent value');
    assert.deepEqual(of('resting_heart_rate', { birthYear: 1990, sex: 'male' }, {}).recent, { ok: false, reason: 'not enough data', have: 0, need: 7 });
  });

  it('gives daily steps an activity band, not a percentile, leaving out days the device was not worn', () => {
    const steps = lastDays(28, (i) => (i % 7 === 0 ? 0 : 10_400)).map((p, i) => (i % 7 === 0 ? { ...p, status: 'not_worn' as const } : p));
    const result = of('steps', { birthYear: 1990, sex: 'male' }, { steps });
    assert.ok(result.recent.ok && result.recent.value === 10_400 && result.recent.days === 24);
    assert.deepEqual(result.percentile, { ok: false, reason: 'no percentile norms for this measure' });
    assert.equal(result.activityLevel?.level, 'active');
    assert.match(result.activityLevel!.citation, /Tudor-Locke/);
    assert.equal(of('steps', { birthYear: null, sex: null }, {}).activityLevel, null);
  });
});
