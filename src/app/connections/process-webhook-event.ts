import type { PersonRef } from '../ports.ts';
import { withAccessToken } from './access-token.ts';
import { WEBHOOK_EVENT_JOB, type ConnectionDeps } from './connection-deps.ts';
import { deleteSourceSamples } from './delete-source-samples.ts';
import { ingestConnectionSamples } from './ingest-connection-samples.ts';
import { markNeedsReauth } from './mark-needs-reauth.ts';
import { samplesOfDocuments } from './sync-source.ts';
import { judgeFailure } from './vendor-call-failure.ts';

export const WEBHOOK_EVENT_ATTEMPTS = 5;

export interface WebhookEventJob extends PersonRef {
  connectionId: string;
  resource: string;
  documentId: string;
  action: 'upsert' | 'delete';
  /** When the webhook came: the revision time of what it brings. */
  receivedAt: string;
  /** Digest of the delivery: the same delivery again is the same job. */
  eventId: string;
  /** Waits after rate limits or outages so far. */
  retry: number;
}

export const webhookJobId = (connectionId: string, eventId: string, retry = 0) => `webhook:${connectionId}:${eventId}${retry > 0 ? `:retry${retry}` : ''}`;

/**
 * What a webhook named: the document fetched and stored (its newer revision replacing the
 * older), or its samples deleted when the vendor deleted it. A connection removed or waiting
 * for the person meanwhile is left alone; a failure the job cannot fix is left to the next
 * scheduled sync.
 */
export async function processWebhookEvent(deps: ConnectionDeps, job: WebhookEventJob): Promise<void> {
  const person: PersonRef = { tenantId: job.tenantId, userId: job.userId };
  const connection = await deps.tx.withTenant(person, (sql) => deps.connections.connections.get(sql, job.connectionId));
  const client = connection && deps.vendors.client(connection.vendor);
  if (!connection || !client || connection.status === 'needs_reauth') return;
  try {
    const document =
      job.action === 'delete' ? undefined : await withAccessToken(deps, person, connection.id, client, (token) => client.fetchDocument(token, job.resource, job.documentId));
    if (document) {
      await ingestConnectionSamples(deps, person, connection.id, samplesOfDocuments(deps, client, [document], job.receivedAt).samples);
    } else {
      await deleteSourceSamples(deps, person, connection.vendor, job.documentId);
    }
    await deps.tx.withTenant(person, (sql) => deps.connections.connections.markConnected(sql, connection.id, deps.clock.now(), true));
  } catch (error) {
    const verdict = judgeFailure(deps, error, job.retry + 1);
    const log = { tenantId: person.tenantId, connectionId: connection.id, vendor: connection.vendor, resource: job.resource };
    switch (verdict.kind) {
      case 'needs_reauth':
        return markNeedsReauth(deps, person, connection.id, connection.vendor);
      case 'retry': {
        const retry = job.retry + 1;
        await deps.queue.enqueue(WEBHOOK_EVENT_JOB, { ...job, retry }, { jobId: webhookJobId(connection.id, job.eventId, retry), delayMs: verdict.delayMs, attempts: WEBHOOK_EVENT_ATTEMPTS });
        return;
      }
      case 'give_up':
        deps.logger.warn({ ...log, code: verdict.code }, 'webhook event dropped; the scheduled sync will read it');
        return;
      case 'rethrow':
        throw error;
    }
  }
}
