import type { ConnectionDeps } from '../../app/connections/connection-deps.ts';
import { deleteConnectionData } from '../../app/connections/delete-connection-data.ts';
import type { JobHandler } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** Deletes what a removed connection brought the person. */
export function deleteConnectionDataProcessor(deps: ConnectionDeps): JobHandler {
  return async (job) => {
    await deleteConnectionData(deps, jobs['connection.delete-data.v1'].parse(job.payload));
  };
}
