import { uuidv7 } from 'uuidv7';
import type { DeadJob, EnqueueOptions, JobHandler, JobPayload, Logger, Queue, QueueStats, Sql } from '../../app/ports.ts';
import type { Database } from '../../db/database.ts';
import {
  claimDueJobs,
  completeJob,
  countJobs,
  failJob,
  insertJob,
  listDead,
  nextDueAt,
  pruneCompleted,
  releaseAbandoned,
  renewLeases,
  retryDeadJobs,
  type ClaimedJob,
} from './embedded-jobs.ts';
import { COMPLETED_RETENTION_MS, errorMessage, parseEnqueue } from './enqueue-input.ts';
import { silentLogger } from './silent-logger.ts';

export interface EmbeddedQueueOptions {
  /** Longest wait between two looks at the table when nothing wakes the runner (default 1000). */
  pollIntervalMs?: number;
  /** How long a claimed job stays ours without a renewal; renewed every third of it (default 60000). */
  leaseMs?: number;
  logger?: Logger;
  now?: () => Date;
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Keeps a long exponential backoff (many attempts) from scheduling a retry weeks away. */
const MAX_RETRY_DELAY_MS = 24 * 60 * 60 * 1000;

/**
 * The queue of the embedded run mode: a jobs table in the app's own database and an
 * in-process runner. At-least-once: a job is claimed in one transaction, run, then marked in
 * another, so a crash in between runs it again.
 */
export class EmbeddedQueue implements Queue {
  readonly #db: Database;
  readonly #pollIntervalMs: number;
  readonly #leaseMs: number;
  readonly #logger: Logger;
  readonly #now: () => Date;
  readonly #runnerId = `runner-${uuidv7()}`;
  /** job id -> its run, for the runs in flight. */
  readonly #running = new Map<string, Promise<void>>();
  #handlers: Record<string, JobHandler> | undefined;
  #concurrency = 1;
  #loop: Promise<void> | undefined;
  #leaseTimer: NodeJS.Timeout | undefined;
  #lastPrunedAt = Number.NEGATIVE_INFINITY;
  #woken = false;
  #wakeSleeper: (() => void) | undefined;
  #stopping = false;
  #closed: Promise<void> | undefined;

  constructor(db: Database, options: EmbeddedQueueOptions = {}) {
    this.#db = db;
    this.#pollIntervalMs = positive('pollIntervalMs', options.pollIntervalMs ?? 1000);
    this.#leaseMs = positive('leaseMs', options.leaseMs ?? 60_000);
    this.#logger = options.logger ?? silentLogger;
    this.#now = options.now ?? (() => new Date());
  }

  async enqueue(name: string, payload: JobPayload, options?: EnqueueOptions): Promise<{ id: string; duplicate: boolean }> {
    const input = parseEnqueue(name, payload, options);
    if (this.#stopping) throw new Error('queue is closed');
    const id = input.jobId ?? uuidv7();
    const now = this.#now();
    const inserted = await this.#db.transaction((sql) =>
      insertJob(sql, {
        id,
        name,
        payload,
        maxAttempts: input.attempts,
        backoffMs: input.backoffMs,
        runAt: new Date(now.getTime() + input.delayMs),
        now,
      }),
    );
    if (inserted) this.#wake();
    return { id, duplicate: !inserted };
  }

  async work(handlers: Record<string, JobHandler>, options: { concurrency?: number } = {}): Promise<void> {
    if (this.#stopping) throw new Error('queue is closed');
    if (this.#handlers) throw new Error('work() was already called on this queue');
    const concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be a positive integer');
    this.#handlers = { ...handlers };
    this.#concurrency = concurrency;
    try {
      // A PGlite data directory is open in one process only, and main starts one runner per
      // database, so every job still 'running' now was left by a process that died: take them
      // back at once instead of waiting out their lease. On Postgres other live nodes may hold
      // running jobs, so only expired leases are taken (here and on every poll).
      await this.#releaseAbandoned(this.#db.kind === 'pglite');
    } catch (error) {
      this.#handlers = undefined;
      throw error;
    }
    if (this.#stopping) return;
    this.#leaseTimer = setInterval(() => void this.#renewLeases(), Math.max(1, Math.floor(this.#leaseMs / 3)));
    this.#loop = this.#run();
  }

  stats(): Promise<QueueStats> {
    return this.#db.transaction((sql) => countJobs(sql, this.#now()));
  }

  deadLetters(limit = 100): Promise<DeadJob[]> {
    if (!Number.isInteger(limit) || limit < 1) return Promise.reject(new Error('limit must be a positive integer'));
    return this.#db.transaction((sql) => listDead(sql, Math.min(limit, 1000)));
  }

  async retryDead(ids?: readonly string[]): Promise<string[]> {
    const moved = await this.#db.transaction((sql) => retryDeadJobs(sql, ids, this.#now()));
    if (moved.length > 0) this.#wake();
    return moved;
  }

  async ping(): Promise<void> {
    await this.#db.transaction((sql) => sql.query('select 1 from jobs limit 1'));
  }

  /** Stops claiming, waits for the runs in flight to record their outcome. Leaves the database open. */
  close(): Promise<void> {
    this.#stopping = true;
    this.#wake();
    this.#closed ??= (async () => {
      await this.#loop;
      while (this.#running.size > 0) await Promise.all(this.#running.values());
      clearInterval(this.#leaseTimer);
    })();
    return this.#closed;
  }

  async #run(): Promise<void> {
    const names = Object.keys(this.#handlers ?? {});
    while (!this.#stopping) {
      this.#woken = false;
      let sleepMs = this.#pollIntervalMs;
      try {
        await this.#pruneNowAndThen();
        const free = this.#concurrency - this.#running.size;
        if (free > 0) {
          const now = this.#now();
          const { claimed, dueAt } = await this.#db.transaction(async (sql) => {
            await this.#releaseAbandonedIn(sql, now, false);
            const claimed = await claimDueJobs(sql, {
              names,
              limit: free,
              runnerId: this.#runnerId,
              now,
              leaseUntil: new Date(now.getTime() + this.#leaseMs),
            });
            // A full claim means more may be due: look again straight away instead.
            const dueAt = claimed.length < free ? await nextDueAt(sql, names) : undefined;
            return { claimed, dueAt };
          });
          for (const job of claimed) this.#start(job);
          if (claimed.length === free) continue;
          if (dueAt) sleepMs = Math.max(0, Math.min(sleepMs, dueAt.getTime() - now.getTime()));
        }
      } catch (error) {
        this.#logger.error({ err: errorMessage(error) }, 'embedded queue: poll failed');
      }
      await this.#sleep(sleepMs);
    }
  }

  #start(job: ClaimedJob): void {
    const run = this.#execute(job).finally(() => {
      this.#running.delete(job.id);
      this.#wake();
    });
    this.#running.set(job.id, run);
  }

  async #execute(job: ClaimedJob): Promise<void> {
    const ref = { id: job.id, runnerId: this.#runnerId, attempt: job.attempt };
    let failure: unknown;
    let failed = false;
    try {
      const handler = this.#handlers?.[job.name];
      if (!handler) throw new Error(`no handler for job "${job.name}"`);
      await handler({ id: job.id, name: job.name, payload: job.payload, attempt: job.attempt });
    } catch (error) {
      failed = true;
      failure = error;
    }
    const now = this.#now();
    const log = { jobId: job.id, job: job.name, attempt: job.attempt, tenantId: job.payload.tenantId };
    try {
      if (!failed) {
        const held = await this.#db.transaction((sql) => completeJob(sql, ref, now));
        if (!held) this.#logger.warn(log, 'embedded queue: job finished after its lease was taken over');
        return;
      }
      const error = errorMessage(failure);
      const retryAt =
        job.attempt < job.maxAttempts ? new Date(now.getTime() + retryDelayMs(job.backoffMs, job.attempt)) : undefined;
      const held = await this.#db.transaction((sql) => failJob(sql, ref, { error, now, retryAt }));
      if (!held) this.#logger.warn({ ...log, err: error }, 'embedded queue: job failed after its lease was taken over');
      else if (retryAt) this.#logger.warn({ ...log, err: error, retryAt }, 'embedded queue: job failed, will retry');
      else this.#logger.error({ ...log, err: error }, 'embedded queue: job failed on its last attempt (dead letter)');
    } catch (error) {
      // The job stays 'running' under our lease, which is no longer renewed; once it expires
      // the job goes back to pending and runs again (at-least-once).
      this.#logger.error({ ...log, err: errorMessage(error) }, 'embedded queue: could not record the outcome of a job');
    }
  }

  async #renewLeases(): Promise<void> {
    const ids = [...this.#running.keys()];
    if (ids.length === 0) return;
    const until = new Date(this.#now().getTime() + this.#leaseMs);
    try {
      await this.#db.transaction((sql) => renewLeases(sql, this.#runnerId, ids, until));
    } catch (error) {
      this.#logger.error({ err: errorMessage(error) }, 'embedded queue: could not renew leases');
    }
  }

  #releaseAbandoned(everyRunning: boolean): Promise<void> {
    return this.#db.transaction((sql) => this.#releaseAbandonedIn(sql, this.#now(), everyRunning));
  }

  async #releaseAbandonedIn(sql: Sql, now: Date, everyRunning: boolean): Promise<void> {
    const released = await releaseAbandoned(sql, { now, everyRunning });
    for (const { id, state } of released) {
      this.#logger.warn({ jobId: id, state }, 'embedded queue: took back a job whose worker stopped');
    }
  }

  async #pruneNowAndThen(): Promise<void> {
    const now = this.#now();
    if (now.getTime() - this.#lastPrunedAt < PRUNE_EVERY_MS) return;
    this.#lastPrunedAt = now.getTime();
    const before = new Date(now.getTime() - COMPLETED_RETENTION_MS);
    const pruned = await this.#db.transaction((sql) => pruneCompleted(sql, before));
    if (pruned > 0) this.#logger.info({ pruned }, 'embedded queue: pruned completed jobs');
  }

  #sleep(ms: number): Promise<void> {
    if (this.#woken || this.#stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wakeSleeper = done;
    });
  }

  /** Makes the runner look at the table now (a job was enqueued, a slot freed up, closing). */
  #wake(): void {
    this.#woken = true;
    this.#wakeSleeper?.();
  }
}

/** Exponential: the base after the first failed try, doubling after each further one. */
function retryDelayMs(backoffMs: number, failedAttempt: number): number {
  return Math.min(backoffMs * 2 ** (failedAttempt - 1), MAX_RETRY_DELAY_MS);
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of milliseconds`);
  return value;
}
