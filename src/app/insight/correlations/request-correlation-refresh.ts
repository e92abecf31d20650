import type { RequestContext } from '../../identity/resolve-tenant.ts';
import { readablePerson } from '../../ingest/read-access.ts';
import { REFRESH_CORRELATIONS_JOB, type InsightDeps } from '../insight-deps.ts';

export interface RefreshReceipt {
  jobId: string;
  /** A refresh of this person was asked for within the same minute: that one stands. */
  duplicate: boolean;
}

/** Queues a recomputation of the person's correlations now (one per person and minute). */
export async function requestCorrelationRefresh(deps: InsightDeps, ctx: RequestContext, userId?: string): Promise<RefreshReceipt> {
  const person = await deps.tx.withTenant(ctx, (sql) => readablePerson(deps, sql, ctx, userId, { resource: 'correlations.refresh' }));
  const minute = deps.clock.now().toISOString().slice(0, 16);
  const { id, duplicate } = await deps.queue.enqueue(
    REFRESH_CORRELATIONS_JOB,
    { tenantId: person.tenantId, userId: person.userId },
    { jobId: `correlations:${person.tenantId}:${person.userId}:${minute}` },
  );
  return { jobId: id, duplicate };
}
