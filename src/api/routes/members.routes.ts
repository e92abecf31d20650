import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IdentityDeps } from '../../app/identity/identity-deps.ts';
import type { Invitation } from '../../app/ports.ts';
import { acceptInvitation } from '../../app/tenancy/accept-invitation.ts';
import { assignToCareTeam } from '../../app/tenancy/assign-to-care-team.ts';
import { changeMemberRole } from '../../app/tenancy/change-member-role.ts';
import { inviteMember } from '../../app/tenancy/invite-member.ts';
import { listInvitations } from '../../app/tenancy/list-invitations.ts';
import { listMembers } from '../../app/tenancy/list-members.ts';
import { removeFromCareTeam } from '../../app/tenancy/remove-from-care-team.ts';
import { removeMember } from '../../app/tenancy/remove-member.ts';
import { revokeInvitation } from '../../app/tenancy/revoke-invitation.ts';
import { updateTenantSettings } from '../../app/tenancy/update-tenant-settings.ts';
import * as c from '../../contracts/teams.ts';
import type { AuthGuard } from '../auth-guard.ts';

const tags = ['teams'];

const invitationView = (i: Invitation) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt, acceptedAt: i.acceptedAt, revokedAt: i.revokedAt });

/** Members, roles, invitations, care teams and tenant settings. Tenant paths name the tenant; a foreign one answers 404. */
export function registerMembersRoutes(app: FastifyInstance, deps: IdentityDeps, guard: AuthGuard): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/tenants/:tenantId/members',
    { schema: { tags, summary: 'The members I may see: admins everyone, a clinician their care team, a member themselves', params: c.tenantParams, response: { 200: c.membersResponse } } },
    async (request) => ({ members: await listMembers(deps, await guard.pathTenant(request)) }),
  );

  r.patch(
    '/api/v1/tenants/:tenantId/members/:userId',
    { schema: { tags, summary: "Change a member's role (admins; the last admin stays)", params: c.memberParams, body: c.changeRoleBody, response: { 200: c.memberResponse } } },
    async (request) => {
      const ctx = await guard.pathTenant(request);
      return { member: await changeMemberRole(deps, ctx, request.params.userId, request.body.role) };
    },
  );

  r.delete(
    '/api/v1/tenants/:tenantId/members/:userId',
    { schema: { tags, summary: 'Remove a member, their care-team rows and their API keys (admins; the last admin stays)', params: c.memberParams, body: c.noBody } },
    async (request, reply) => {
      await removeMember(deps, await guard.pathTenant(request), request.params.userId);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/tenants/:tenantId/invitations',
    { schema: { tags, summary: 'Invite a person by email with a role (admins); the link is mailed', params: c.tenantParams, body: c.inviteBody, response: { 201: c.invitationCreatedResponse } } },
    async (request, reply) => {
      const invitation = await inviteMember(deps, await guard.pathTenant(request), request.body);
      return reply.status(201).send({ invitation: { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt } });
    },
  );

  r.get(
    '/api/v1/tenants/:tenantId/invitations',
    { schema: { tags, summary: 'Every invitation of the tenant, newest first (admins)', params: c.tenantParams, response: { 200: c.invitationsResponse } } },
    async (request) => ({ invitations: (await listInvitations(deps, await guard.pathTenant(request))).map(invitationView) }),
  );

  r.delete(
    '/api/v1/tenants/:tenantId/invitations/:invitationId',
    { schema: { tags, summary: 'Withdraw an invitation (admins)', params: c.invitationParams, body: c.noBody } },
    async (request, reply) => {
      await revokeInvitation(deps, await guard.pathTenant(request), request.params.invitationId);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/invitations/:token/accept',
    { schema: { tags, summary: 'Join the tenant that invited my email address', params: c.invitationTokenParams, body: c.noBody, response: { 200: c.invitationAcceptedResponse } } },
    async (request) => acceptInvitation(deps, (await guard.person(request)).userId, request.params.token),
  );

  r.put(
    '/api/v1/tenants/:tenantId/care-team/:clinicianId/members/:memberId',
    { schema: { tags, summary: "Put a member on a clinician's care team (admins)", params: c.careTeamParams, body: c.noBody } },
    async (request, reply) => {
      const { clinicianId, memberId } = request.params;
      await assignToCareTeam(deps, await guard.pathTenant(request), { clinicianId, memberId });
      return reply.status(204).send();
    },
  );

  r.delete(
    '/api/v1/tenants/:tenantId/care-team/:clinicianId/members/:memberId',
    { schema: { tags, summary: "Take a member off a clinician's care team (admins)", params: c.careTeamParams, body: c.noBody } },
    async (request, reply) => {
      const { clinicianId, memberId } = request.params;
      await removeFromCareTeam(deps, await guard.pathTenant(request), { clinicianId, memberId });
      return reply.status(204).send();
    },
  );

  r.patch(
    '/api/v1/tenants/:tenantId',
    { schema: { tags, summary: "Rename or rebrand the tenant, or require two-factor sign-in (admins)", params: c.tenantParams, body: c.updateTenantBody, response: { 200: c.tenantView } } },
    async (request) => updateTenantSettings(deps, await guard.pathTenant(request), request.body),
  );
}
