import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeSample } from './normalize.ts';
import type { CanonicalSample, Rejection } from './sample.ts';
import { MAX_BEATS } from './sample-details.ts';

const context = { timeZone: 'America/Los_Angeles' };

function accepted(raw: unknown): CanonicalSample {
  const result = normalizeSample(raw, context);
  assert.ok(result.ok, result.ok ? '' : `${result.rejection.field}: ${result.rejection.reason}`);
  return result.sample;
}

function rejected(raw: unknown): Rejection {
  const result = normalizeSample(raw, context);
  assert.equal(result.ok, false, `accepted: ${JSON.stringify(raw)}`);
  return result.ok ? { code: 'malformed', field: '', reason: '' } : result.rejection;
}

const run = {
  metric: 'workout',
  value: 'running',
  start: '2024-03-09T23:40:00-08:00',
  end: '2024-03-10T00:25:00-08:00',
  source: 'Watch',
  details: {
    activityName: 'HKWorkoutActivityTypeRunning',
    statistics: {
      activeEnergy: { value: 1500, unit: 'kJ' },
      distance: { value: '3.1', unit: 'mi' },
      heartRateAverage: { value: 150, unit: 'count/min' },
      heartRateMax: { value: 171, unit: 'count/min' },
      duration: { value: 0.7, unit: 'h' },
    },
  },
};

const hrv = {
  metric: 'hrv_sdnn',
  value: 48.2,
  unit: 'ms',
  start: '2024-03-09T23:14:05-08:00',
  end: '2024-03-09T23:15:06-08:00',
  source: 'Watch',
  details: { beats: [{ t: '2024-03-10T07:14:08.100Z', bpm: 61 }, { t: '2024-03-09T23:14:07.120-08:00', bpm: 58 }] },
};

describe('sample details', () => {
  it('keeps a workout as minutes of its activity, its statistics in canonical units', () => {
    const sample = accepted(run);
    assert.equal(sample.value, 45);
    assert.equal(sample.category, 'running');
    assert.equal(sample.localDate, '2024-03-09', 'a workout counts on the day it started');
    assert.equal(sample.details?.activityName, 'HKWorkoutActivityTypeRunning');
    const stats = sample.details?.statistics;
    assert.ok(Math.abs(stats!.activeEnergy!.value - 1500 / 4.184) < 1e-9);
    assert.ok(Math.abs(stats!.distance!.value - 3.1 * 1609.344) < 1e-9);
    assert.deepEqual([stats?.activeEnergy?.unit, stats?.distance?.unit, stats?.heartRateAverage, stats?.heartRateMax], ['kcal', 'm', { value: 150, unit: '/min' }, { value: 171, unit: '/min' }]);
    assert.ok(Math.abs(stats!.duration!.value - 42) < 1e-9);
    assert.deepEqual(stats?.duration?.unit, 'min');
  });

  it('puts an HRV reading’s beats in time order as UTC instants', () => {
    assert.deepEqual(accepted(hrv).details, {
      beats: [
        { t: '2024-03-10T07:14:07.120Z', bpm: 58 },
        { t: '2024-03-10T07:14:08.100Z', bpm: 61 },
      ],
    });
  });

  it('leaves out details that say nothing', () => {
    assert.equal(accepted({ ...run, details: { statistics: {} } }).details, undefined);
    assert.equal(accepted({ ...hrv, details: null }).details, undefined);
  });

  it('refuses details a metric does not carry, or fields of another metric’s', () => {
    assert.deepEqual(rejected({ ...hrv, metric: 'heart_rate', unit: '/min', value: 60 }), { code: 'malformed', field: 'details', reason: 'heart_rate carries no details' });
    assert.equal(rejected({ ...run, details: { beats: [] } }).field, 'details.beats');
    assert.equal(rejected({ ...run, details: 'fast' }).field, 'details');
  });

  it('refuses a statistic it does not know, one in the wrong unit or out of range, naming it', () => {
    assert.equal(rejected({ ...run, details: { statistics: { cadence: { value: 170, unit: '/min' } } } }).field, 'details.statistics.cadence');
    const wrongUnit = rejected({ ...run, details: { statistics: { distance: { value: 5, unit: 'kcal' } } } });
    assert.deepEqual([wrongUnit.code, wrongUnit.field], ['wrong_unit', 'details.statistics.distance.unit']);
    const noUnit = rejected({ ...run, details: { statistics: { activeEnergy: { value: 300 } } } });
    assert.deepEqual([noUnit.code, noUnit.field], ['missing_unit', 'details.statistics.activeEnergy.unit']);
    const implausible = rejected({ ...run, details: { statistics: { heartRateMax: { value: 400, unit: '/min' } } } });
    assert.deepEqual([implausible.code, implausible.field], ['implausible_value', 'details.statistics.heartRateMax.value']);
  });

  it('refuses a beat outside its reading, without an offset, implausible, or too many', () => {
    const beat = (t: string, bpm: number) => ({ ...hrv, details: { beats: [{ t, bpm }] } });
    assert.deepEqual(rejected(beat('2024-03-10T08:14:08Z', 60)).code, 'implausible_time');
    assert.deepEqual(rejected(beat('2024-03-09T23:14:08', 60)).field, 'details.beats[0].t');
    assert.deepEqual(rejected(beat('2024-03-10T07:14:08Z', 900)).field, 'details.beats[0].bpm');
    const many = Array.from({ length: MAX_BEATS + 1 }, () => ({ t: '2024-03-10T07:14:08Z', bpm: 60 }));
    assert.equal(rejected({ ...hrv, details: { beats: many } }).field, 'details.beats');
  });

  it('refuses a workout category it does not know', () => {
    assert.equal(rejected({ ...run, value: 'HKWorkoutActivityTypeRunning' }).code, 'invalid_value');
  });
});
