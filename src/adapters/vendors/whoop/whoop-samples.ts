import type { SampleInput, VendorDocument } from '../vendor-adapter.ts';
import { VendorDocumentInvalid } from '../vendor-errors.ts';
import { collectSamples, readDocument } from '../vendor-samples.ts';
import { WHOOP, isWhoopResource } from './whoop-api.ts';
import { whoopCycle, whoopRecoveryDocument, whoopSleep, whoopWorkout } from './whoop-documents.ts';
import { cycleDay, designatorMinutes } from './whoop-time.ts';

/** A WHOOP document as samples (source `whoop`), recorded at the document's `updated_at`. */
export function mapWhoopDocument(document: VendorDocument): SampleInput[] {
  const { resource, id, body } = document;
  if (!isWhoopResource(resource)) throw new VendorDocumentInvalid(WHOOP, resource, ['resource']);
  const mappers = { cycle, sleep, recovery, workout };
  return mappers[resource](id, body);
}

function cycle(id: string, body: unknown): SampleInput[] {
  const doc = readDocument(WHOOP, 'cycle', whoopCycle, body);
  const out = collectSamples({ source: WHOOP, externalId: id, recordedAt: doc.updated_at });
  if (doc.score_state !== 'SCORED' || !doc.score) return out.samples;
  const utcOffsetMinutes = designatorMinutes(doc.timezone_offset);
  out.add('whoop_strain', doc.score.strain, '{score}', { start: cycleDay(doc.start, utcOffsetMinutes), utcOffsetMinutes });
  // A cycle still running has a partial energy total over no fixed interval: wait for its end.
  if (doc.end) out.add('total_energy', doc.score.kilojoule, 'kJ', { start: doc.start, end: doc.end, utcOffsetMinutes });
  return out.samples;
}

function sleep(id: string, body: unknown): SampleInput[] {
  const doc = readDocument(WHOOP, 'sleep', whoopSleep, body);
  const out = collectSamples({ source: WHOOP, externalId: id, recordedAt: doc.updated_at });
  if (doc.score_state !== 'SCORED' || !doc.score) return out.samples;
  const utcOffsetMinutes = designatorMinutes(doc.timezone_offset);
  const night = { start: doc.start, end: doc.end, utcOffsetMinutes };
  const stages = doc.score.stage_summary;
  const asleep = stages.total_light_sleep_time_milli + stages.total_slow_wave_sleep_time_milli + stages.total_rem_sleep_time_milli;
  out.add('sleep_session', asleep, 'ms', night);
  out.add('sleep_duration', asleep, 'ms', night);
  out.add('time_in_bed', stages.total_in_bed_time_milli, 'ms', night);
  out.add('sleep_light', stages.total_light_sleep_time_milli, 'ms', night);
  out.add('sleep_deep', stages.total_slow_wave_sleep_time_milli, 'ms', night);
  out.add('sleep_rem', stages.total_rem_sleep_time_milli, 'ms', night);
  out.add('sleep_awake', stages.total_awake_time_milli, 'ms', night);
  // Per-night values of the main sleep only (a nap would drag the day's value); the
  // respiratory rate is stamped at wake-up so it lands on the morning's local day.
  if (doc.nap) return out.samples;
  out.add('whoop_sleep_performance', doc.score.sleep_performance_percentage, '%', night);
  out.add('respiratory_rate', doc.score.respiratory_rate, '/min', { start: doc.end, utcOffsetMinutes });
  return out.samples;
}

/** Scored on waking from the sleep it carries: stamped at that sleep's end, in its offset. */
function recovery(id: string, body: unknown): SampleInput[] {
  const { recovery: doc, sleep: scoredFrom } = readDocument(WHOOP, 'recovery', whoopRecoveryDocument, body);
  const out = collectSamples({ source: WHOOP, externalId: id, recordedAt: doc.updated_at });
  if (doc.score_state !== 'SCORED' || !doc.score) return out.samples;
  const wake = { start: scoredFrom.end, utcOffsetMinutes: designatorMinutes(scoredFrom.timezone_offset) };
  out.add('whoop_recovery_score', doc.score.recovery_score, '%', wake);
  out.add('resting_heart_rate', doc.score.resting_heart_rate, '/min', wake);
  out.add('hrv_rmssd', doc.score.hrv_rmssd_milli, 'ms', wake);
  out.add('spo2', doc.score.spo2_percentage, '%', wake);
  out.add('skin_temperature', doc.score.skin_temp_celsius, 'Cel', wake);
  return out.samples;
}

/** Workout energy is already in its cycle's total from the same source: only the minutes are new. */
function workout(id: string, body: unknown): SampleInput[] {
  const doc = readDocument(WHOOP, 'workout', whoopWorkout, body);
  const out = collectSamples({ source: WHOOP, externalId: id, recordedAt: doc.updated_at });
  const minutes = (Date.parse(doc.end) - Date.parse(doc.start)) / 60_000;
  out.add('exercise_minutes', minutes, 'min', { start: doc.start, end: doc.end, utcOffsetMinutes: designatorMinutes(doc.timezone_offset) });
  return out.samples;
}
