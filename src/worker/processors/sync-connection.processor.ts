import type { ConnectionDeps } from '../../app/connections/connection-deps.ts';
import { SYNC_ATTEMPTS } from '../../app/connections/queue-syncs.ts';
import { syncPage } from '../../app/connections/sync-page.ts';
import type { JobHandler } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** One page of a connection's sync run, as the person it belongs to. */
export function syncConnectionProcessor(deps: ConnectionDeps): JobHandler {
  return async (job) => {
    await syncPage(deps, jobs['connection.sync.v1'].parse(job.payload), { final: job.attempt >= SYNC_ATTEMPTS });
  };
}
