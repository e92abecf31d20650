import type { RequestContext } from '../identity/resolve-tenant.ts';
import type { RawPayloadSummary } from '../ports.ts';
import { notFound, type IngestDeps } from './ingest-deps.ts';

/** A batch the caller sent: whether it is normalized yet, what was stored and what was skipped, and why. */
export async function getIngestBatch(deps: Pick<IngestDeps, 'tx' | 'ingest'>, ctx: RequestContext, rawId: string): Promise<RawPayloadSummary> {
  const batch = await deps.tx.withTenant(ctx, (sql) => deps.ingest.rawPayloads.get(sql, { tenantId: ctx.tenantId, userId: ctx.userId }, rawId));
  if (!batch) throw notFound();
  return batch;
}
