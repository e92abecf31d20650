import type { AppDeps } from '../deps.ts';
import { requirePermission, type RequestContext } from '../identity/resolve-tenant.ts';
import type { TeamMember } from '../ports.ts';

/**
 * The people of the tenant the caller may see: admins everyone, a clinician themselves and the
 * members on their care team, a member only themselves.
 */
export async function listMembers(deps: Pick<AppDeps, 'tx' | 'repos'>, ctx: RequestContext): Promise<TeamMember[]> {
  requirePermission(ctx, 'members:read');
  return deps.tx.withTenant(ctx, async (sql) => {
    if (ctx.role === 'admin') return deps.repos.team.listMembers(sql, ctx.tenantId);
    if (ctx.role === 'clinician') return deps.repos.team.listMembers(sql, ctx.tenantId, { careTeamOf: ctx.userId });
    const self = await deps.repos.team.member(sql, ctx.tenantId, ctx.userId);
    return self ? [self] : [];
  });
}
