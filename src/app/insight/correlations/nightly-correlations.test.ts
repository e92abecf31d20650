import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EnqueueOptions, JobPayload, Queue } from '../../ports.ts';
import { NIGHTLY_CORRELATIONS_JOB } from '../insight-deps.ts';
import { nightlySchedule } from './nightly-correlations.ts';

describe('the nightly correlation run', () => {
  it('runs at 03:00 UTC, the next one after now', () => {
    for (const [now, next] of [
      ['2024-06-01T02:59:59Z', '2024-06-01T03:00:00.000Z'],
      ['2024-06-01T03:00:00Z', '2024-06-02T03:00:00.000Z'],
      ['2024-06-01T23:00:00Z', '2024-06-02T03:00:00.000Z'],
    ]) {
      assert.equal(new Date(nightlySchedule.runAt(nightlySchedule.nextSlot(new Date(now!)))).toISOString(), next, now);
    }
  });

  it('is queued once per night, however many nodes queue it', async () => {
    const enqueued: Array<{ name: string; payload: JobPayload; options?: EnqueueOptions }> = [];
    const queue = { enqueue: async (name: string, payload: JobPayload, options?: EnqueueOptions) => (enqueued.push({ name, payload, ...(options ? { options } : {}) }), { id: options!.jobId!, duplicate: false }) };
    const now = new Date('2024-06-01T01:00:00Z');
    const slot = nightlySchedule.nextSlot(now);
    await nightlySchedule.schedule({ queue: queue as unknown as Queue, clock: { now: () => now } }, slot);
    assert.deepEqual(enqueued, [
      { name: NIGHTLY_CORRELATIONS_JOB, payload: { tenantId: '00000000-0000-0000-0000-000000000000', slot }, options: { jobId: `correlations-nightly:${slot}`, delayMs: 2 * 3_600_000 } },
    ]);
  });
});
