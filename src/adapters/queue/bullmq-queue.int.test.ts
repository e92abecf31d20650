import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { startQueueChild } from '../../../test/fixtures/queue-child.ts';
import { obliterateQueue } from '../../../test/fixtures/queue-redis.ts';
import { REDIS_URL } from '../../../test/support/databases.ts';
import type { Job } from '../../app/ports.ts';
import { BullmqQueue } from './bullmq-queue.ts';
import { deferred, eventually, within } from './queue.contract.ts';

const NO_JOBS = { waiting: 0, active: 0, delayed: 0, completed: 0, dead: 0 };

describe('BullmqQueue', { skip: REDIS_URL ? false : 'REDIS_URL is not set' }, () => {
  const redisUrl = REDIS_URL as string;

  it('takes over a job whose worker process was killed mid-run (stalled job)', { timeout: 60_000 }, async () => {
    const queueName = `test-${uuidv7()}`;
    const producer = new BullmqQueue(redisUrl, { queueName });
    let rescuer: BullmqQueue | undefined;
    const child = startQueueChild('queue-bullmq-worker.ts', [redisUrl, queueName]);
    try {
      await child.waitFor((m) => m.ready === true, 30_000);
      const payload = { tenantId: uuidv7(), vendor: 'oura' };
      const { id } = await producer.enqueue('hang', payload, { jobId: 'sync:oura:7' });
      assert.equal((await child.waitFor((m) => m.started === id, 10_000)).attempt, 1);
      await child.kill();
      assert.deepEqual(await producer.stats(), { ...NO_JOBS, active: 1 });

      rescuer = new BullmqQueue(redisUrl, { queueName, stalledIntervalMs: 200, lockDurationMs: 1000 });
      const rerun = deferred<Job>();
      await rescuer.work({ hang: async (job) => rerun.resolve(job) });
      // A stall is not a failed try in BullMQ, so the attempt number stays 1.
      assert.deepEqual(await within(rerun.promise, 'the stalled job to be taken over', 15_000), {
        id,
        name: 'hang',
        payload,
        attempt: 1,
      });
      await eventually(async () => assert.deepEqual(await producer.stats(), { ...NO_JOBS, completed: 1 }));
    } finally {
      await child.kill();
      await rescuer?.close();
      await producer.close();
      await obliterateQueue(redisUrl, queueName);
    }
  });

  it('dead-letters a job no handler is registered for, saying so', async () => {
    const queueName = `test-${uuidv7()}`;
    const queue = new BullmqQueue(redisUrl, { queueName });
    try {
      await queue.work({ known: async () => undefined });
      const payload = { tenantId: uuidv7() };
      const { id } = await queue.enqueue('unknown', payload, { attempts: 2, backoffMs: 5 });
      const dead = await eventually(async () => {
        const letters = await queue.deadLetters();
        assert.equal(letters.length, 1);
        return letters;
      });
      assert.deepEqual(dead, [{ id, name: 'unknown', payload, attempts: 2, error: 'no handler for job "unknown"' }]);
    } finally {
      await queue.close();
      await obliterateQueue(redisUrl, queueName);
    }
  });

  it('refuses a queue name BullMQ cannot use before opening any connection', () => {
    assert.throws(() => new BullmqQueue(redisUrl, { queueName: 'a:b' }), /queue name/);
    assert.throws(() => new BullmqQueue(redisUrl, { queueName: '' }), /queue name/);
  });

  it('fails ping when Redis cannot be reached, and still closes', { timeout: 20_000 }, async () => {
    const queue = new BullmqQueue('redis://127.0.0.1:1', { queueName: `test-${uuidv7()}` });
    await assert.rejects(queue.ping());
    await within(queue.close(), 'close without a connection');
  });
});
