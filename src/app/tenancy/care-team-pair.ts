import { AppError } from '../errors.ts';
import type { RequestContext } from '../identity/resolve-tenant.ts';
import type { CareTeamPair, Sql } from '../ports.ts';
import { notFound, type TenancyDeps } from './tenancy-deps.ts';

/**
 * Checks both people of a care-team pair belong to the tenant (else 404) and, when `needsClinician`,
 * that the first is a clinician; the clinician's row stays locked so their role cannot change
 * before the transaction ends.
 */
export async function checkCareTeamPair(deps: TenancyDeps, sql: Sql, ctx: RequestContext, pair: CareTeamPair, needsClinician: boolean): Promise<void> {
  const clinician = await deps.repos.team.member(sql, ctx.tenantId, pair.clinicianId, { lock: 'share' });
  const member = await deps.repos.team.member(sql, ctx.tenantId, pair.memberId);
  if (!clinician || !member) throw notFound();
  if (pair.clinicianId === pair.memberId) throw new AppError('validation_failed', 'A clinician is not on their own care team.');
  if (needsClinician && clinician.role !== 'clinician') {
    throw new AppError('conflict', 'Only a clinician leads a care team: change their role to clinician first.');
  }
}
