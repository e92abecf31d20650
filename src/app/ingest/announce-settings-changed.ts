import type { EventOf } from '../../contracts/events.ts';
import type { IngestDeps } from './ingest-deps.ts';

export const SETTINGS_CHANGED = 'person.settings-changed';

/**
 * Tells every node that a setting shaping the person's days changed, after it was stored. A
 * lost message is logged, not the request's failure: cached views expire on their own TTL.
 */
export async function announceSettingsChanged(deps: Pick<IngestDeps, 'pubsub' | 'logger'>, change: EventOf<typeof SETTINGS_CHANGED>): Promise<void> {
  try {
    await deps.pubsub.publish(SETTINGS_CHANGED, change);
  } catch (error) {
    deps.logger.warn({ err: error, tenantId: change.tenantId, channel: SETTINGS_CHANGED }, 'could not announce a settings change');
  }
}
