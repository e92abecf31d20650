import { requirePermission, type RequestContext } from '../identity/resolve-tenant.ts';
import type { CareTeamPair } from '../ports.ts';
import { checkCareTeamPair } from './care-team-pair.ts';
import { auditTeamEvent, type TenancyDeps } from './tenancy-deps.ts';

/** Puts a member on a clinician's care team (the clinician then sees them). Assigning twice changes nothing. */
export async function assignToCareTeam(deps: TenancyDeps, ctx: RequestContext, pair: CareTeamPair): Promise<void> {
  requirePermission(ctx, 'care-team:write');
  await deps.tx.withTenant(ctx, async (sql) => {
    await checkCareTeamPair(deps, sql, ctx, pair, true);
    if (!(await deps.repos.team.addToCareTeam(sql, ctx.tenantId, pair))) return;
    await auditTeamEvent(deps, sql, ctx, {
      action: 'care_team.assigned',
      targetType: 'user',
      targetId: pair.memberId,
      details: { clinicianId: pair.clinicianId },
    });
  });
}
