import type { PubSub, Logger } from '../../ports.ts';
import { LIVE_EVENTS_CHANNEL } from '../monitoring-deps.ts';

/**
 * Tells every node's stream connections that the tenant's live event log reached `seq`, after
 * the transaction that appended it committed, and whose alerts opened or changed in it. A lost
 * message delays, never loses, an event: connections also look for new events on their heartbeat.
 */
export async function announceLiveEvents(deps: { pubsub: PubSub; logger: Logger }, tenantId: string, seq: number, alertsChangedFor: string[]): Promise<void> {
  try {
    await deps.pubsub.publish(LIVE_EVENTS_CHANNEL, { tenantId, seq, alertsChangedFor });
  } catch (error) {
    deps.logger.warn({ err: error, tenantId, channel: LIVE_EVENTS_CHANNEL }, 'could not announce live events');
  }
}
