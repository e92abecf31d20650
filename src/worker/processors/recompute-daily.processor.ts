import type { IngestDeps } from '../../app/ingest/ingest-deps.ts';
import { recomputeDailyValues } from '../../app/ingest/recompute-daily-values.ts';
import type { JobHandler } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** Recomputes a metric's daily values for one person (after their source priority changed). */
export function recomputeDailyProcessor(deps: IngestDeps): JobHandler {
  return async (job) => {
    await recomputeDailyValues(deps, jobs['ingest.recompute-daily.v1'].parse(job.payload));
  };
}
