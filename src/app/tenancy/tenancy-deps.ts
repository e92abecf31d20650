import type { AuditEvent } from '../audit/audit-entry.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { IdentityDeps } from '../identity/identity-deps.ts';
import type { RequestContext } from '../identity/resolve-tenant.ts';
import type { Sql } from '../ports.ts';

/** What the team use cases need: the database, plus tokens and the mail queue for invitations and keys, and a way to announce access changes. */
export type TenancyDeps = AppDeps & Pick<IdentityDeps, 'random' | 'queue' | 'settings' | 'accessChanges'>;

/** A foreign tenant or id, or one that does not exist: the same answer, so nothing leaks. */
export const notFound = () => new AppError('not_found', 'No such resource.');

/**
 * Appends a team event to the tenant's audit chain inside the caller's transaction, as the
 * person acting (for an API key: the person who made it, with the key named in the details).
 */
export async function auditTeamEvent(deps: AppDeps, sql: Sql, ctx: RequestContext, event: Omit<AuditEvent, 'actorUserId'>): Promise<void> {
  const viaKey = ctx.principal.kind === 'api_key' ? { viaApiKeyId: ctx.principal.keyId } : {};
  await recordAudit(deps, sql, ctx.tenantId, { ...event, actorUserId: ctx.userId, details: { ...event.details, ...viaKey } });
}
