import { AppError } from '../errors.ts';
import { requirePermission, type RequestContext } from '../identity/resolve-tenant.ts';
import { auditTeamEvent, notFound, type TenancyDeps } from './tenancy-deps.ts';

/** Withdraws an invitation so its link stops working. Revoking twice changes nothing. */
export async function revokeInvitation(deps: TenancyDeps, ctx: RequestContext, invitationId: string): Promise<void> {
  requirePermission(ctx, 'invitations:write');
  await deps.tx.withTenant(ctx, async (sql) => {
    const invitation = await deps.repos.invitations.byId(sql, ctx.tenantId, invitationId);
    if (!invitation) throw notFound();
    if (invitation.acceptedAt) throw new AppError('conflict', 'This invitation was accepted already: remove the member instead.');
    if (!(await deps.repos.invitations.revoke(sql, ctx.tenantId, invitationId, deps.clock.now()))) return;
    await auditTeamEvent(deps, sql, ctx, {
      action: 'invitation.revoked',
      targetType: 'invitation',
      targetId: invitationId,
      details: { email: invitation.email, role: invitation.role },
    });
  });
}
