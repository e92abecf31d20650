import type { IngestDeps } from '../../app/ingest/ingest-deps.ts';
import { NORMALIZE_ATTEMPTS } from '../../app/ingest/ingest-deps.ts';
import { normalizeRawPayload } from '../../app/ingest/normalize-raw-payload.ts';
import type { JobHandler } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** Normalizes one stored batch as the person it belongs to (the use case enters their tenant). */
export function normalizeSamplesProcessor(deps: IngestDeps): JobHandler {
  return async (job) => {
    const payload = jobs['ingest.normalize.v1'].parse(job.payload);
    await normalizeRawPayload(deps, payload, { finalAttempt: job.attempt >= NORMALIZE_ATTEMPTS });
  };
}
