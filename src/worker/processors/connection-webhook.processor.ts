import type { ConnectionDeps } from '../../app/connections/connection-deps.ts';
import { processWebhookEvent } from '../../app/connections/process-webhook-event.ts';
import type { JobHandler } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** Fetches (or forgets) the document a vendor webhook named, as the person whose connection it is. */
export function connectionWebhookProcessor(deps: ConnectionDeps): JobHandler {
  return async (job) => {
    await processWebhookEvent(deps, jobs['connection.webhook.v1'].parse(job.payload));
  };
}
