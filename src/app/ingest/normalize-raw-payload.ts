import type { PersonRef } from '../ports.ts';
import { announceSamplesIngested } from './announce-samples-ingested.ts';
import type { IngestDeps } from './ingest-deps.ts';
import { prepareBatch } from './prepare-batch.ts';
import { storePreparedBatch, type NormalizeOutcome } from './store-prepared-batch.ts';
import { sampleMonths } from './sample-months.ts';

export interface NormalizeJob {
  tenantId: string;
  userId: string;
  rawId: string;
}

/** The batch and the person's zone, when the caller has them at hand already (inline ingestion). */
export interface PreloadedBatch {
  payload: readonly unknown[];
  timeZone: string;
}

export interface NormalizeOptions {
  preloaded?: PreloadedBatch;
  /** The queue will not try again: a failure marks the batch failed (its error kept) before it is rethrown. */
  finalAttempt?: boolean;
}

/**
 * Raw payload -> samples -> daily values, for one stored batch. Idempotent and safe to run
 * at least once: a batch no longer pending is left alone, and a batch's samples, the
 * recomputed days and the batch's new state commit together under the person's lock, so a
 * crash leaves the batch pending (and the whole of it is done again) or done. Returns
 * undefined when there was nothing to do. Publishes `samples.ingested` after the commit when
 * stored samples changed.
 */
export async function normalizeRawPayload(deps: IngestDeps, job: NormalizeJob, options: NormalizeOptions = {}): Promise<NormalizeOutcome | undefined> {
  const person: PersonRef = { tenantId: job.tenantId, userId: job.userId };
  try {
    const outcome = await normalize(deps, person, job.rawId, options.preloaded);
    if (outcome?.from !== undefined && outcome.to !== undefined) await announceSamplesIngested(deps, person, outcome.metrics, outcome.from, outcome.to);
    return outcome;
  } catch (error) {
    if (options.finalAttempt) {
      const message = error instanceof Error ? error.message : String(error);
      await deps.tx.withTenant(person, (sql) => deps.ingest.rawPayloads.markFailed(sql, person, job.rawId, message));
    }
    throw error;
  }
}

async function normalize(deps: IngestDeps, person: PersonRef, rawId: string, preloaded: PreloadedBatch | undefined): Promise<NormalizeOutcome | undefined> {
  const repos = deps.ingest;
  const batch =
    preloaded ??
    (await deps.tx.withTenant(person, async (sql) => {
      const payload = await repos.rawPayloads.pendingPayload(sql, person, rawId);
      const timeZone = await repos.people.timeZone(sql, person.userId);
      return payload && timeZone ? { payload, timeZone } : undefined;
    }));
  if (!batch) return undefined;

  const now = deps.clock.now();
  const prepared = prepareBatch(batch.payload, { timeZone: batch.timeZone, now: now.getTime() });
  await deps.partitions.ensure(sampleMonths(prepared.kept));

  return deps.tx.withTenant(person, async (sql) => {
    await repos.samples.lockPerson(sql, person);
    if ((await repos.rawPayloads.lockState(sql, person, rawId)) !== 'pending') return undefined;
    const outcome = await storePreparedBatch(repos, sql, person, rawId, prepared, now);
    await repos.rawPayloads.markNormalized(sql, person, rawId, outcome, now);
    return outcome;
  });
}
