import { createHash } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { VendorClient, VendorNotice } from '../ports.ts';
import { WEBHOOK_EVENT_JOB, type ConnectionDeps } from './connection-deps.ts';
import { offeredClient } from './offered-client.ts';
import { WEBHOOK_EVENT_ATTEMPTS, webhookJobId, type WebhookEventJob } from './process-webhook-event.ts';

export interface WebhookDelivery {
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The exact bytes received: the signature covers them. */
  rawBody: Buffer;
}

/**
 * A vendor's webhook: verified on the raw body (signature, then a timestamp at most five
 * minutes off), then a job per connection of the account it names. The job id is the digest of
 * the delivery, so the same delivery sent again queues nothing. An account no connection holds
 * is answered as received (a vendor retries anything else forever) and logged.
 */
export async function receiveWebhook(deps: ConnectionDeps, vendor: string, delivery: WebhookDelivery): Promise<{ queued: number }> {
  const client = offeredClient(deps, vendor);
  const notice = verified(deps, client, delivery);
  const log = { vendor, resource: notice.resource, action: notice.action };
  if (!client.resources.includes(notice.resource)) {
    deps.logger.info(log, 'webhook about a resource Vitalis does not read');
    return { queued: 0 };
  }
  const targets = await deps.tx.withSystem('a vendor webhook names an account: find the connections holding it', (sql) =>
    deps.connections.connections.byVendorAccount(sql, vendor, notice.vendorUserId),
  );
  if (targets.length === 0) {
    deps.logger.info(log, 'webhook for an account no connection holds');
    return { queued: 0 };
  }
  const eventId = createHash('sha256').update(delivery.rawBody).digest('hex');
  const receivedAt = deps.clock.now().toISOString();
  let queued = 0;
  for (const target of targets) {
    const job: WebhookEventJob = {
      tenantId: target.tenantId,
      userId: target.userId,
      connectionId: target.id,
      resource: notice.resource,
      documentId: notice.documentId,
      action: notice.action,
      receivedAt,
      eventId,
      retry: 0,
    };
    const { duplicate } = await deps.queue.enqueue(WEBHOOK_EVENT_JOB, { ...job }, { jobId: webhookJobId(target.id, eventId), attempts: WEBHOOK_EVENT_ATTEMPTS });
    if (!duplicate) queued += 1;
  }
  deps.logger.info({ ...log, connections: targets.length, queued }, 'webhook received');
  return { queued };
}

function verified(deps: ConnectionDeps, client: VendorClient, delivery: WebhookDelivery): VendorNotice {
  try {
    return client.verifyWebhook(delivery);
  } catch (error) {
    const failure = deps.vendors.failureOf(error, 1);
    if (failure?.code !== 'webhook_rejected') throw error;
    deps.logger.info({ vendor: client.vendor, malformed: failure.malformedWebhook === true }, 'webhook rejected');
    if (failure.malformedWebhook) throw new AppError('validation_failed', 'The webhook event is not one this vendor sends.');
    throw new AppError('unauthorized', 'The webhook signature is missing, wrong or too old.');
  }
}

/** The vendor's verification handshake (Oura's GET with a verification token and a challenge): the challenge back, when the token is ours. */
export function answerWebhookChallenge(deps: Pick<ConnectionDeps, 'webhookSubscriptions'>, vendor: string, query: { verificationToken: string; challenge: string }): { challenge: string } {
  const subscriptions = deps.webhookSubscriptions;
  if (!subscriptions || subscriptions.vendor !== vendor) throw new AppError('not_found', `Vitalis keeps no webhook subscriptions with "${vendor}".`);
  if (!subscriptions.acceptsVerificationToken(query.verificationToken)) throw new AppError('unauthorized', 'That verification token is not ours.');
  return { challenge: query.challenge };
}
