import type { DeadJob, JobPayload, QueueStats, Sql } from '../../app/ports.ts';

/** The statements of the embedded queue over the jobs table (migration 0002), one per step. */

export interface NewJob {
  id: string;
  name: string;
  payload: JobPayload;
  maxAttempts: number;
  backoffMs: number;
  runAt: Date;
  now: Date;
}

/** false when a job with this id exists already (deduplicated). */
export async function insertJob(sql: Sql, job: NewJob): Promise<boolean> {
  const rows = await sql.query(
    `insert into jobs (id, name, payload, state, max_attempts, backoff_ms, run_at, created_at, updated_at)
     values ($1, $2, $3::jsonb, 'pending', $4, $5, $6, $7, $7)
     on conflict (id) do nothing
     returning id`,
    [job.id, job.name, JSON.stringify(job.payload), job.maxAttempts, job.backoffMs, job.runAt, job.now],
  );
  return rows.length === 1;
}

export interface ClaimedJob {
  id: string;
  name: string;
  payload: JobPayload;
  /** This try, 1-based; with the runner id it fences every later write about the try. */
  attempt: number;
  maxAttempts: number;
  backoffMs: number;
}

export interface Claim {
  names: string[];
  limit: number;
  runnerId: string;
  now: Date;
  leaseUntil: Date;
}

export async function claimDueJobs(sql: Sql, claim: Claim): Promise<ClaimedJob[]> {
  const rows = await sql.query<{
    id: string;
    name: string;
    payload: JobPayload;
    attempts: number;
    max_attempts: number;
    backoff_ms: number;
  }>(
    `with due as (
       select id from jobs
       where state = 'pending' and run_at <= $1 and name = any($2::text[])
       order by run_at, id
       limit $3
       for update skip locked
     )
     update jobs j
     set state = 'running', attempts = j.attempts + 1, locked_by = $4, locked_until = $5, updated_at = $1
     from due where j.id = due.id
     returning j.id, j.name, j.payload, j.attempts, j.max_attempts, j.backoff_ms`,
    [claim.now, claim.names, claim.limit, claim.runnerId, claim.leaseUntil],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    payload: row.payload,
    attempt: row.attempts,
    maxAttempts: row.max_attempts,
    backoffMs: row.backoff_ms,
  }));
}

/** When the next pending job of these names falls due; undefined when there is none. */
export async function nextDueAt(sql: Sql, names: string[]): Promise<Date | undefined> {
  const rows = await sql.query<{ at: Date | null }>(
    `select min(run_at) as at from jobs where state = 'pending' and name = any($1::text[])`,
    [names],
  );
  return rows[0]?.at ?? undefined;
}

export interface TryRef {
  id: string;
  runnerId: string;
  attempt: number;
}

/** false when the try no longer holds the job (its lease expired and another runner took it). */
export async function completeJob(sql: Sql, ref: TryRef, now: Date): Promise<boolean> {
  const rows = await sql.query(
    `update jobs
     set state = 'completed', finished_at = $4, updated_at = $4, locked_by = null, locked_until = null
     where id = $1 and state = 'running' and locked_by = $2 and attempts = $3
     returning id`,
    [ref.id, ref.runnerId, ref.attempt, now],
  );
  return rows.length === 1;
}

/** Back to pending until retryAt, or dead when retryAt is undefined. false as for completeJob. */
export async function failJob(
  sql: Sql,
  ref: TryRef,
  failure: { error: string; now: Date; retryAt: Date | undefined },
): Promise<boolean> {
  const rows = await sql.query(
    `update jobs
     set state = case when $5::timestamptz is null then 'dead' else 'pending' end,
         run_at = coalesce($5::timestamptz, run_at),
         finished_at = case when $5::timestamptz is null then $6::timestamptz end,
         last_error = $4, updated_at = $6, locked_by = null, locked_until = null
     where id = $1 and state = 'running' and locked_by = $2 and attempts = $3
     returning id`,
    [ref.id, ref.runnerId, ref.attempt, failure.error, failure.retryAt ?? null, failure.now],
  );
  return rows.length === 1;
}

export async function renewLeases(sql: Sql, runnerId: string, ids: string[], until: Date): Promise<void> {
  await sql.query(
    `update jobs set locked_until = $3
     where id = any($2::text[]) and state = 'running' and locked_by = $1`,
    [runnerId, ids, until],
  );
}

/**
 * Hands back jobs whose runner is gone: pending again, or dead when the try that was cut short
 * was the last one (a job that kills its worker every time must not loop forever).
 * `everyRunning` takes them regardless of the lease (see EmbeddedQueue.work).
 */
export async function releaseAbandoned(
  sql: Sql,
  options: { now: Date; everyRunning: boolean },
): Promise<{ id: string; state: 'pending' | 'dead' }[]> {
  return sql.query<{ id: string; state: 'pending' | 'dead' }>(
    `update jobs
     set state = case when attempts >= max_attempts then 'dead' else 'pending' end,
         finished_at = case when attempts >= max_attempts then $1::timestamptz end,
         last_error = case when attempts >= max_attempts
                      then 'the worker running this job stopped before it finished' else last_error end,
         run_at = $1, updated_at = $1, locked_by = null, locked_until = null
     where state = 'running' and ($2::boolean or locked_until < $1)
     returning id, state`,
    [options.now, options.everyRunning],
  );
}

export async function pruneCompleted(sql: Sql, finishedBefore: Date): Promise<number> {
  const rows = await sql.query(
    `delete from jobs where state = 'completed' and finished_at < $1 returning id`,
    [finishedBefore],
  );
  return rows.length;
}

export async function countJobs(sql: Sql, now: Date): Promise<QueueStats> {
  const rows = await sql.query<{ state: string; due: boolean; n: number }>(
    `select state, (state = 'pending' and run_at <= $1) as due, count(*)::int as n
     from jobs group by 1, 2`,
    [now],
  );
  const stats: QueueStats = { waiting: 0, active: 0, delayed: 0, completed: 0, dead: 0 };
  for (const { state, due, n } of rows) {
    if (state === 'pending') stats[due ? 'waiting' : 'delayed'] += n;
    else if (state === 'running') stats.active += n;
    else if (state === 'completed') stats.completed += n;
    else if (state === 'dead') stats.dead += n;
  }
  return stats;
}

/** Newest first. */
export async function listDead(sql: Sql, limit: number): Promise<DeadJob[]> {
  const rows = await sql.query<{ id: string; name: string; payload: JobPayload; attempts: number; last_error: string | null }>(
    `select id, name, payload, attempts, last_error from jobs
     where state = 'dead' order by finished_at desc, id desc limit $1`,
    [limit],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    payload: row.payload,
    attempts: row.attempts,
    error: row.last_error ?? '',
  }));
}

/** Dead jobs (every one, or those of `ids`) back to pending with all their attempts, due at `now`. */
export async function retryDeadJobs(sql: Sql, ids: readonly string[] | undefined, now: Date): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `update jobs set state = 'pending', attempts = 0, run_at = $1, finished_at = null, updated_at = $1
     where state = 'dead' and ($2::text[] is null or id = any($2::text[]))
     returning id`,
    [now, ids ?? null],
  );
  return rows.map((row) => row.id);
}
