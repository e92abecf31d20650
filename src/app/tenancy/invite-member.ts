import { AppError } from '../errors.ts';
import { requirePermission, type RequestContext } from '../identity/resolve-tenant.ts';
import { queueMail } from '../identity/send-mail.ts';
import type { Invitation, Role } from '../ports.ts';
import { auditTeamEvent, type TenancyDeps } from './tenancy-deps.ts';

export const INVITATION_LIFETIME_MS = 7 * 24 * 3_600_000;

export interface InviteMemberInput {
  email: string;
  role: Role;
}

const ROLE_LABEL: Record<Role, string> = { member: 'a member', clinician: 'a clinician', admin: 'an admin' };

/**
 * Invites a person by email with a role. The token is stored as a digest only; the link goes
 * out by mail once the invitation has committed. Inviting the same address again replaces the
 * invitation still waiting (the older link stops working).
 */
export async function inviteMember(deps: TenancyDeps, ctx: RequestContext, input: InviteMemberInput): Promise<Invitation> {
  requirePermission(ctx, 'invitations:write');
  const email = input.email.trim().toLowerCase();
  const token = deps.random.token();
  const now = deps.clock.now();

  const { invitation, tenantName, inviterName } = await deps.tx.withTenant(ctx, async (sql) => {
    if (await deps.repos.team.memberByEmail(sql, ctx.tenantId, email)) {
      throw new AppError('conflict', 'This person is a member of this organisation already.');
    }
    for (const older of await deps.repos.invitations.pendingFor(sql, ctx.tenantId, email, now)) {
      if (!(await deps.repos.invitations.revoke(sql, ctx.tenantId, older.id, now))) continue;
      await auditTeamEvent(deps, sql, ctx, {
        action: 'invitation.revoked',
        targetType: 'invitation',
        targetId: older.id,
        details: { email, role: older.role, reason: 'replaced by a new invitation' },
      });
    }
    const invitation = await deps.repos.invitations.insert(sql, {
      id: deps.ids.newId(),
      tenantId: ctx.tenantId,
      email,
      role: input.role,
      tokenHash: deps.random.digest(token),
      invitedBy: ctx.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
    });
    await auditTeamEvent(deps, sql, ctx, {
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: invitation.id,
      details: { email, role: input.role, expiresAt: invitation.expiresAt },
    });
    const tenant = await deps.repos.tenantSettings.get(sql, ctx.tenantId);
    const inviter = await deps.repos.team.member(sql, ctx.tenantId, ctx.userId);
    return { invitation, tenantName: tenant?.name ?? 'an organisation', inviterName: inviter?.name };
  });

  const link = `${deps.settings.publicUrl.replace(/\/$/, '')}/invitations/accept?token=${encodeURIComponent(token)}`;
  await queueMail(deps.queue, {
    tenantId: ctx.tenantId,
    message: {
      to: email,
      subject: `You are invited to join ${tenantName} on Vitalis`,
      text:
        `Hello,\n\n${inviterName ?? 'An admin'} invited you to join ${tenantName} on Vitalis as ${ROLE_LABEL[input.role]}.\n\n` +
        `Open this link to accept (sign in, or create an account, with this email address):\n${link}\n\n` +
        `The invitation is valid for 7 days. If you did not expect it, ignore this message.`,
    },
  });
  return invitation;
}
