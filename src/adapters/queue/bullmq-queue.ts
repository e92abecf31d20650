import { Queue as BullQueue, Worker, type Job as BullJob } from 'bullmq';
import { Redis } from 'ioredis';
import type { DeadJob, EnqueueOptions, JobHandler, JobPayload, Logger, Queue, QueueStats } from '../../app/ports.ts';
import { fromBullmqId, toBullmqId } from './bullmq-job-id.ts';
import { COMPLETED_RETENTION_MS, errorMessage, parseEnqueue } from './enqueue-input.ts';
import { silentLogger } from './silent-logger.ts';

export interface BullmqQueueOptions {
  /** Names the queue inside the `vitalis:` key prefix (default 'jobs'); no ':' allowed. */
  queueName?: string;
  logger?: Logger;
  /** How often a worker looks for jobs whose worker died (BullMQ default 30000). */
  stalledIntervalMs?: number;
  /** How long a taken job's lock lives without renewal (BullMQ default 30000). */
  lockDurationMs?: number;
}

/** Every key of every queue starts with it, so Vitalis can share a Redis. */
export const BULLMQ_KEY_PREFIX = 'vitalis';

/**
 * The queue of the scale-out run mode: BullMQ on Redis. Dead letters are BullMQ's failed set
 * (a job lands there only once its attempts are spent). A worker that dies mid-job loses its
 * lock; another worker's stalled check puts the job back to wait.
 */
export class BullmqQueue implements Queue {
  readonly #redisUrl: string;
  readonly #queueName: string;
  readonly #logger: Logger;
  readonly #stalledIntervalMs: number | undefined;
  readonly #lockDurationMs: number | undefined;
  /** Ours, shared with the producer side of BullMQ (which leaves it open) and used by ping. */
  readonly #redis: Redis;
  readonly #queue: BullQueue;
  #worker: Worker | undefined;
  #lastTimestamp = 0;
  #closed: Promise<void> | undefined;

  constructor(redisUrl: string, options: BullmqQueueOptions = {}) {
    this.#redisUrl = redisUrl;
    this.#queueName = options.queueName ?? 'jobs';
    if (!/^[A-Za-z0-9._-]{1,100}$/.test(this.#queueName)) {
      throw new Error('queue name must be 1 to 100 letters, digits, dots, dashes or underscores');
    }
    this.#logger = options.logger ?? silentLogger;
    this.#stalledIntervalMs = options.stalledIntervalMs;
    this.#lockDurationMs = options.lockDurationMs;
    // A producer fails a call after a few retries rather than hanging an API request forever.
    this.#redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
    this.#redis.on('error', (error: Error) => this.#logger.error({ err: error.message }, 'bullmq queue: redis error'));
    this.#queue = new BullQueue(this.#queueName, { connection: this.#redis, prefix: BULLMQ_KEY_PREFIX });
    this.#queue.on('error', (error: Error) => this.#logger.error({ err: error.message }, 'bullmq queue: queue error'));
  }

  async enqueue(name: string, payload: JobPayload, options?: EnqueueOptions): Promise<{ id: string; duplicate: boolean }> {
    const input = parseEnqueue(name, payload, options);
    if (this.#closed) throw new Error('queue is closed');
    const jobId = input.jobId === undefined ? undefined : toBullmqId(input.jobId);
    // BullMQ answers a duplicate add like a fresh one, so look first; and, for two adds racing
    // past that look, compare the stored creation time with ours, which is unique per instance.
    // (Two processes adding one jobId in the same millisecond may both hear "not a duplicate";
    // the job still runs once.)
    if (jobId !== undefined && (await this.#queue.getJob(jobId))) return { id: input.jobId as string, duplicate: true };
    const job = await this.#queue.add(name, payload, {
      jobId,
      ...(jobId === undefined ? {} : { timestamp: this.#uniqueTimestamp() }),
      delay: input.delayMs,
      attempts: input.attempts,
      backoff: { type: 'exponential', delay: input.backoffMs },
      removeOnComplete: { age: COMPLETED_RETENTION_MS / 1000 },
      removeOnFail: false,
    });
    if (jobId === undefined) return { id: fromBullmqId(String(job.id)), duplicate: false };
    const stored = await this.#queue.getJob(jobId);
    return { id: input.jobId as string, duplicate: stored !== undefined && stored.timestamp !== job.timestamp };
  }

  #uniqueTimestamp(): number {
    this.#lastTimestamp = Math.max(Date.now(), this.#lastTimestamp + 1);
    return this.#lastTimestamp;
  }

  async work(handlers: Record<string, JobHandler>, options: { concurrency?: number } = {}): Promise<void> {
    if (this.#closed) throw new Error('queue is closed');
    if (this.#worker) throw new Error('work() was already called on this queue');
    const concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be a positive integer');
    const byName = { ...handlers };
    const worker = new Worker(
      this.#queueName,
      async (job: BullJob) => {
        // A job nobody here handles fails like any other (and is retried): with BullMQ every
        // worker of a queue takes every job name, so the fix is deploying the handler.
        const handler = byName[job.name];
        if (!handler) throw new Error(`no handler for job "${job.name}"`);
        await handler({
          id: fromBullmqId(String(job.id)),
          name: job.name,
          payload: job.data as JobPayload,
          attempt: job.attemptsMade + 1,
        });
      },
      {
        // BullMQ owns (and closes) the worker's connections; blocking ones need no retry limit.
        connection: { url: this.#redisUrl, maxRetriesPerRequest: null },
        prefix: BULLMQ_KEY_PREFIX,
        concurrency,
        ...(this.#stalledIntervalMs === undefined ? {} : { stalledInterval: this.#stalledIntervalMs }),
        ...(this.#lockDurationMs === undefined ? {} : { lockDuration: this.#lockDurationMs }),
      },
    );
    this.#worker = worker;
    worker.on('error', (error: Error) => this.#logger.error({ err: error.message }, 'bullmq queue: worker error'));
    worker.on('failed', (job: BullJob | undefined, error: Error) => {
      if (!job) return;
      const log = { jobId: fromBullmqId(String(job.id)), job: job.name, attempt: job.attemptsMade, err: errorMessage(error) };
      const spent = job.attemptsMade >= (job.opts.attempts ?? 1);
      if (spent) this.#logger.error(log, 'bullmq queue: job failed on its last attempt (dead letter)');
      else this.#logger.warn(log, 'bullmq queue: job failed, will retry');
    });
    await worker.waitUntilReady();
  }

  async stats(): Promise<QueueStats> {
    const counts = await this.#queue.getJobCounts(
      'wait',
      'prioritized',
      'waiting-children',
      'active',
      'delayed',
      'completed',
      'failed',
    );
    const n = (key: string) => counts[key] ?? 0;
    return {
      waiting: n('wait') + n('prioritized') + n('waiting-children'),
      active: n('active'),
      delayed: n('delayed'),
      completed: n('completed'),
      dead: n('failed'),
    };
  }

  /** Newest first. */
  async deadLetters(limit = 100): Promise<DeadJob[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('limit must be a positive integer');
    const jobs = await this.#queue.getFailed(0, Math.min(limit, 1000) - 1);
    return jobs.map((job) => ({
      id: fromBullmqId(String(job.id)),
      name: job.name,
      payload: job.data as JobPayload,
      attempts: job.attemptsMade,
      error: job.failedReason ?? '',
    }));
  }

  async retryDead(ids?: readonly string[]): Promise<string[]> {
    const failed = ids === undefined ? await this.#queue.getFailed(0, -1) : await Promise.all(ids.map((id) => this.#queue.getJob(toBullmqId(id))));
    const moved: string[] = [];
    for (const job of failed) {
      if (!job || !(await job.isFailed())) continue;
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      moved.push(fromBullmqId(String(job.id)));
    }
    return moved;
  }

  async ping(): Promise<void> {
    await this.#redis.ping();
  }

  /** Stops taking jobs, waits for the ones running, then closes every connection. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      await this.#worker?.close();
      await this.#queue.close();
      await this.#redis.quit();
    })();
    return this.#closed;
  }
}
