import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import type { Job, JobPayload, Queue, QueueStats } from '../../app/ports.ts';

/** Where one test's jobs live: a fresh database, or a fresh queue name on Redis. */
export interface QueueStorage {
  /** Another queue handle on this storage (a second process would see the same). */
  open(): Queue | Promise<Queue>;
  /** Frees the storage, after every handle is closed. */
  dispose(): Promise<void>;
}

export type QueueStorageFactory = () => Promise<QueueStorage>;

const TEST_TIMEOUT_MS = 20_000;
const WAIT_MS = 8_000;
const NO_JOBS: QueueStats = { waiting: 0, active: 0, delayed: 0, completed: 0, dead: 0 };

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export async function within<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Retries `check` (which asserts) until it passes, or rethrows its last failure. */
export async function eventually<T>(check: () => Promise<T> | T, ms = WAIT_MS): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(20);
    }
  }
}

/** Opens handles on one fresh storage for the test, then closes them all and frees it. */
export async function withStorage(
  factory: QueueStorageFactory,
  fn: (open: () => Promise<Queue>) => Promise<void>,
): Promise<void> {
  const storage = await factory();
  const opened: Queue[] = [];
  try {
    await fn(async () => {
      const queue = await storage.open();
      opened.push(queue);
      return queue;
    });
  } finally {
    await Promise.all(opened.map((queue) => queue.close()));
    await storage.dispose();
  }
}

/** The behaviour every Queue adapter promises. */
export function queueContract(name: string, factory: QueueStorageFactory, options: { skip?: string } = {}): void {
  const test = (title: string, fn: (open: () => Promise<Queue>) => Promise<void>) =>
    it(title, { timeout: TEST_TIMEOUT_MS }, () => withStorage(factory, fn));

  describe(`Queue contract: ${name}`, { skip: options.skip ?? false }, () => {
    test('runs jobs with their payload, enqueued before and after the worker starts', async (open) => {
      const queue = await open();
      const tenantId = uuidv7();
      const seen = new Map<string, Deferred<Job>>([['early', deferred<Job>()], ['late', deferred<Job>()]]);
      const early = { tenantId, rawId: 'early', nested: { values: [1, 2.5], note: 'Läufer ✓' } };
      const first = await queue.enqueue('ingest.normalize', early);
      assert.deepEqual(first, { id: first.id, duplicate: false });
      await queue.work({ 'ingest.normalize': async (job) => seen.get(job.payload.rawId as string)?.resolve(job) });
      const late = { tenantId, rawId: 'late' };
      const second = await queue.enqueue('ingest.normalize', late);
      assert.notEqual(second.id, first.id);
      assert.deepEqual(await within(seen.get('early')!.promise, 'the early job'), {
        id: first.id,
        name: 'ingest.normalize',
        payload: early,
        attempt: 1,
      });
      assert.deepEqual(await within(seen.get('late')!.promise, 'the late job'), {
        id: second.id,
        name: 'ingest.normalize',
        payload: late,
        attempt: 1,
      });
    });

    test('refuses a payload without a non-empty string tenantId, and stores nothing', async (open) => {
      const queue = await open();
      for (const payload of [{}, { tenantId: '' }, { tenantId: 42 }, { tenant_id: uuidv7() }]) {
        await assert.rejects(queue.enqueue('x', payload as unknown as JobPayload), /non-empty string tenantId/);
      }
      await assert.rejects(queue.enqueue('x', null as unknown as JobPayload), /payload must be an object/);
      assert.deepEqual(await queue.stats(), NO_JOBS);
    });

    test('retries a failing job with exponential backoff, then succeeds', async (open) => {
      const queue = await open();
      const starts: { attempt: number; at: number }[] = [];
      const done = deferred();
      await queue.work({
        flaky: async (job) => {
          starts.push({ attempt: job.attempt, at: performance.now() });
          if (job.attempt < 3) throw new Error(`not yet (${job.attempt})`);
          done.resolve();
        },
      });
      await queue.enqueue('flaky', { tenantId: uuidv7() }, { attempts: 4, backoffMs: 60 });
      await within(done.promise, 'the third attempt');
      assert.deepEqual(starts.map((s) => s.attempt), [1, 2, 3]);
      const [a, b, c] = starts.map((s) => s.at) as [number, number, number];
      assert.ok(b - a >= 55, `first retry after ${b - a} ms, expected >= 60`);
      assert.ok(c - b >= 115, `second retry after ${c - b} ms, expected >= 120 (doubled)`);
      await eventually(async () => assert.deepEqual(await queue.stats(), { ...NO_JOBS, completed: 1 }));
      assert.deepEqual(await queue.deadLetters(), []);
    });

    test('dead-letters a job once its attempts are spent, with the last error', async (open) => {
      const queue = await open();
      let calls = 0;
      await queue.work({
        doomed: async (job) => {
          calls += 1;
          throw new Error(`boom on try ${job.attempt}`);
        },
      });
      const payload = { tenantId: uuidv7(), what: 'sync oura' };
      const { id } = await queue.enqueue('doomed', payload, { attempts: 2, backoffMs: 5 });
      const dead = await eventually(async () => {
        const letters = await queue.deadLetters();
        assert.equal(letters.length, 1);
        return letters;
      });
      assert.deepEqual(dead, [{ id, name: 'doomed', payload, attempts: 2, error: 'boom on try 2' }]);
      await sleep(100);
      assert.equal(calls, 2);
      assert.deepEqual(await queue.stats(), { ...NO_JOBS, dead: 1 });
      assert.deepEqual(await queue.deadLetters(1), dead);
    });

    test('gives dead jobs all their attempts again: those asked for by id, then every one', async (open) => {
      const queue = await open();
      let healed = false;
      const tries: string[] = [];
      await queue.work({
        fragile: async (job) => {
          tries.push(`${job.payload.n as number}@${job.attempt}`);
          if (!healed) throw new Error('the mail server is down');
        },
      });
      const tenantId = uuidv7();
      const ids = [];
      for (const n of [1, 2, 3]) ids.push((await queue.enqueue('fragile', { tenantId, n }, { attempts: 2, backoffMs: 5, jobId: `alert-notify:${n}` })).id);
      await eventually(async () => assert.equal((await queue.stats()).dead, 3));
      assert.deepEqual(await queue.retryDead(['no-such-job']), []);

      healed = true;
      assert.deepEqual(await queue.retryDead([ids[0]!]), [ids[0]]);
      await eventually(async () => assert.deepEqual(await queue.stats(), { ...NO_JOBS, completed: 1, dead: 2 }));
      assert.deepEqual((await queue.retryDead()).sort(), [ids[1], ids[2]]);
      await eventually(async () => assert.deepEqual(await queue.stats(), { ...NO_JOBS, completed: 3 }));
      assert.deepEqual(await queue.retryDead(), []);
      // Each ran twice and died, then ran once more on its first attempt again.
      assert.deepEqual(tries.filter((t) => t.startsWith('1@')), ['1@1', '1@2', '1@1']);
      assert.deepEqual(await queue.deadLetters(), []);
    });

    test('runs a job enqueued twice under one jobId once, also when the two race', async (open) => {
      const queue = await open();
      const tenantId = uuidv7();
      const runs: Job[] = [];
      const jobId = 'normalize:0193-raw';
      assert.deepEqual(await queue.enqueue('normalize', { tenantId, n: 1 }, { jobId }), { id: jobId, duplicate: false });
      assert.deepEqual(await queue.enqueue('normalize', { tenantId, n: 2 }, { jobId }), { id: jobId, duplicate: true });
      const racing = await Promise.all([1, 2, 3].map((n) => queue.enqueue('normalize', { tenantId, n }, { jobId: '42' })));
      assert.deepEqual(racing.map((r) => r.id), ['42', '42', '42']);
      assert.equal(racing.filter((r) => !r.duplicate).length, 1);

      await queue.work({ normalize: async (job) => void runs.push(job) });
      await eventually(async () => assert.equal((await queue.stats()).completed, 2));
      assert.deepEqual(await queue.enqueue('normalize', { tenantId, n: 3 }, { jobId }), { id: jobId, duplicate: true });
      await sleep(150);
      assert.deepEqual(runs.map((job) => job.id).sort(), ['42', jobId]);
      assert.deepEqual(runs.find((job) => job.id === jobId)?.payload, { tenantId, n: 1 });
    });

    test('holds a delayed job until its delay has passed', async (open) => {
      const queue = await open();
      const ran = deferred<number>();
      await queue.work({ later: async () => ran.resolve(performance.now()) });
      const enqueuedAt = performance.now();
      await queue.enqueue('later', { tenantId: uuidv7() }, { delayMs: 400 });
      await sleep(150);
      assert.deepEqual(await queue.stats(), { ...NO_JOBS, delayed: 1 });
      const ranAt = await within(ran.promise, 'the delayed job');
      assert.ok(ranAt - enqueuedAt >= 390, `ran after ${ranAt - enqueuedAt} ms, expected >= 400`);
    });

    test('close stops taking jobs and waits for the one in flight to finish and be recorded', async (open) => {
      const worker = await open();
      const started = deferred();
      let finished = false;
      await worker.work({
        slow: async () => {
          started.resolve();
          await sleep(300);
          finished = true;
        },
      });
      await worker.enqueue('slow', { tenantId: uuidv7() });
      await within(started.promise, 'the job to start');
      const closing = worker.close();
      assert.equal(finished, false);
      await within(closing, 'close');
      assert.equal(finished, true);
      await assert.rejects(worker.enqueue('slow', { tenantId: uuidv7() }), /closed/);

      const other = await open();
      assert.deepEqual(await other.stats(), { ...NO_JOBS, completed: 1 });
      await other.enqueue('slow', { tenantId: uuidv7() });
      await sleep(200);
      assert.deepEqual(await other.stats(), { ...NO_JOBS, waiting: 1, completed: 1 });
    });

    test('stats count waiting, delayed, active, completed and dead jobs', async (open) => {
      const queue = await open();
      const tenantId = uuidv7();
      assert.deepEqual(await queue.stats(), NO_JOBS);
      await queue.enqueue('held', { tenantId });
      await queue.enqueue('held', { tenantId });
      await queue.enqueue('held', { tenantId }, { delayMs: 60_000 });
      assert.deepEqual(await queue.stats(), { ...NO_JOBS, waiting: 2, delayed: 1 });

      const gate = deferred();
      await queue.work({ held: () => gate.promise, failing: () => Promise.reject(new Error('no')) });
      await eventually(async () => assert.deepEqual(await queue.stats(), { ...NO_JOBS, waiting: 1, active: 1, delayed: 1 }));
      await queue.enqueue('failing', { tenantId }, { attempts: 1 });
      gate.resolve();
      await eventually(async () => assert.deepEqual(await queue.stats(), { ...NO_JOBS, delayed: 1, completed: 2, dead: 1 }));
    });

    test('runs jobs side by side up to the concurrency it was given', async (open) => {
      const queue = await open();
      const gate = deferred();
      let inFlight = 0;
      let most = 0;
      let done = 0;
      await queue.work(
        {
          parallel: async () => {
            inFlight += 1;
            most = Math.max(most, inFlight);
            await gate.promise;
            inFlight -= 1;
            done += 1;
          },
        },
        { concurrency: 3 },
      );
      for (let i = 0; i < 5; i += 1) await queue.enqueue('parallel', { tenantId: uuidv7() });
      await eventually(() => assert.equal(inFlight, 3));
      await sleep(150);
      assert.equal(most, 3);
      gate.resolve();
      await eventually(() => assert.equal(done, 5));
      assert.equal(most, 3);
    });

    test('a second handle on the same storage runs what the first enqueued, and both answer ping', async (open) => {
      const producer = await open();
      const consumer = await open();
      await producer.ping();
      await consumer.ping();
      const ran = deferred<Job>();
      await consumer.work({ 'rules.evaluate': async (job) => ran.resolve(job) });
      const { id } = await producer.enqueue('rules.evaluate', { tenantId: uuidv7() });
      assert.equal((await within(ran.promise, 'the consumer to run the job')).id, id);
    });
  });
}
