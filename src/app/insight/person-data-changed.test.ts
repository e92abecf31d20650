import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InMemoryCache } from '../../adapters/cache/memory-cache.ts';
import type { EnqueueOptions, JobPayload, Queue } from '../ports.ts';
import { lookUpDashboard, storeDashboard } from './dashboard/dashboard-cache.ts';
import { REFRESH_CORRELATIONS_JOB } from './insight-deps.ts';
import { personDataChanged } from './person-data-changed.ts';

const person = { tenantId: '0190c3a0-0000-7000-8000-000000000001', userId: '0190c3a0-0000-7000-8000-000000000002' };

function recordingQueue(): { queue: Queue; enqueued: Array<{ name: string; payload: JobPayload; options?: EnqueueOptions }> } {
  const enqueued: Array<{ name: string; payload: JobPayload; options?: EnqueueOptions }> = [];
  const queue = { enqueue: async (name: string, payload: JobPayload, options?: EnqueueOptions) => (enqueued.push({ name, payload, ...(options ? { options } : {}) }), { id: options?.jobId ?? 'x', duplicate: false }) };
  return { queue: queue as unknown as Queue, enqueued };
}

describe('new data of a person', () => {
  it('drops their cached dashboard and queues one correlation refresh per UTC day, later', async () => {
    const cache = new InMemoryCache();
    const { queue, enqueued } = recordingQueue();
    let now = new Date('2024-06-01T23:00:00Z');
    let ids = 0;
    const deps = { cache, queue, clock: { now: () => now }, ids: { newId: () => `generation-${(ids += 1)}` }, insightSettings: { dashboardTtlMs: 60_000, correlationRefreshDelayMs: 1_800_000 } };
    const lookup = await lookUpDashboard(cache, person, now);
    assert.ok('generation' in lookup);
    await storeDashboard(cache, person, { generation: lookup.generation, validUntil: Date.parse('2024-06-02T00:00:00Z'), body: '{}' }, 60_000, now);

    await personDataChanged(deps, person);
    assert.ok('generation' in (await lookUpDashboard(cache, person, now)), 'the dashboard is recomputed');
    now = new Date('2024-06-02T01:00:00Z');
    await personDataChanged(deps, person);
    assert.deepEqual(enqueued, [
      { name: REFRESH_CORRELATIONS_JOB, payload: person, options: { jobId: `correlations-auto:${person.tenantId}:${person.userId}:2024-06-01`, delayMs: 1_800_000 } },
      { name: REFRESH_CORRELATIONS_JOB, payload: person, options: { jobId: `correlations-auto:${person.tenantId}:${person.userId}:2024-06-02`, delayMs: 1_800_000 } },
    ]);
  });
});
