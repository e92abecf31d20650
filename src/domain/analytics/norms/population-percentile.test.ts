import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NORM_TABLES } from './norm-tables.ts';
import { populationPercentile } from './population-percentile.ts';
import { stepActivityLevel } from './step-activity-level.ts';

describe('population percentiles', () => {
  it('puts the medians the FRIEND abstract reports at the 50th percentile', () => {
    // Kaminsky et al. 2015: 50th percentiles 48.0 / 37.6 at 20–29 and 24.4 / 18.3 at 70–79 (men / women).
    for (const [sex, age, median] of [['male', 25, 48.0], ['female', 25, 37.6], ['male', 75, 24.4], ['female', 75, 18.3]] as const) {
      const result = populationPercentile({ measure: 'vo2max', value: median, ageYears: age, sex });
      assert.ok(result.ok);
      assert.equal(result.percentile, 50);
      assert.equal(result.position, 'within');
      assert.equal(result.higherIsBetter, true);
    }
  });

  it('interpolates between published percentiles and bounds values beyond the table', () => {
    const between = populationPercentile({ measure: 'vo2max', value: 48.5, ageYears: 29.9, sex: 'male' });
    assert.ok(between.ok);
    assert.equal(between.percentile, 52.5);
    assert.deepEqual(between.group, { sex: 'male', ageFrom: 20, ageTo: 29 });
    const top = populationPercentile({ measure: 'vo2max', value: 70, ageYears: 30, sex: 'male' });
    assert.ok(top.ok && top.position === 'above' && top.percentile === 95);
    const bottom = populationPercentile({ measure: 'resting_heart_rate', value: 40, ageYears: 45, sex: 'female' });
    assert.ok(bottom.ok && bottom.position === 'below' && bottom.percentile === 5 && bottom.higherIsBetter === false);
    const rhr = populationPercentile({ measure: 'resting_heart_rate', value: 72.5, ageYears: 30, sex: 'male' });
    assert.ok(rhr.ok);
    assert.equal(rhr.percentile, 62.5);
    assert.equal(rhr.source, 'nhanes-1999-2008-resting-pulse');
  });

  it('has tables that rise with the percentile, one per sex and age band, without gaps', () => {
    for (const table of NORM_TABLES) {
      table.anchors.slice(1).forEach(([p, v], i) => {
        const [previousP, previousV] = table.anchors[i]!;
        assert.ok(p > previousP && v > previousV, `${table.measure} ${table.sex} ${table.ageFrom}: ${previousV} then ${v}`);
      });
    }
    for (const measure of ['vo2max', 'resting_heart_rate'] as const) {
      for (const sex of ['female', 'male'] as const) {
        for (let age = 20; age <= 79; age += 1) assert.ok(populationPercentile({ measure, value: 40, ageYears: age, sex }).ok, `${measure} ${sex} ${age}`);
      }
    }
  });

  it('answers with a reason outside the tables’ ages or for a non-finite value', () => {
    assert.deepEqual(populationPercentile({ measure: 'vo2max', value: 40, ageYears: 19, sex: 'female' }), { ok: false, reason: 'no norms for this age' });
    assert.deepEqual(populationPercentile({ measure: 'vo2max', value: 40, ageYears: 80, sex: 'male' }), { ok: false, reason: 'no norms for this age' });
    assert.deepEqual(populationPercentile({ measure: 'vo2max', value: Number.NaN, ageYears: 40, sex: 'male' }), { ok: false, reason: 'not a finite value' });
  });
});

describe('step activity level', () => {
  it('follows the Tudor-Locke & Bassett bands', () => {
    assert.deepEqual([0, 4999, 5000, 7499, 7500, 9999, 10000, 12499, 12500, 40000].map(stepActivityLevel), [
      'sedentary', 'sedentary', 'low active', 'low active', 'somewhat active', 'somewhat active', 'active', 'active', 'highly active', 'highly active',
    ]);
    assert.equal(stepActivityLevel(-1), undefined);
    assert.equal(stepActivityLevel(Number.NaN), undefined);
  });
});
