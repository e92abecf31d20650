import type { PersonRef } from '../ports.ts';
import { SIMULATOR, SYNC_JOB, type ConnectionDeps } from './connection-deps.ts';
import type { ConnectionRecord, SyncKind, SyncRun } from './connection-ports.ts';
import type { SyncSource } from './sync-source.ts';
import { VENDOR_OVERLAP_MS, backfillWindow, catchUpWindow } from './sync-windows.ts';

/** Tries of a page job that fails for a reason of ours (the vendor's are handled by the job). */
export const SYNC_ATTEMPTS = 5;

/**
 * A run for every resource of the connection that has none queued or running: a backfill of
 * the last days, or a catch-up from where the last run ended. Each starts with its first page
 * job; a run still open gets its current page job again (a no-op unless a crash lost it).
 * Returns the runs made.
 */
export async function queueSyncs(deps: ConnectionDeps, connection: ConnectionRecord, kind: SyncKind, source: SyncSource): Promise<SyncRun[]> {
  const person: PersonRef = { tenantId: connection.tenantId, userId: connection.userId };
  const { syncs } = deps.connections;
  const { backfillDays } = deps.connectionSettings;
  const overlapMs = connection.vendor === SIMULATOR ? 0 : VENDOR_OVERLAP_MS;
  const now = deps.clock.now();
  const { made, open } = await deps.tx.withTenant(person, async (sql) => {
    const made: SyncRun[] = [];
    const open: SyncRun[] = [];
    for (const resource of source.resources) {
      const running = await syncs.open(sql, connection.id, resource);
      if (running) {
        open.push(running);
        continue;
      }
      const window =
        kind === 'backfill' ? backfillWindow(now, backfillDays) : catchUpWindow(now, await syncs.coveredUntil(sql, connection.id, resource), { backfillDays, overlapMs });
      if (!window) continue;
      made.push(await syncs.insert(sql, person, { id: deps.ids.newId(), connectionId: connection.id, resource, kind, window, fetchedAt: now }, now));
    }
    return { made, open };
  });
  for (const run of [...made, ...open]) await enqueueSyncPage(deps, person, connection.id, run.id, run.pages);
  return made;
}

/**
 * The job of page `page` of a run. Its id names the run and the page (and the wait, after a
 * rate limit): queueing a page twice runs it once.
 */
export async function enqueueSyncPage(
  deps: Pick<ConnectionDeps, 'queue'>,
  person: PersonRef,
  connectionId: string,
  syncId: string,
  page: number,
  wait?: { retry: number; delayMs: number },
): Promise<void> {
  const jobId = `sync:${syncId}:${page}${wait ? `:retry${wait.retry}` : ''}`;
  await deps.queue.enqueue(
    SYNC_JOB,
    { tenantId: person.tenantId, userId: person.userId, connectionId, syncId, page },
    { jobId, attempts: SYNC_ATTEMPTS, ...(wait && { delayMs: wait.delayMs }) },
  );
}
