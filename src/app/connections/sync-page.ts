import type { PersonRef } from '../ports.ts';
import { withAccessToken } from './access-token.ts';
import type { ConnectionDeps } from './connection-deps.ts';
import type { ConnectionRecord, SyncRun } from './connection-ports.ts';
import { sourceOf } from './connection-source.ts';
import { ingestConnectionSamples } from './ingest-connection-samples.ts';
import { markNeedsReauth } from './mark-needs-reauth.ts';
import { enqueueSyncPage } from './queue-syncs.ts';
import type { PageRequest, SourcePage, SyncSource } from './sync-source.ts';
import { judgeFailure } from './vendor-call-failure.ts';

export interface SyncPageJob extends PersonRef {
  connectionId: string;
  syncId: string;
  /** 0-based: the pages of the run recorded before this one. */
  page: number;
}

/**
 * One page of a sync run: read it after the stored cursor, store its samples, record the
 * page and its cursor, queue the next. A crash anywhere leaves the cursor where the last
 * recorded page left it: the page is read again and stores nothing new (its batch key is its
 * content). A job for a page recorded since (a duplicate) only makes sure the run goes on.
 */
export async function syncPage(deps: ConnectionDeps, job: SyncPageJob, attempt: { final: boolean }): Promise<void> {
  const person: PersonRef = { tenantId: job.tenantId, userId: job.userId };
  const found = await deps.tx.withTenant(person, async (sql) => {
    const run = await deps.connections.syncs.get(sql, job.syncId);
    if (!run || run.state === 'succeeded' || run.state === 'failed') return undefined;
    if (run.pages === job.page) await deps.connections.syncs.start(sql, run.id, deps.clock.now());
    return { run, connection: await deps.connections.connections.get(sql, run.connectionId) };
  });
  if (!found) return;
  const { run, connection } = found;
  // A crash may have come between recording a page and queueing the next.
  if (run.pages !== job.page) return enqueueSyncPage(deps, person, run.connectionId, run.id, run.pages);
  if (!connection || connection.status === 'needs_reauth') return failRun(deps, person, run, connection ? 'reauthorization_required' : 'disconnected');
  const source = sourceOf(deps, connection);
  if (!source) return failRun(deps, person, run, 'vendor_not_offered');

  try {
    const request: PageRequest = {
      resource: run.resource,
      window: { from: new Date(run.windowFrom), to: new Date(run.windowTo) },
      ...(run.cursor !== null && { cursor: run.cursor }),
      fetchedAt: run.fetchedAt,
    };
    const page = await readPage(deps, person, connection.id, source, request);
    await ingestConnectionSamples(deps, person, connection.id, page.samples);
    const outcome = { cursor: page.nextCursor, documents: page.documents, samples: page.samples.length, skipped: page.skipped };
    const recorded = await deps.tx.withTenant(person, async (sql) => {
      const now = deps.clock.now();
      const first = await deps.connections.syncs.recordPage(sql, run.id, job.page, outcome, now);
      if (first && page.nextCursor === undefined) await deps.connections.connections.markConnected(sql, connection.id, now, true);
      return first;
    });
    deps.logger.debug(
      { tenantId: person.tenantId, connectionId: connection.id, resource: run.resource, syncId: run.id, page: job.page, documents: page.documents, samples: page.samples.length, last: page.nextCursor === undefined },
      'sync page stored',
    );
    if (recorded && page.nextCursor !== undefined) await enqueueSyncPage(deps, person, connection.id, run.id, job.page + 1);
  } catch (error) {
    await onFailure(deps, person, connection, run, job.page, error, attempt);
  }
}

function readPage(deps: ConnectionDeps, person: PersonRef, connectionId: string, source: SyncSource, request: PageRequest): Promise<SourcePage> {
  if (!source.client) return source.page(undefined, request);
  return withAccessToken(deps, person, connectionId, source.client, (token) => source.page(token, request));
}

async function onFailure(deps: ConnectionDeps, person: PersonRef, connection: ConnectionRecord, run: SyncRun, page: number, error: unknown, attempt: { final: boolean }) {
  const verdict = judgeFailure(deps, error, run.retries + 1);
  const log = { tenantId: person.tenantId, connectionId: connection.id, vendor: connection.vendor, resource: run.resource, syncId: run.id };
  switch (verdict.kind) {
    case 'needs_reauth':
      await markNeedsReauth(deps, person, connection.id, connection.vendor);
      return failRun(deps, person, run, 'reauthorization_required');
    case 'retry': {
      const retry = await deps.tx.withTenant(person, (sql) => deps.connections.syncs.countRetry(sql, run.id, deps.clock.now()));
      deps.logger.info({ ...log, retry, delayMs: verdict.delayMs }, 'vendor busy or down: the sync page waits');
      return enqueueSyncPage(deps, person, connection.id, run.id, page, { retry, delayMs: verdict.delayMs });
    }
    case 'give_up':
      deps.logger.warn({ ...log, code: verdict.code }, 'sync run failed');
      await failRun(deps, person, run, verdict.code);
      if (verdict.code === 'disconnected') return;
      await deps.tx.withTenant(person, (sql) => deps.connections.connections.setStatus(sql, connection.id, 'error', verdict.code, deps.clock.now()));
      return;
    case 'rethrow':
      if (attempt.final) await failRun(deps, person, run, 'internal');
      throw error;
  }
}

async function failRun(deps: ConnectionDeps, person: PersonRef, run: SyncRun, code: string): Promise<void> {
  await deps.tx.withTenant(person, (sql) => deps.connections.syncs.fail(sql, run.id, code, deps.clock.now()));
}
