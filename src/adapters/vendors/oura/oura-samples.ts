import type { SampleInput, VendorDocument } from '../vendor-adapter.ts';
import { VendorDocumentInvalid } from '../vendor-errors.ts';
import { collectSamples, readDocument, statedOffsetMinutes, type SampleCollector } from '../vendor-samples.ts';
import { OURA, isOuraResource } from './oura-api.ts';
import { ouraDailyActivity, ouraDailyReadiness, ouraDailySleep, ouraDailySpo2, ouraHeartRate, ouraSleep, ouraWorkout } from './oura-documents.ts';
import { hypnogramStages } from './oura-hypnogram.ts';

/** Sleep periods that are sleep: `rest` is a rest period, `deleted` one the person removed. */
const SLEEP_TYPES = new Set(['long_sleep', 'sleep', 'late_nap']);

/**
 * An Oura document as samples (source `oura`). Oura keeps no revision time, so a document's
 * samples are recorded at its fetch: the later fetch of a re-scored night wins.
 */
export function mapOuraDocument(document: VendorDocument): SampleInput[] {
  const { resource, body } = document;
  if (!isOuraResource(resource)) throw new VendorDocumentInvalid(OURA, resource, ['resource']);
  const collector = collectSamples({ source: OURA, externalId: document.id, recordedAt: document.fetchedAt });
  const mappers = { daily_activity: dailyActivity, daily_sleep: dailySleep, daily_readiness: dailyReadiness, daily_spo2: dailySpo2, sleep, heartrate, workout };
  mappers[resource](collector, body);
  return collector.samples;
}

/** Daily documents count for their `day`, at the offset Oura's timestamp states (when it states one). */
function onDay(day: string, timestamp: string | null | undefined) {
  const utcOffsetMinutes = timestamp ? statedOffsetMinutes(timestamp) : undefined;
  return { start: day, ...(utcOffsetMinutes !== undefined && { utcOffsetMinutes }) };
}

function dailyActivity(out: SampleCollector, body: unknown): void {
  const doc = readDocument(OURA, 'daily_activity', ouraDailyActivity, body);
  const time = onDay(doc.day, doc.timestamp);
  out.add('steps', doc.steps, '{steps}', time);
  out.add('active_energy', doc.active_calories, 'kcal', time);
  out.add('total_energy', doc.total_calories, 'kcal', time);
  out.add('oura_activity_score', doc.score, '{score}', time);
}

function dailySleep(out: SampleCollector, body: unknown): void {
  const doc = readDocument(OURA, 'daily_sleep', ouraDailySleep, body);
  out.add('oura_sleep_score', doc.score, '{score}', onDay(doc.day, doc.timestamp));
}

function dailyReadiness(out: SampleCollector, body: unknown): void {
  const doc = readDocument(OURA, 'daily_readiness', ouraDailyReadiness, body);
  const time = onDay(doc.day, doc.timestamp);
  out.add('oura_readiness_score', doc.score, '{score}', time);
  out.add('temperature_deviation', doc.temperature_deviation, 'Cel', time);
}

function dailySpo2(out: SampleCollector, body: unknown): void {
  const doc = readDocument(OURA, 'daily_spo2', ouraDailySpo2, body);
  out.add('spo2', doc.spo2_percentage?.average, '%', onDay(doc.day, undefined));
}

function sleep(out: SampleCollector, body: unknown): void {
  const doc = readDocument(OURA, 'sleep', ouraSleep, body);
  if (!SLEEP_TYPES.has(doc.type)) return;
  const night = { start: doc.bedtime_start, end: doc.bedtime_end };
  out.add('sleep_session', doc.total_sleep_duration, 's', night);
  out.add('sleep_duration', doc.total_sleep_duration, 's', night);
  out.add('time_in_bed', doc.time_in_bed, 's', night);
  out.add('sleep_light', doc.light_sleep_duration, 's', night);
  out.add('sleep_deep', doc.deep_sleep_duration, 's', night);
  out.add('sleep_rem', doc.rem_sleep_duration, 's', night);
  out.add('sleep_awake', doc.awake_time, 's', night);

  const offset = statedOffsetMinutes(doc.bedtime_start);
  const stages = hypnogramStages(doc.sleep_phase_5_min ?? '', Date.parse(doc.bedtime_start));
  stages.forEach((span, index) => {
    const time = { start: new Date(span.startMs).toISOString(), end: new Date(span.endMs).toISOString(), ...(offset !== undefined && { utcOffsetMinutes: offset }) };
    out.add('sleep_stage', span.stage, undefined, time, `${doc.id}:stage:${index}`);
  });

  // Per-night physiology of the main sleep only (a nap would drag the day's value), stamped at
  // wake-up so it lands on the morning's local day, where Oura shows it.
  if (doc.type !== 'long_sleep') return;
  const wake = { start: doc.bedtime_end };
  out.add('hrv_rmssd', doc.average_hrv, 'ms', wake);
  out.add('resting_heart_rate', doc.lowest_heart_rate, '/min', wake);
  out.add('respiratory_rate', doc.average_breath, '/min', wake);
}

function heartrate(out: SampleCollector, body: unknown): void {
  const doc = readDocument(OURA, 'heartrate', ouraHeartRate, body);
  out.add('heart_rate', doc.bpm, '/min', { start: doc.timestamp });
}

/** Workout calories are already in daily_activity's total from the same source: only the minutes are new. */
function workout(out: SampleCollector, body: unknown): void {
  const doc = readDocument(OURA, 'workout', ouraWorkout, body);
  const minutes = (Date.parse(doc.end_datetime) - Date.parse(doc.start_datetime)) / 60_000;
  out.add('exercise_minutes', minutes, 'min', { start: doc.start_datetime, end: doc.end_datetime });
}
