import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleInput } from '../../../contracts/ingest.ts';
import { normalizeSample, type CanonicalSample } from '../../../domain/ingest/index.ts';
import { fixture } from '../../../../test/fakes/fixtures.ts';
import type { SampleInput, VendorDocument } from '../vendor-adapter.ts';
import { VendorDocumentInvalid } from '../vendor-errors.ts';
import { mapWhoopDocument } from './whoop-samples.ts';
import { cycleDay, designatorMinutes } from './whoop-time.ts';

/** Far from the fixtures' Tokyo offset, so a local day can only come from WHOOP's timezone_offset. */
const PERSON_ZONE = 'America/New_York';

type Doc = Record<string, unknown>;
const docs = (name: string) => fixture<Doc[]>('whoop', name);
const sleeps = docs('sleep');
const documentOf = (resource: string, id: string, body: unknown): VendorDocument => ({ vendor: 'whoop', resource, id, fetchedAt: '2024-01-12T09:00:00.000Z', body });
const cycle = (index: number) => mapWhoopDocument(documentOf('cycle', String(docs('cycle')[index]!.id), docs('cycle')[index]));
const sleep = (index: number) => mapWhoopDocument(documentOf('sleep', String(sleeps[index]!.id), sleeps[index]));
/** A recovery travels with the sleep it was scored from (see whoop-adapter.ts). */
function recovery(index: number): SampleInput[] {
  const body = docs('recovery')[index]!;
  const scoredFrom = sleeps.find((s) => s.id === body.sleep_id);
  return mapWhoopDocument(documentOf('recovery', String(body.sleep_id), { recovery: body, sleep: scoredFrom }));
}

function canonical(sample: SampleInput): CanonicalSample {
  const result = normalizeSample(sample, { timeZone: PERSON_ZONE });
  assert.ok(result.ok, result.ok ? '' : `${sample.metric}: ${result.rejection.reason}`);
  return result.sample;
}
const byMetric = (samples: SampleInput[]) => new Map(samples.map((s) => [s.metric, canonical(s)]));

describe('mapWhoopDocument', () => {
  it('maps every fixture document to samples the ingest contract and normalization accept', () => {
    const all = [...docs('cycle').map((_, i) => cycle(i)), ...sleeps.map((_, i) => sleep(i)), ...docs('recovery').map((_, i) => recovery(i))].flat();
    const workouts = docs('workout').flatMap((w) => mapWhoopDocument(documentOf('workout', String(w.id), w)));
    for (const sample of [...all, ...workouts]) {
      assert.doesNotThrow(() => sampleInput.parse(sample), sample.metric);
      assert.equal(sample.source, 'whoop');
      canonical(sample);
    }
    assert.ok(all.length > 20);
  });

  it('puts a cycle’s strain on the day the person wakes into, at WHOOP’s offset', () => {
    const samples = byMetric(cycle(1));
    const strain = samples.get('whoop_strain');
    // The cycle starts at 23:10 in Tokyo on the 9th: it is the 10th's day.
    assert.deepEqual([strain?.value, strain?.unit, strain?.localDate, strain?.utcOffsetMinutes], [14.8, '{score}', '2024-01-10', 540]);
    const energy = samples.get('total_energy');
    assert.equal(energy?.unit, 'kcal');
    assert.ok(Math.abs((energy?.value ?? 0) - 9800.25 / 4.184) < 1e-9);
    assert.equal(cycle(1)[0]?.recordedAt, '2024-01-10T23:00:00.000Z');
  });

  it('gives a running cycle its strain but no energy yet, and an unscored one nothing', () => {
    assert.deepEqual(cycle(3).map((s) => s.metric), ['whoop_strain']);
    assert.deepEqual(cycle(2), []);
  });

  it('maps a scored night to a session and totals from the stage summary', () => {
    const night = byMetric(sleep(1));
    const minutes = Object.fromEntries(['sleep_session', 'sleep_duration', 'time_in_bed', 'sleep_light', 'sleep_deep', 'sleep_rem', 'sleep_awake'].map((m) => [m, night.get(m)?.value]));
    assert.deepEqual(minutes, { sleep_session: 440, sleep_duration: 440, time_in_bed: 475, sleep_light: 240, sleep_deep: 90, sleep_rem: 110, sleep_awake: 35 });
    assert.equal(night.get('sleep_session')?.localDate, '2024-01-10');
    assert.equal(night.get('whoop_sleep_performance')?.value, 94);
    const breathing = night.get('respiratory_rate');
    assert.deepEqual([breathing?.value, breathing?.start, breathing?.localDate], [15.2, '2024-01-09T22:05:00.000Z', '2024-01-10']);
    assert.equal(sleep(1)[0]?.recordedAt, '2024-01-10T01:12:00.000Z');
  });

  it('counts a nap as sleep but not as the night’s performance or breathing', () => {
    const nap = sleep(2).map((s) => s.metric);
    assert.ok(nap.includes('sleep_session'));
    assert.ok(!nap.includes('whoop_sleep_performance') && !nap.includes('respiratory_rate'));
    assert.deepEqual(sleep(3), [], 'a sleep pending its score gives nothing yet');
  });

  it('stamps a recovery at the end of the sleep it was scored from, HRV as RMSSD', () => {
    const samples = recovery(1);
    const values = byMetric(samples);
    assert.deepEqual(
      ['whoop_recovery_score', 'resting_heart_rate', 'hrv_rmssd', 'spo2', 'skin_temperature'].map((m) => [m, values.get(m)?.value, values.get(m)?.unit]),
      [
        ['whoop_recovery_score', 72, '%'],
        ['resting_heart_rate', 51, '/min'],
        ['hrv_rmssd', 68.4, 'ms'],
        ['spo2', 96.7, '%'],
        ['skin_temperature', 33.4, 'Cel'],
      ],
    );
    assert.ok(!values.has('hrv_sdnn'));
    for (const sample of samples) {
      assert.equal(sample.start, '2024-01-09T22:05:00.000Z');
      assert.equal(sample.externalId, sleeps[1]!.id);
      assert.equal(canonical(sample).localDate, '2024-01-10');
    }
    assert.deepEqual(recovery(2), []);
  });

  it('skips the optional readings a recovery lacks (WHOOP 3.0 measures no SpO2 or skin temperature)', () => {
    const metrics = recovery(0).map((s) => s.metric);
    assert.deepEqual(metrics, ['whoop_recovery_score', 'resting_heart_rate', 'hrv_rmssd']);
  });

  it('maps a workout to its minutes only (its energy is in the cycle total)', () => {
    const workout = docs('workout')[0]!;
    assert.deepEqual(mapWhoopDocument(documentOf('workout', String(workout.id), workout)).map((s) => [s.metric, s.value, s.utcOffsetMinutes]), [['exercise_minutes', 45, 540]]);
  });

  it('refuses a document without the documented shape, naming the field', () => {
    const { timezone_offset: _dropped, ...broken } = docs('cycle')[1]!;
    assert.throws(() => mapWhoopDocument(documentOf('cycle', '1', broken)), (error: unknown) => error instanceof VendorDocumentInvalid && error.paths.includes('timezone_offset'));
    assert.throws(() => mapWhoopDocument(documentOf('recovery', 'x', docs('recovery')[1])), (error: unknown) => error instanceof VendorDocumentInvalid && error.paths.includes('recovery'));
  });
});

describe('WHOOP time', () => {
  it('reads timezone_offset designators', () => {
    assert.equal(designatorMinutes('+09:00'), 540);
    assert.equal(designatorMinutes('-05:30'), -330);
    assert.equal(designatorMinutes('Z'), 0);
  });

  it('gives a cycle that starts in the evening to the next day, one after midnight to its own', () => {
    assert.equal(cycleDay('2024-01-09T14:10:00.000Z', 540), '2024-01-10');
    assert.equal(cycleDay('2024-01-09T16:30:00.000Z', 540), '2024-01-10');
    assert.equal(cycleDay('2024-01-09T03:00:00.000Z', 540), '2024-01-09');
  });
});
