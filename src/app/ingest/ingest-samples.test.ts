import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RawSample } from '../../domain/ingest/index.ts';
import { isAppError } from '../errors.ts';
import type { EnqueueOptions, IngestRepos, JobPayload, NewRawPayload, PersonRef, Queue, RawPayloadSummary, Sql } from '../ports.ts';
import { NORMALIZE_ATTEMPTS, NORMALIZE_JOB, type IngestDeps } from './ingest-deps.ts';
import { ingestSamples } from './ingest-samples.ts';

const person = { tenantId: '0190a000-0000-7000-8000-000000000001', userId: '0190a000-0000-7000-8000-000000000002' };
const sample = (value: number): RawSample => ({ metric: 'heart_rate', value, unit: 'count/min', start: '2024-05-01T08:00:00Z', source: 'Watch' });

/** Raw payloads in memory, the queue as a list: enough of the world for the entry of ingestion. */
function world(settings = { maxBatchSamples: 3, maxPendingBatches: 2 }) {
  const raws: Array<RawPayloadSummary & { person: PersonRef; payloadJson: string }> = [];
  const enqueued: Array<{ name: string; payload: JobPayload; options?: EnqueueOptions }> = [];
  let ids = 0;
  const unused = () => {
    throw new Error('not used by this test');
  };
  const sql: Sql = { query: unused };
  const rawPayloads: Partial<IngestRepos['rawPayloads']> = {
    async insert(_sql, owner, raw: NewRawPayload) {
      const existing = raws.find((r) => r.person.userId === owner.userId && raw.idempotencyKey !== undefined && r.idempotencyKey === raw.idempotencyKey);
      if (existing) return { raw: existing, duplicate: true };
      const row = {
        id: raw.id,
        person: owner,
        payloadJson: raw.payloadJson,
        idempotencyKey: raw.idempotencyKey ?? null,
        payloadSha256: raw.payloadSha256 ?? null,
        importId: raw.importId ?? null,
        sampleCount: raw.sampleCount,
        receivedAt: raw.receivedAt.toISOString(),
        state: 'pending' as const,
        normalizedAt: null,
        storedCount: null,
        unchangedCount: null,
        rejectedCount: null,
        supersededCount: null,
        rejections: [],
        error: null,
      };
      raws.push(row);
      return { raw: row, duplicate: false };
    },
    async countPending(_sql, owner) {
      return raws.filter((r) => r.person.userId === owner.userId && r.state === 'pending').length;
    },
  };
  const queue: Partial<Queue> = {
    async enqueue(name, payload, options) {
      const duplicate = options?.jobId !== undefined && enqueued.some((e) => e.options?.jobId === options.jobId);
      enqueued.push({ name, payload, ...(options && { options }) });
      return { id: options?.jobId ?? `job-${enqueued.length}`, duplicate };
    },
  };
  const deps = {
    tx: { withTenant: async (_ctx: unknown, fn: (sql: Sql) => Promise<unknown>) => fn(sql), withSystem: unused },
    clock: { now: () => new Date('2024-07-01T00:00:00Z') },
    ids: { newId: () => `0190a000-0000-7000-8000-${String((ids += 1)).padStart(12, '0')}` },
    ingest: { rawPayloads },
    queue,
    settings,
  } as unknown as IngestDeps;
  return { deps, raws, enqueued };
}

const refusedAs = (code: string) => (error: unknown) => isAppError(error) && error.code === code;

describe('ingestSamples', () => {
  it('stores the batch first, then queues its normalization under the batch id', async () => {
    const { deps, raws, enqueued } = world();
    const receipt = await ingestSamples(deps, person, [sample(60), sample(61)]);
    assert.deepEqual(receipt, { rawId: raws[0]!.id, accepted: 2, duplicate: false });
    assert.deepEqual(JSON.parse(raws[0]!.payloadJson), [sample(60), sample(61)]);
    assert.deepEqual(enqueued, [{ name: NORMALIZE_JOB, payload: { ...person, rawId: receipt.rawId }, options: { jobId: receipt.rawId, attempts: NORMALIZE_ATTEMPTS } }]);
  });

  it('refuses a batch over the per-batch limit, or an empty one, storing nothing', async () => {
    const { deps, raws, enqueued } = world();
    await assert.rejects(ingestSamples(deps, person, [sample(1), sample(2), sample(3), sample(4)]), refusedAs('payload_too_large'));
    await assert.rejects(ingestSamples(deps, person, []), refusedAs('validation_failed'));
    assert.equal(raws.length + enqueued.length, 0);
  });

  it('turns a person away while too many of their batches wait (429 with a retry time); others are not held up', async () => {
    const { deps, raws } = world();
    await ingestSamples(deps, person, [sample(1)]);
    await ingestSamples(deps, person, [sample(2)]);
    await assert.rejects(ingestSamples(deps, person, [sample(3)]), (error: unknown) => refusedAs('rate_limited')(error) && isAppError(error) && error.details?.retryAfterSeconds === 5);
    assert.equal(raws.length, 2);
    await ingestSamples(deps, { ...person, userId: '0190a000-0000-7000-8000-0000000000ff' }, [sample(3)]);
    assert.equal(raws.length, 3);
  });

  it('answers a repeated idempotency key with the stored batch (queued again only while pending), and a reused key for other samples with 409', async () => {
    const { deps, raws, enqueued } = world();
    const first = await ingestSamples(deps, person, [sample(60)], { idempotencyKey: 'k' });
    const again = await ingestSamples(deps, person, [sample(60)], { idempotencyKey: 'k' });
    assert.deepEqual(again, { rawId: first.rawId, accepted: 1, duplicate: true });
    assert.equal(raws.length, 1);
    assert.deepEqual(
      enqueued.map((e) => e.options?.jobId),
      [first.rawId, first.rawId],
    );
    raws[0]!.state = 'normalized';
    await ingestSamples(deps, person, [sample(60)], { idempotencyKey: 'k' });
    assert.equal(enqueued.length, 2);
    await assert.rejects(ingestSamples(deps, person, [sample(61)], { idempotencyKey: 'k' }), refusedAs('conflict'));
  });
});
