import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleInput } from '../../../contracts/ingest.ts';
import { normalizeSample, type CanonicalSample } from '../../../domain/ingest/index.ts';
import { fixture } from '../../../../test/fakes/fixtures.ts';
import type { SampleInput, VendorDocument } from '../vendor-adapter.ts';
import { VendorDocumentInvalid } from '../vendor-errors.ts';
import { OURA_RESOURCES } from './oura-api.ts';
import { mapOuraDocument } from './oura-samples.ts';

const FETCHED_AT = '2024-01-12T09:00:00.000Z';
/** Far from the fixtures' New York offset, so a local day can only come from Oura's own offset. */
const PERSON_ZONE = 'Asia/Tokyo';

type Doc = Record<string, unknown>;
const docs = (resource: string) => fixture<Doc[]>('oura', resource);
const documentOf = (resource: string, body: Doc): VendorDocument => ({
  vendor: 'oura',
  resource,
  id: String(body.id ?? body.timestamp),
  fetchedAt: FETCHED_AT,
  body,
});
const map = (resource: string, index = 0) => mapOuraDocument(documentOf(resource, docs(resource)[index]!));

function canonical(sample: SampleInput): CanonicalSample {
  const result = normalizeSample(sample, { timeZone: PERSON_ZONE });
  assert.ok(result.ok, result.ok ? '' : `${sample.metric}: ${result.rejection.reason}`);
  return result.sample;
}
const byMetric = (samples: SampleInput[]) => new Map(samples.map((s) => [s.metric, canonical(s)]));

describe('mapOuraDocument', () => {
  it('maps every fixture document to samples the ingest contract and normalization accept', () => {
    for (const resource of Object.keys(OURA_RESOURCES)) {
      for (const body of docs(resource)) {
        for (const sample of mapOuraDocument(documentOf(resource, body))) {
          assert.doesNotThrow(() => sampleInput.parse(sample), `${resource} ${sample.metric}`);
          assert.equal(sample.source, 'oura');
          assert.equal(sample.recordedAt, FETCHED_AT);
          canonical(sample);
        }
      }
    }
  });

  it('puts daily activity on its day at the offset Oura states, not the person zone', () => {
    const samples = map('daily_activity');
    assert.deepEqual(samples.map((s) => s.metric).sort(), ['active_energy', 'oura_activity_score', 'steps', 'total_energy']);
    const steps = samples.find((s) => s.metric === 'steps')!;
    assert.deepEqual(
      { value: steps.value, unit: steps.unit, start: steps.start, utcOffsetMinutes: steps.utcOffsetMinutes, externalId: steps.externalId },
      { value: 9120, unit: '{steps}', start: '2024-01-08', utcOffsetMinutes: -300, externalId: docs('daily_activity')[0]!.id },
    );
    const day = canonical(steps);
    assert.deepEqual([day.localDate, day.wholeDay, day.start, day.end], ['2024-01-08', true, '2024-01-08T05:00:00.000Z', '2024-01-09T05:00:00.000Z']);
    assert.equal(byMetric(samples).get('active_energy')?.value, 400);
  });

  it('keeps scores as their own metrics and skips a score Oura left out', () => {
    assert.equal(byMetric(map('daily_sleep')).get('oura_sleep_score')?.value, 84);
    assert.deepEqual(map('daily_sleep', 2), []);
    const readiness = byMetric(map('daily_readiness'));
    assert.equal(readiness.get('oura_readiness_score')?.value, 86);
    assert.equal(readiness.get('temperature_deviation')?.value, -0.21);
    assert.equal(readiness.get('temperature_deviation')?.unit, 'Cel');
  });

  it('reads the SpO2 average as a percentage, and nothing when Oura has none', () => {
    const spo2 = byMetric(map('daily_spo2')).get('spo2');
    assert.deepEqual([spo2?.value, spo2?.unit, spo2?.localDate], [96.412, '%', '2024-01-10']);
    assert.deepEqual(map('daily_spo2', 1), []);
  });

  it('maps a night to a session, totals in minutes and morning-day physiology', () => {
    const night = byMetric(map('sleep').filter((s) => s.metric !== 'sleep_stage'));
    const minutes = Object.fromEntries(['sleep_session', 'sleep_duration', 'time_in_bed', 'sleep_light', 'sleep_deep', 'sleep_rem', 'sleep_awake'].map((m) => [m, night.get(m)?.value]));
    assert.deepEqual(minutes, { sleep_session: 440, sleep_duration: 440, time_in_bed: 475, sleep_light: 240, sleep_deep: 80, sleep_rem: 120, sleep_awake: 35 });
    assert.equal(night.get('sleep_session')?.localDate, '2024-01-10');
    assert.equal(night.get('sleep_session')?.start, '2024-01-10T04:10:00.000Z');

    const hrv = night.get('hrv_rmssd');
    assert.deepEqual([hrv?.value, hrv?.unit, hrv?.start, hrv?.localDate], [48, 'ms', '2024-01-10T12:05:00.000Z', '2024-01-10']);
    assert.equal(night.get('resting_heart_rate')?.value, 49);
    assert.equal(night.get('respiratory_rate')?.value, 14.625);
    assert.equal(night.has('hrv_sdnn'), false);
  });

  it('turns the hypnogram into stage intervals that add up to the night', () => {
    const stages = map('sleep').filter((s) => s.metric === 'sleep_stage');
    assert.equal(stages.length, 13);
    assert.deepEqual(stages.slice(0, 2).map((s) => [s.value, s.start, s.end, s.utcOffsetMinutes]), [
      ['awake', '2024-01-10T04:10:00.000Z', '2024-01-10T04:20:00.000Z', -300],
      ['light', '2024-01-10T04:20:00.000Z', '2024-01-10T05:20:00.000Z', -300],
    ]);
    assert.equal(new Set(stages.map((s) => s.externalId)).size, stages.length, 'each stage keeps its own id');
    const totals: Record<string, number> = {};
    for (const stage of stages.map(canonical)) {
      assert.equal(stage.localDate, '2024-01-10', 'every stage counts towards the morning');
      totals[stage.category!] = (totals[stage.category!] ?? 0) + stage.value;
    }
    assert.deepEqual(totals, { awake: 35, light: 240, deep: 80, rem: 120 });
  });

  it('keeps a nap as sleep but not as the day’s physiology, and ignores rest periods', () => {
    const nap = map('sleep', 1).map((s) => s.metric);
    assert.ok(nap.includes('sleep_session') && nap.includes('sleep_stage'));
    assert.ok(!nap.includes('hrv_rmssd') && !nap.includes('resting_heart_rate') && !nap.includes('respiratory_rate'));
    assert.deepEqual(map('sleep', 2), []);
  });

  it('maps heart rate readings and workout minutes', () => {
    const reading = canonical(map('heartrate')[0]!);
    assert.deepEqual([reading.metric, reading.value, reading.unit, reading.start], ['heart_rate', 54, '/min', '2024-01-10T11:00:00.000Z']);
    const workout = map('workout');
    assert.deepEqual(workout.map((s) => [s.metric, s.value]), [['exercise_minutes', 45]]);
    assert.equal(canonical(workout[0]!).localDate, '2024-01-10');
  });

  it('refuses a document without the documented shape, naming the field', () => {
    const { bedtime_end: _dropped, ...broken } = docs('sleep')[0]!;
    assert.throws(() => mapOuraDocument(documentOf('sleep', broken)), (error: unknown) => error instanceof VendorDocumentInvalid && error.paths.includes('bedtime_end'));
    assert.throws(() => mapOuraDocument(documentOf('session', docs('sleep')[0]!)), VendorDocumentInvalid);
  });
});
