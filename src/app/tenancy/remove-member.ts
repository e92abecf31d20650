import { requirePermission, type RequestContext } from '../identity/resolve-tenant.ts';
import { dropCareTeamRows, memberToChange } from './membership-rules.ts';
import { auditKeyRevoked } from './revoke-api-key.ts';
import { auditTeamEvent, notFound, type TenancyDeps } from './tenancy-deps.ts';

/**
 * Takes a person out of the tenant: off every care team (either side) and with the API keys
 * they made here revoked, since a key acts as its maker. The last admin cannot be removed.
 */
export async function removeMember(deps: TenancyDeps, ctx: RequestContext, userId: string): Promise<void> {
  requirePermission(ctx, 'members:write');
  const revokedKeys = await deps.tx.withTenant(ctx, async (sql) => {
    const target = await memberToChange(deps, sql, ctx, userId, (m) => m.role === 'admin');
    await dropCareTeamRows(deps, sql, ctx, userId, 'member removed', false);
    const keys = await deps.repos.apiKeys.revokeAllMadeBy(sql, ctx.tenantId, userId, deps.clock.now());
    for (const key of keys) await auditKeyRevoked(deps, sql, ctx, key, 'its maker was removed');
    if (!(await deps.repos.team.remove(sql, ctx.tenantId, userId))) throw notFound();
    await auditTeamEvent(deps, sql, ctx, {
      action: 'membership.removed',
      targetType: 'user',
      targetId: userId,
      details: { email: target.email, role: target.role },
    });
    return keys;
  });
  await deps.accessChanges.announce(
    { kind: 'membership-changed', tenantId: ctx.tenantId, userId },
    ...revokedKeys.map((key) => ({ kind: 'api-key-revoked' as const, keyId: key.id })),
  );
}
