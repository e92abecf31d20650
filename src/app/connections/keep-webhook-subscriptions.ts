import { NO_TENANT } from '../../contracts/jobs.ts';
import { WEBHOOK_SUBSCRIPTIONS_JOB, type ConnectionDeps } from './connection-deps.ts';

const DAY_MS = 86_400_000;
/** Subscriptions are renewed this long before they lapse; the job runs daily, so a failed renewal gets several more tries. */
const RENEW_AHEAD_MS = 7 * DAY_MS;
/** A failed run tries again in minutes, not at once: the vendor's handshake needs our API up. */
const RETRY_BACKOFF_MS = 60_000;

/**
 * Queues the daily upkeep of the webhook subscriptions for `slot` (a day number; every node
 * queueing the same day's adds one job).
 */
export async function scheduleWebhookSubscriptions(deps: Pick<ConnectionDeps, 'queue' | 'clock'>, slot: number): Promise<void> {
  await deps.queue.enqueue(
    WEBHOOK_SUBSCRIPTIONS_JOB,
    { tenantId: NO_TENANT, slot },
    { jobId: `webhook-subscriptions:${slot}`, delayMs: Math.max(0, slot * DAY_MS - deps.clock.now().getTime()), attempts: 5, backoffMs: RETRY_BACKOFF_MS },
  );
}

/** Today's slot, to start the chain now. */
export const todaysSlot = (deps: Pick<ConnectionDeps, 'clock'>) => Math.floor(deps.clock.now().getTime() / DAY_MS);

/**
 * The vendor keeps webhook subscriptions per application and lets them lapse (Oura): every
 * wanted (event, data type) gets one pointing at us, and one lapsing within a week is renewed.
 * The vendor verifies our callback while creating (answered by the webhooks route). Queues
 * tomorrow's run first; a failure throws, for the queue to try again.
 */
export async function keepWebhookSubscriptions(deps: ConnectionDeps, slot: number): Promise<{ created: number; renewed: number }> {
  const subscriptions = deps.webhookSubscriptions;
  if (!subscriptions) return { created: 0, renewed: 0 };
  await scheduleWebhookSubscriptions(deps, slot + 1);
  const ours = (await subscriptions.list()).filter((s) => s.callbackUrl === subscriptions.callbackUrl);
  const now = deps.clock.now().getTime();
  let created = 0;
  let renewed = 0;
  for (const wanted of subscriptions.wanted) {
    const found = ours.find((s) => s.eventType === wanted.eventType && s.dataType === wanted.dataType);
    if (!found) {
      await subscriptions.create(wanted);
      created += 1;
    } else if (Date.parse(found.expiresAt) - now < RENEW_AHEAD_MS) {
      await subscriptions.renew(found.id);
      renewed += 1;
    }
  }
  deps.logger.info({ vendor: subscriptions.vendor, created, renewed, kept: subscriptions.wanted.length }, 'webhook subscriptions kept');
  return { created, renewed };
}
