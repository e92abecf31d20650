import { pruneLiveEvents } from '../../app/monitoring/live/prune-live-events.ts';
import type { MonitoringDeps } from '../../app/monitoring/monitoring-deps.ts';
import type { JobHandler } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** The hourly prune of the live event log (a platform job: no tenant). */
export function pruneLiveEventsProcessor(deps: MonitoringDeps): JobHandler {
  return async (job) => {
    await pruneLiveEvents(deps, jobs['monitoring.prune-live-events.v1'].parse(job.payload).slot);
  };
}
