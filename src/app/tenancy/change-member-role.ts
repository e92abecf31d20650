import { requirePermission, type RequestContext } from '../identity/resolve-tenant.ts';
import type { Role, TeamMember } from '../ports.ts';
import { dropCareTeamRows, memberToChange } from './membership-rules.ts';
import { auditTeamEvent, notFound, type TenancyDeps } from './tenancy-deps.ts';

/**
 * Gives a member another role. The last admin keeps theirs; a clinician who stops being one
 * leaves the care teams they led, so a later promotion does not silently restore access.
 */
export async function changeMemberRole(deps: TenancyDeps, ctx: RequestContext, userId: string, role: Role): Promise<TeamMember> {
  requirePermission(ctx, 'members:write');
  const member = await deps.tx.withTenant(ctx, async (sql) => {
    const target = await memberToChange(deps, sql, ctx, userId, (m) => m.role === 'admin' && role !== 'admin');
    if (target.role === role) return target;
    if (!(await deps.repos.team.setRole(sql, ctx.tenantId, userId, role))) throw notFound();
    await auditTeamEvent(deps, sql, ctx, {
      action: 'membership.role_changed',
      targetType: 'user',
      targetId: userId,
      details: { from: target.role, to: role },
    });
    if (target.role === 'clinician') await dropCareTeamRows(deps, sql, ctx, userId, 'no longer a clinician', true);
    return { ...target, role };
  });
  await deps.accessChanges.announce({ kind: 'membership-changed', tenantId: ctx.tenantId, userId });
  return member;
}
