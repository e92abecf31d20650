import type { PersonRef } from '../ports.ts';
import type { ConnectionDeps } from './connection-deps.ts';
import { deleteSourceSamples } from './delete-source-samples.ts';
import { batchKeyPrefix } from './ingest-connection-samples.ts';

export interface DeleteConnectionDataJob extends PersonRef {
  connectionId: string;
  source: string;
}

/**
 * What a removed connection brought the person, deleted: its raw batches first (nothing is
 * normalized from them again), then its samples, with the daily values of their days computed
 * again from what is left. Running it again finds nothing more to delete.
 */
export async function deleteConnectionData(deps: ConnectionDeps, job: DeleteConnectionDataJob): Promise<void> {
  const person: PersonRef = { tenantId: job.tenantId, userId: job.userId };
  // The app role may not delete raw batches (they are the durable record of what came in): erasure is the system's.
  const batches = await deps.tx.withSystem('a person deletes the data of a removed connection', (sql) =>
    deps.connections.sourceData.deleteRawPayloads(sql, person, batchKeyPrefix(job.connectionId)),
  );
  const days = await deleteSourceSamples(deps, person, job.source);
  deps.logger.info({ tenantId: person.tenantId, connectionId: job.connectionId, source: job.source, batches, days }, 'deleted the data of a removed connection');
}
