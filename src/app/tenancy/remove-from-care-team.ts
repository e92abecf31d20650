import { requirePermission, type RequestContext } from '../identity/resolve-tenant.ts';
import type { CareTeamPair } from '../ports.ts';
import { checkCareTeamPair } from './care-team-pair.ts';
import { auditTeamEvent, type TenancyDeps } from './tenancy-deps.ts';

/** Takes a member off a clinician's care team. Removing a pair that is not there changes nothing. */
export async function removeFromCareTeam(deps: TenancyDeps, ctx: RequestContext, pair: CareTeamPair): Promise<void> {
  requirePermission(ctx, 'care-team:write');
  await deps.tx.withTenant(ctx, async (sql) => {
    await checkCareTeamPair(deps, sql, ctx, pair, false);
    if (!(await deps.repos.team.removeFromCareTeam(sql, ctx.tenantId, pair))) return;
    await auditTeamEvent(deps, sql, ctx, {
      action: 'care_team.unassigned',
      targetType: 'user',
      targetId: pair.memberId,
      details: { clinicianId: pair.clinicianId },
    });
  });
}
