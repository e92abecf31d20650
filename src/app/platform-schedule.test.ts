import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_TENANT } from '../contracts/jobs.ts';
import { platformSchedule } from './platform-schedule.ts';
import type { EnqueueOptions, JobPayload, Queue } from './ports.ts';

const HOUR_MS = 3_600_000;

function recordingQueue() {
  const enqueued: Array<{ name: string; payload: JobPayload; options?: EnqueueOptions }> = [];
  const queue = {
    enqueue: async (name: string, payload: JobPayload, options?: EnqueueOptions) => {
      enqueued.push({ name, payload, ...(options ? { options } : {}) });
      return { id: options!.jobId!, duplicate: false };
    },
  } as unknown as Queue;
  return { queue, enqueued };
}

describe('a platform schedule', () => {
  const hourly = platformSchedule('test.hourly.v1', 'hourly', HOUR_MS, 15 * 60_000);

  it('starts slot n at n periods plus the offset, and the next slot is the first to start after now', () => {
    const now = new Date('2024-06-01T10:15:00Z');
    assert.equal(new Date(hourly.runAt(hourly.nextSlot(now))).toISOString(), '2024-06-01T11:15:00.000Z');
    assert.equal(new Date(hourly.runAt(hourly.nextSlot(new Date(now.getTime() - 1)))).toISOString(), '2024-06-01T10:15:00.000Z');
  });

  it("queues a slot's run for no tenant, with the same job id on every node, delayed until it starts", async () => {
    const { queue, enqueued } = recordingQueue();
    const now = new Date('2024-06-01T10:00:00Z');
    const slot = hourly.nextSlot(now);
    await hourly.schedule({ queue, clock: { now: () => now } }, slot);
    assert.deepEqual(enqueued, [{ name: 'test.hourly.v1', payload: { tenantId: NO_TENANT, slot }, options: { jobId: `hourly:${slot}`, delayMs: 15 * 60_000 } }]);
  });

  it('follows a run that was on time with the next slot, and a run held up for a day with the next slot to come, not the 24 it missed', async () => {
    const { queue, enqueued } = recordingQueue();
    const now = new Date('2024-06-02T10:30:00Z');
    const current = hourly.nextSlot(now) - 1;
    await hourly.scheduleAfter({ queue, clock: { now: () => now } }, current);
    await hourly.scheduleAfter({ queue, clock: { now: () => now } }, current - 24);
    assert.deepEqual(
      enqueued.map((job) => job.payload.slot),
      [current + 1, current + 1],
    );
  });
});
