import { createHash } from 'node:crypto';
import type { RawSample } from '../../domain/ingest/index.ts';
import { ingestSamples } from '../ingest/ingest-samples.ts';
import type { PersonRef } from '../ports.ts';
import type { ConnectionDeps } from './connection-deps.ts';

/** Every batch a connection stores is keyed under it, so its raw batches can be found (and erased) by connection. */
export const batchKeyPrefix = (connectionId: string) => `connection:${connectionId}:`;

/**
 * Stores and normalizes what a connection brought, in batches the ingest limit allows. A
 * batch's key is the digest of its samples: the same page read again (a retried job, a resumed
 * run) is the same batch, and stores nothing twice.
 */
export async function ingestConnectionSamples(deps: ConnectionDeps, person: PersonRef, connectionId: string, samples: readonly RawSample[]): Promise<void> {
  const size = deps.settings.maxBatchSamples;
  for (let start = 0; start < samples.length; start += size) {
    const batch = samples.slice(start, start + size);
    const digest = createHash('sha256').update(JSON.stringify(batch)).digest('hex');
    await ingestSamples(deps, person, batch, { idempotencyKey: `${batchKeyPrefix(connectionId)}${digest}`, normalize: 'inline' });
  }
}
