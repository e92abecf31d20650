import type { ConnectionDeps } from '../../app/connections/connection-deps.ts';
import { runScheduledSync } from '../../app/connections/schedule-syncs.ts';
import type { JobHandler } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** A connection's scheduled sync (which queues the next). */
export function connectionScheduleProcessor(deps: ConnectionDeps): JobHandler {
  return async (job) => {
    await runScheduledSync(deps, jobs['connection.schedule.v1'].parse(job.payload));
  };
}
