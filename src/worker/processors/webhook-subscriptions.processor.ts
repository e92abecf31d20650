import type { ConnectionDeps } from '../../app/connections/connection-deps.ts';
import { keepWebhookSubscriptions } from '../../app/connections/keep-webhook-subscriptions.ts';
import type { JobHandler } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** The daily upkeep of the vendors' webhook subscriptions (a platform job: no tenant). */
export function webhookSubscriptionsProcessor(deps: ConnectionDeps): JobHandler {
  return async (job) => {
    await keepWebhookSubscriptions(deps, jobs['connection.webhook-subscriptions.v1'].parse(job.payload).slot);
  };
}
