import { refreshStaleCorrelations } from '../../app/insight/correlations/nightly-correlations.ts';
import type { InsightDeps } from '../../app/insight/insight-deps.ts';
import type { JobHandler } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** The nightly sweep that queues the refresh of stale correlation reports (a platform job: no tenant). */
export function nightlyCorrelationsProcessor(deps: InsightDeps): JobHandler {
  return async (job) => {
    await refreshStaleCorrelations(deps, jobs['insight.nightly-correlations.v1'].parse(job.payload).slot);
  };
}
