import { announceSettingsChanged } from '../../app/ingest/announce-settings-changed.ts';
import type { IngestDeps } from '../../app/ingest/ingest-deps.ts';
import { recomputeDailyValues } from '../../app/ingest/recompute-daily-values.ts';
import type { JobHandler } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** Recomputes a metric's daily values for one person (after their source priority changed), then says they are in. */
export function recomputeDailyProcessor(deps: IngestDeps): JobHandler {
  return async (job) => {
    const payload = jobs['ingest.recompute-daily.v1'].parse(job.payload);
    await recomputeDailyValues(deps, payload);
    await announceSettingsChanged(deps, { tenantId: payload.tenantId, userId: payload.userId, setting: 'source_priority' });
  };
}
