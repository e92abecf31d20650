import { recordAudit } from '../audit/record-audit.ts';
import type { RequestContext } from '../identity/resolve-tenant.ts';
import type { PersonRef, Sql } from '../ports.ts';
import { notFound, type IngestDeps } from './ingest-deps.ts';

/**
 * Whose health data a read is about: the caller's own, or (with `userId`) a member on the
 * caller's care team in this tenant — a read that is audited. Anyone else is answered 404,
 * as for a person who does not exist. Row-level security enforces the same rule underneath.
 */
export async function readablePerson(
  deps: Pick<IngestDeps, 'ingest' | 'repos' | 'clock' | 'ids'>,
  sql: Sql,
  ctx: RequestContext,
  userId: string | undefined,
  read: Record<string, unknown>,
): Promise<PersonRef> {
  if (userId === undefined || userId === ctx.userId) return { tenantId: ctx.tenantId, userId: ctx.userId };
  if (!(await deps.ingest.access.isCareTeamClinician(sql, ctx.tenantId, ctx.userId, userId))) throw notFound();
  const viaKey = ctx.principal.kind === 'api_key' ? { viaApiKeyId: ctx.principal.keyId } : {};
  await recordAudit(deps, sql, ctx.tenantId, {
    action: 'health_data.read',
    actorUserId: ctx.userId,
    targetType: 'user',
    targetId: userId,
    details: { ...read, ...viaKey },
  });
  return { tenantId: ctx.tenantId, userId };
}
