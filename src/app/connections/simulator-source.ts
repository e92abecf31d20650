import { checkProfile, createLiveSimulator, type Body, type PersonProfile } from '../../domain/simulator/index.ts';
import { AppError } from '../errors.ts';
import type { SyncSource } from './sync-source.ts';

/** The simulator's one resource: everything it simulates. */
export const SIMULATOR_RESOURCE = 'samples';

/** A heart-rate reading a minute, as a backfill reads; every few seconds would be ~17,000 samples a day. */
const HEART_RATE_SECONDS = 60;
/** A page is one day of samples (about 1,700). */
const PAGE_MS = 86_400_000;

/** Who is simulated when the person does not say. */
export const DEFAULT_BODY: Body = { age: 35, sex: 'female', fitness: 0.5, weightKg: 68 };

/** What a simulator connection keeps in its settings. */
export interface SimulatorSettings {
  profile: PersonProfile;
}

/** The person's body (or the default one) in their zone; refuses a body out of bounds (400). */
export function simulatorSettings(body: Body | undefined, timeZone: string): SimulatorSettings {
  const profile: PersonProfile = { ...(body ?? DEFAULT_BODY), timeZone };
  try {
    checkProfile(profile);
  } catch (error) {
    if (error instanceof RangeError) throw new AppError('validation_failed', error.message);
    throw error;
  }
  return { profile };
}

/**
 * The samples that fall due in a run's window, a day per page; the cursor is the instant a page
 * ended. The seed is the connection: the same window always gives the same samples, so
 * re-reading one stores nothing new.
 */
export function simulatorSource(settings: SimulatorSettings, seed: string): SyncSource {
  return {
    resources: [SIMULATOR_RESOURCE],
    client: undefined,
    async page(_accessToken, request) {
      const from = request.cursor === undefined ? request.window.from.getTime() : Number(request.cursor);
      const end = request.window.to.getTime();
      const to = Math.min(from + PAGE_MS, end);
      const samples = createLiveSimulator(settings.profile, seed, { since: from, heartRateIntervalSeconds: HEART_RATE_SECONDS }).next(to);
      return { samples, documents: 0, skipped: 0, ...(to < end && { nextCursor: String(to) }) };
    },
  };
}
