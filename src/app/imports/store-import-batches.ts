import type { ImportedSample } from '../../domain/ingest/index.ts';
import { prepareBatch } from '../ingest/prepare-batch.ts';
import type { PersonRef } from '../ports.ts';
import type { ImportDeps } from './import-deps.ts';
import { tallyBatch, type BatchTally } from './import-report.ts';
import { pipelineInOrder } from './pipeline-in-order.ts';
import { storeImportBatch } from './store-import-batch.ts';

/**
 * Batches stored at once while the file is read on. The person's lock lets one at a time into
 * the database; the next is read and normalized meanwhile, so the reader and Postgres work
 * together, and memory holds at most this many batches beside the reader's own.
 */
const BATCHES_IN_FLIGHT = 2;

/**
 * Stores the batches of an import's file that no earlier run stored (a batch's key is
 * `import:<importId>:<position>`), and hands each batch's tally to `onBatch` in file order. A
 * batch stored before is normalized again in memory only, so a resumed run reports what one
 * clean run would.
 */
export async function storeImportBatches(
  deps: ImportDeps,
  person: PersonRef,
  importId: string,
  batches: AsyncIterable<ImportedSample[]>,
  onBatch: (tally: BatchTally) => Promise<void>,
): Promise<void> {
  const { timeZone, stored } = await deps.tx.withTenant(person, async (sql) => ({
    timeZone: await deps.ingest.people.timeZone(sql, person.userId),
    stored: await deps.ingest.rawPayloads.importBatchKeys(sql, person, importId),
  }));
  if (timeZone === undefined) throw new Error(`the person of import ${importId} is gone`);
  // Not an async function: once normalized, the batch as read is let go while its samples are stored.
  const work = (batch: ImportedSample[], position: number): Promise<BatchTally> => {
    const now = deps.clock.now();
    const prepared = prepareBatch(batch, { timeZone, now: now.getTime() });
    const tally = tallyBatch(batch, prepared);
    const idempotencyKey = `import:${importId}:${position}`;
    if (stored.has(idempotencyKey)) return Promise.resolve(tally);
    return storeImportBatch(deps, person, prepared, { importId, idempotencyKey, sampleCount: batch.length }, now).then(() => tally);
  };
  await pipelineInOrder(batches, BATCHES_IN_FLIGHT, work, onBatch);
}
