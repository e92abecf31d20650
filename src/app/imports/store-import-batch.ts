import { announceSamplesIngested } from '../ingest/announce-samples-ingested.ts';
import type { IngestDeps } from '../ingest/ingest-deps.ts';
import type { PreparedBatch } from '../ingest/prepare-batch.ts';
import { storePreparedBatch, type NormalizeOutcome } from '../ingest/store-prepared-batch.ts';
import type { PersonRef } from '../ports.ts';
import { sampleMonths } from '../ingest/sample-months.ts';

export interface ImportBatchRef {
  importId: string;
  /** `import:<importId>:<position>` */
  idempotencyKey: string;
  /** Samples in the batch as the file gave them. */
  sampleCount: number;
}

/**
 * One normalized batch of a file import, stored in one transaction under the person's lock:
 * its samples, the days they touch rolled up, and its marker under the batch's key. The batch
 * is not kept raw a second time: the uploaded file is in blob storage before the first batch,
 * and a run a crash cut off is resumed by reading it again — each batch either committed
 * whole, marker included (and is skipped), or left nothing behind. Publishes
 * `samples.ingested` after the commit when stored samples changed.
 */
export async function storeImportBatch(deps: IngestDeps, person: PersonRef, prepared: PreparedBatch, batch: ImportBatchRef, now: Date): Promise<NormalizeOutcome> {
  await deps.partitions.ensure(sampleMonths(prepared.kept));
  const rawId = deps.ids.newId();
  const outcome = await deps.tx.withTenant(person, async (sql) => {
    await deps.ingest.samples.lockPerson(sql, person);
    const stored = await storePreparedBatch(deps.ingest, sql, person, rawId, prepared, now);
    await deps.ingest.rawPayloads.insertImportMarker(sql, person, { id: rawId, ...batch, receivedAt: now, counts: stored }, now);
    return stored;
  });
  if (outcome.from !== undefined && outcome.to !== undefined) await announceSamplesIngested(deps, person, outcome.metrics, outcome.from, outcome.to);
  return outcome;
}
