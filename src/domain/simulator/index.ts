/**
 * The built-in `simulator` source: plausible data for one person, with no device and no
 * credentials. Pure and deterministic (a seed, never Math.random or a clock); every day is a
 * function of the seed and its date alone, so a backfill and a live stream agree sample for
 * sample. To backfill up to now and carry on live without a gap or a duplicate:
 *
 *   for (const day of generateBackfill(profile, { from, to: today, seed, now })) ingest(day.samples);
 *   const live = createLiveSimulator(profile, seed, { since: now });   // then live.next(clock.now()) every few seconds
 *
 * A backfill reads heart rate every 60 s by default and a live simulator every 5 s; over a
 * window both cover they agree sample for sample when given the same heartRateIntervalSeconds.
 */
export { generateBackfill, BACKFILL_HEART_RATE_SECONDS, type BackfillOptions, type SimulatedDay } from './backfill.ts';
export { createLiveSimulator, resumeLiveSimulator, LIVE_HEART_RATE_SECONDS, type LiveOptions, type LiveSimulator, type LiveSimulatorState } from './live.ts';
export { checkProfile, type PersonProfile, type Body } from './profile.ts';
export type { Residence } from './local-time.ts';
export type { SimulationOptions } from './simulation.ts';
export { SIMULATOR_SOURCE, type SampleInput } from './sample-writer.ts';
