import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { METRICS, getMetric } from './catalog.ts';
import { unitByCode } from './units.ts';

describe('metric catalog', () => {
  it('names at least 35 metrics, each id once, in snake_case', () => {
    assert.ok(METRICS.length >= 35, `only ${METRICS.length} metrics`);
    const ids = METRICS.map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it('has every id the API contract promises', () => {
    const contract = ['steps', 'distance', 'active_energy', 'heart_rate', 'resting_heart_rate', 'hrv_rmssd', 'hrv_sdnn', 'respiratory_rate', 'spo2', 'weight', 'body_fat', 'sleep_duration', 'time_in_bed', 'sleep_stage', 'mood'];
    for (const id of contract) assert.ok(getMetric(id), `missing ${id}`);
  });

  it('gives every metric a known canonical unit, a sane range and a consistent shape', () => {
    for (const m of METRICS) {
      assert.ok(unitByCode(m.unit), `${m.id}: unit ${m.unit} unknown`);
      assert.ok(m.range.min < m.range.max, `${m.id}: empty range`);
      assert.ok(m.maxDurationHours > 0);
      if (m.additive) {
        assert.equal(m.kind, 'interval', `${m.id}: additive but not interval`);
        assert.equal(m.aggregation, 'sum');
        assert.ok(m.range.min >= 0, `${m.id}: additive values must not be negative`);
      }
      if (m.categories && !m.additive) assert.equal(m.aggregation, 'duration', m.id);
      if (m.aggregation === 'duration') assert.ok(m.categories, `${m.id}: duration needs categories`);
      if (m.loinc !== undefined) assert.match(m.loinc, /^\d{1,7}-\d$/, `${m.id}: ${m.loinc}`);
    }
  });

  it('carries the LOINC codes of the design and none for RMSSD', () => {
    const expected: Record<string, string> = {
      heart_rate: '8867-4',
      resting_heart_rate: '40443-4',
      hrv_sdnn: '80404-7',
      steps: '55423-8',
      weight: '29463-7',
      spo2: '59408-5',
      respiratory_rate: '9279-1',
      sleep_duration: '93832-4',
      sleep_deep: '93831-6',
      sleep_light: '93830-8',
      sleep_rem: '93829-0',
    };
    for (const [id, loinc] of Object.entries(expected)) assert.equal(getMetric(id)?.loinc, loinc, id);
    assert.equal(getMetric('hrv_rmssd')?.loinc, undefined);
  });

  it('keeps HRV RMSSD and SDNN apart, and every vendor score its own metric', () => {
    assert.notEqual(getMetric('hrv_rmssd'), getMetric('hrv_sdnn'));
    const scores = METRICS.filter((m) => m.vendor !== undefined);
    assert.ok(scores.length >= 5);
    for (const score of scores) assert.ok(score.id.startsWith(`${score.vendor}_`), score.id);
  });

  it('merges activity and nutrition by interval, and readings by source', () => {
    for (const id of ['steps', 'distance', 'active_energy', 'basal_energy', 'floors', 'exercise_minutes', 'dietary_energy', 'dietary_water']) {
      assert.equal(getMetric(id)?.additive, true, id);
    }
    for (const id of ['heart_rate', 'weight', 'spo2', 'mood', 'sleep_stage', 'oura_readiness_score']) assert.equal(getMetric(id)?.additive, false, id);
    assert.equal(getMetric('weight')?.aggregation, 'last');
    assert.equal(getMetric('heart_rate')?.aggregation, 'mean');
  });

  it('puts sleep on the morning it ends and requires its end', () => {
    for (const id of ['sleep_session', 'sleep_stage', 'sleep_duration', 'time_in_bed']) assert.equal(getMetric(id)?.localDay, 'sleep', id);
    assert.equal(getMetric('sleep_stage')?.requiresEnd, true);
    assert.equal(getMetric('steps')?.localDay, 'start');
  });

  it('keeps workouts as categorical intervals merged across sources, their statistics and HRV beats as details', () => {
    const workout = getMetric('workout');
    assert.deepEqual([workout?.kind, workout?.additive, workout?.requiresEnd, workout?.details], ['interval', true, true, 'workout']);
    assert.ok(workout?.categories?.includes('running') && workout.categories.includes('other'));
    assert.equal(getMetric('hrv_sdnn')?.details, 'beat_series');
    assert.deepEqual(METRICS.filter((m) => m.details !== undefined).map((m) => m.id).sort(), ['hrv_sdnn', 'workout']);
  });

  it('does not resolve prototype keys as metrics', () => {
    assert.equal(getMetric('constructor'), undefined);
    assert.equal(getMetric('__proto__'), undefined);
  });
});
