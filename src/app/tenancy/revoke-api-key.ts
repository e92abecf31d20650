import { requirePermission, type RequestContext } from '../identity/resolve-tenant.ts';
import type { ApiKey, Sql } from '../ports.ts';
import { auditTeamEvent, notFound, type TenancyDeps } from './tenancy-deps.ts';

/** Ends an API key at once: its next request answers 401. Revoking twice changes nothing. */
export async function revokeApiKey(deps: TenancyDeps, ctx: RequestContext, keyId: string): Promise<void> {
  requirePermission(ctx, 'api-keys:manage');
  const revokedNow = await deps.tx.withTenant(ctx, async (sql) => {
    const key = await deps.repos.apiKeys.byId(sql, ctx.tenantId, keyId);
    if (!key) throw notFound();
    if (!(await deps.repos.apiKeys.revoke(sql, ctx.tenantId, keyId, deps.clock.now()))) return false;
    await auditKeyRevoked(deps, sql, ctx, key);
    return true;
  });
  if (revokedNow) await deps.accessChanges.announce({ kind: 'api-key-revoked', keyId });
}

/** The audit entry of a revoked key, with why when it was not revoked by hand. */
export async function auditKeyRevoked(deps: TenancyDeps, sql: Sql, ctx: RequestContext, key: ApiKey, reason?: string): Promise<void> {
  await auditTeamEvent(deps, sql, ctx, {
    action: 'api_key.revoked',
    targetType: 'api_key',
    targetId: key.id,
    details: { name: key.name, prefix: key.prefix, ...(reason !== undefined && { reason }) },
  });
}
