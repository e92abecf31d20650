import { refreshCorrelations } from '../../app/insight/correlations/refresh-correlations.ts';
import type { InsightDeps } from '../../app/insight/insight-deps.ts';
import type { JobHandler } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** Recomputes and stores one person's correlations. */
export function refreshCorrelationsProcessor(deps: InsightDeps): JobHandler {
  return async (job) => {
    await refreshCorrelations(deps, jobs['insight.refresh-correlations.v1'].parse(job.payload));
  };
}
