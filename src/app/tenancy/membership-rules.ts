import { AppError } from '../errors.ts';
import type { RequestContext } from '../identity/resolve-tenant.ts';
import type { Sql, TeamMember } from '../ports.ts';
import { auditTeamEvent, notFound, type TenancyDeps } from './tenancy-deps.ts';

/**
 * Loads the member a role change or removal is about, after locking the tenant's admin rows,
 * and refuses what would leave the tenant without an admin or take a personal tenant from
 * the person it was made for. Locking first serialises concurrent changes: two admins
 * demoting each other at once cannot both succeed.
 */
export async function memberToChange(deps: TenancyDeps, sql: Sql, ctx: RequestContext, userId: string, losesAdmin: (m: TeamMember) => boolean): Promise<TeamMember> {
  const admins = await deps.repos.team.lockAdmins(sql, ctx.tenantId);
  const target = await deps.repos.team.member(sql, ctx.tenantId, userId);
  if (!target) throw notFound();
  if (losesAdmin(target)) {
    if ((await deps.repos.team.personalTenantOf(sql, userId)) === ctx.tenantId) {
      throw new AppError('conflict', 'This is the personal space of this person: they stay its admin.');
    }
    if (!admins.some((id) => id !== userId)) {
      throw new AppError('conflict', 'An organisation needs at least one admin: make someone else admin first.');
    }
  }
  return target;
}

/** Takes the person off every care team it names them on (as clinician only, or both ways), each change audited. */
export async function dropCareTeamRows(deps: TenancyDeps, sql: Sql, ctx: RequestContext, userId: string, reason: string, asClinicianOnly: boolean): Promise<void> {
  const removed = await deps.repos.team.removeCareTeamRowsOf(sql, ctx.tenantId, userId, { asClinicianOnly });
  for (const pair of removed) {
    await auditTeamEvent(deps, sql, ctx, {
      action: 'care_team.unassigned',
      targetType: 'user',
      targetId: pair.memberId,
      details: { clinicianId: pair.clinicianId, reason },
    });
  }
}
