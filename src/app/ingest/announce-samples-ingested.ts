import type { PersonRef } from '../ports.ts';
import { SAMPLES_INGESTED, type IngestDeps } from './ingest-deps.ts';

/** Tells `samples.ingested` listeners (rules, caches, live views) what a committed batch changed. */
export async function announceSamplesIngested(deps: Pick<IngestDeps, 'pubsub' | 'logger'>, person: PersonRef, metrics: string[], from: string, to: string): Promise<void> {
  try {
    await deps.pubsub.publish(SAMPLES_INGESTED, { tenantId: person.tenantId, userId: person.userId, metrics, from, to });
  } catch (error) {
    // The samples are stored; consumers that missed the event catch up on their next read.
    deps.logger.warn({ err: error, tenantId: person.tenantId, channel: SAMPLES_INGESTED }, 'could not publish samples.ingested');
  }
}
