import { createHash } from 'node:crypto';
import type { RawSample } from '../../domain/ingest/index.ts';
import { AppError } from '../errors.ts';
import type { PersonRef, RawPayloadSummary } from '../ports.ts';
import { NORMALIZE_ATTEMPTS, NORMALIZE_JOB, type IngestDeps, type PersonContext } from './ingest-deps.ts';
import { normalizeRawPayload } from './normalize-raw-payload.ts';
import type { NormalizeOutcome } from './store-prepared-batch.ts';

export interface IngestOptions {
  /** The caller's key for this batch: sending it again (with the same samples) changes nothing. */
  idempotencyKey?: string;
  /** The file import the batch belongs to. */
  importId?: string;
  /**
   * `queued` (default): store the batch and leave normalization to a job. `inline`: store it,
   * then normalize it in this call and return what that did (file importers, which report
   * progress and counts as they go). Either way the batch is stored first.
   */
  normalize?: 'queued' | 'inline';
}

export interface IngestReceipt {
  rawId: string;
  /** Samples in the batch as stored (all of them; normalization may skip some, with reasons). */
  accepted: number;
  /** The idempotency key named a batch stored before: nothing new was stored. */
  duplicate: boolean;
  /** Inline only: what normalization did (undefined when the batch had been normalized already). */
  outcome?: NormalizeOutcome;
}

/**
 * Accepts a batch of samples for a person: committed as a raw payload before anything else,
 * then normalized (queued job or inline). The one entry for every way samples arrive — the
 * samples API, file importers, vendor syncs.
 */
export async function ingestSamples(deps: IngestDeps, ctx: PersonContext, samples: readonly RawSample[], options: IngestOptions = {}): Promise<IngestReceipt> {
  const { maxBatchSamples, maxPendingBatches } = deps.settings;
  if (samples.length === 0) throw new AppError('validation_failed', 'A batch needs at least one sample.');
  if (samples.length > maxBatchSamples) {
    throw new AppError('payload_too_large', `A batch holds at most ${maxBatchSamples} samples; this one has ${samples.length}. Split it.`);
  }
  const person: PersonRef = { tenantId: ctx.tenantId, userId: ctx.userId };
  const mode = options.normalize ?? 'queued';
  const payloadJson = JSON.stringify(samples);
  const payloadSha256 = options.idempotencyKey === undefined ? undefined : createHash('sha256').update(payloadJson).digest('hex');

  const { raw, duplicate, timeZone } = await deps.tx.withTenant(ctx, async (sql) => {
    if (mode === 'queued' && (await deps.ingest.rawPayloads.countPending(sql, person)) >= maxPendingBatches) {
      throw new AppError('rate_limited', `${maxPendingBatches} of your batches are still being processed; send more in a moment.`, {
        retryAfterSeconds: 5,
      });
    }
    const stored = await deps.ingest.rawPayloads.insert(sql, person, {
      id: deps.ids.newId(),
      ...(options.idempotencyKey !== undefined && { idempotencyKey: options.idempotencyKey }),
      ...(options.importId !== undefined && { importId: options.importId }),
      ...(payloadSha256 !== undefined && { payloadSha256 }),
      payloadJson,
      sampleCount: samples.length,
      receivedAt: deps.clock.now(),
    });
    return { ...stored, timeZone: mode === 'inline' ? await deps.ingest.people.timeZone(sql, person.userId) : undefined };
  });
  if (duplicate && raw.payloadSha256 !== payloadSha256) {
    throw new AppError('conflict', 'This idempotency key was used for a different batch; use a new key for new samples.');
  }

  const receipt: IngestReceipt = { rawId: raw.id, accepted: raw.sampleCount, duplicate };
  if (raw.state !== 'pending') return receipt;
  if (mode === 'queued') {
    await enqueueNormalization(deps, person, raw);
    return receipt;
  }
  try {
    const outcome = await normalizeRawPayload(deps, { ...person, rawId: raw.id }, timeZone ? { preloaded: { payload: samples, timeZone } } : {});
    return outcome ? { ...receipt, outcome } : receipt;
  } catch (error) {
    // The batch is stored: leave it to the queue to finish, and tell the caller this call did not.
    await enqueueNormalization(deps, person, raw).catch(() => undefined);
    throw error;
  }
}

/** One job per batch: its id is the batch's, so enqueueing again (a retry, the start-up sweep) adds nothing. */
export async function enqueueNormalization(deps: Pick<IngestDeps, 'queue'>, person: PersonRef, raw: Pick<RawPayloadSummary, 'id'>): Promise<void> {
  await deps.queue.enqueue(NORMALIZE_JOB, { tenantId: person.tenantId, userId: person.userId, rawId: raw.id }, { jobId: raw.id, attempts: NORMALIZE_ATTEMPTS });
}
