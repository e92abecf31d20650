import { recordAudit } from '../audit/record-audit.ts';
import { AppError } from '../errors.ts';
import type { IdentityDeps } from '../identity/identity-deps.ts';
import { isUniqueViolation } from '../identity/unique-violation.ts';
import type { Role } from '../ports.ts';

export type AcceptInvitationDeps = Pick<IdentityDeps, 'tx' | 'repos' | 'clock' | 'ids' | 'random' | 'identity'>;

// Unknown, expired, revoked, used, or meant for someone else: one answer, so a token reveals nothing.
const refused = () => new AppError('not_found', 'This invitation does not exist, has expired or was withdrawn, or was sent to another address.');

/**
 * The signed-in person joins the tenant that invited their (verified) email address. A system
 * transaction: the person is not a member of the tenant yet, so no tenant context can admit
 * them, and tenant code may not insert memberships.
 */
export async function acceptInvitation(deps: AcceptInvitationDeps, userId: string, token: string): Promise<{ tenantId: string; role: Role }> {
  const tokenHash = deps.random.digest(token);
  return deps.tx
    .withSystem('accept an invitation: the invitee is not a member of the tenant yet', async (sql) => {
      const invitation = await deps.repos.invitations.byTokenHash(sql, tokenHash);
      const account = await deps.identity.accountById(sql, userId);
      const now = deps.clock.now();
      if (!invitation || !account || !account.emailVerifiedAt || account.email !== invitation.email) throw refused();
      if (invitation.acceptedAt || invitation.revokedAt || new Date(invitation.expiresAt) <= now) throw refused();
      if (await deps.repos.team.member(sql, invitation.tenantId, userId)) {
        throw new AppError('conflict', 'You are a member of this organisation already.');
      }
      if (!(await deps.repos.invitations.markAccepted(sql, invitation.id, now))) throw refused();
      await deps.repos.team.join(sql, invitation.tenantId, userId, invitation.role);
      await recordAudit(deps, sql, invitation.tenantId, {
        action: 'invitation.accepted',
        actorUserId: userId,
        targetType: 'invitation',
        targetId: invitation.id,
        details: { email: invitation.email, role: invitation.role },
      });
      await recordAudit(deps, sql, invitation.tenantId, {
        action: 'membership.role_granted',
        actorUserId: userId,
        targetType: 'user',
        targetId: userId,
        details: { role: invitation.role, invitationId: invitation.id },
      });
      return { tenantId: invitation.tenantId, role: invitation.role };
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'You are a member of this organisation already.');
      throw error;
    });
}
