import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PUBLIC_URL } from '../../support/api-harness.ts';
import { databaseKinds } from '../../support/databases.ts';
import { TeamApi, type Person } from './team-api.ts';

const DAY_MS = 86_400_000;
const accept = (api: TeamApi, token: string, who?: Person | string) =>
  api.call('POST', `/api/v1/invitations/${encodeURIComponent(token)}/accept`, who ? { token: typeof who === 'string' ? who : who.token } : {});

for (const kind of databaseKinds) {
  describe(`invitations (${kind})`, () => {
    let api: TeamApi;
    before(async () => {
      api = await TeamApi.open(kind);
    });
    after(() => api.close());

    it('mails a 7-day link, stores only its digest, and lets exactly the invited person join once', async () => {
      const admin = await api.person('admin');
      const tenantId = await api.teamTenant('harbour', admin);
      const [invitee, stranger] = await Promise.all([api.person('invitee'), api.person('stranger')]);

      const before = Date.now();
      const created = await api.call('POST', `/api/v1/tenants/${tenantId}/invitations`, {
        token: admin.token,
        body: { email: `  ${invitee.email.toUpperCase()} `, role: 'clinician' },
      });
      assert.equal(created.statusCode, 201, created.body);
      const { invitation } = created.json() as { invitation: { id: string; email: string; role: string; expiresAt: string } };
      assert.deepEqual(Object.keys(invitation).sort(), ['email', 'expiresAt', 'id', 'role']);
      assert.equal(invitation.email, invitee.email);
      assert.equal(invitation.role, 'clinician');
      const lifetime = Date.parse(invitation.expiresAt) - before;
      assert.ok(lifetime >= 7 * DAY_MS - 1000 && lifetime <= 7 * DAY_MS + 60_000, `expires in 7 days, not ${lifetime} ms`);

      const mail = await api.mailTo(invitee.email, /invited to join Harbour Team/);
      assert.match(mail.text, /as a clinician/);
      assert.match(mail.text, /Admin Tester invited you/);
      const token = await api.invitationToken(invitee.email);
      assert.ok(mail.links.includes(`${PUBLIC_URL}/invitations/accept?token=${encodeURIComponent(token)}`));
      const stored = await api.services.tx.withSystem('test reads an invitation', (sql) =>
        sql.query<{ token_hash: string }>('select token_hash from invitations where id = $1', [invitation.id]),
      );
      assert.equal(stored[0]!.token_hash, createHash('sha256').update(token).digest('hex'));

      const listed = await api.call('GET', `/api/v1/tenants/${tenantId}/invitations`, { token: admin.token });
      assert.deepEqual(listed.json(), { invitations: [{ ...invitation, acceptedAt: null, revokedAt: null }] });

      // Someone else, a machine, or nobody: refused without saying whether the link is good.
      assert.equal((await accept(api, token, stranger)).statusCode, 404);
      assert.equal((await accept(api, token)).statusCode, 401);
      assert.equal((await accept(api, 'x'.repeat(43), invitee)).statusCode, 404);

      const joined = await accept(api, token, invitee);
      assert.equal(joined.statusCode, 200, joined.body);
      assert.deepEqual(joined.json(), { tenantId, role: 'clinician' });
      const me = (await api.call('GET', '/api/v1/me', { token: invitee.token })).json() as { memberships: Array<{ tenantId: string; role: string }> };
      assert.ok(me.memberships.some((m) => m.tenantId === tenantId && m.role === 'clinician'));
      assert.equal((await api.call('GET', `/api/v1/tenants/${tenantId}/members`, { token: invitee.token })).statusCode, 200);
      assert.equal((await api.call('GET', '/api/v1/tenants/' + tenantId + '/members', { token: stranger.token })).statusCode, 404);

      assert.equal((await accept(api, token, invitee)).statusCode, 404, 'a used link does not work twice');
      const afterwards = (await api.call('GET', `/api/v1/tenants/${tenantId}/invitations`, { token: admin.token })).json();
      assert.ok(afterwards.invitations[0].acceptedAt);

      const trail = (await api.audit(tenantId)).filter((e) => e.action.startsWith('invitation.') || e.action === 'membership.role_granted');
      assert.deepEqual(
        trail.map((e) => [e.action, e.actorUserId, e.targetId]),
        [
          ['membership.role_granted', null, admin.userId],
          ['invitation.created', admin.userId, invitation.id],
          ['invitation.accepted', invitee.userId, invitation.id],
          ['membership.role_granted', invitee.userId, invitee.userId],
        ],
      );
      assert.deepEqual(trail[1]!.details, { email: invitee.email, role: 'clinician', expiresAt: invitation.expiresAt });
    });

    it('refuses revoked, expired and replaced links, and an API key', async () => {
      const admin = await api.person('admin');
      const tenantId = await api.teamTenant('dock', admin);
      const [rita, eve, max] = await Promise.all([api.person('rita'), api.person('eve'), api.person('max')]);

      // Revoked.
      const ritaToken = await api.invite(admin, tenantId, rita, 'member');
      const [ritaInvitation] = (await api.call('GET', `/api/v1/tenants/${tenantId}/invitations`, { token: admin.token })).json().invitations;
      const revoke = () => api.call('DELETE', `/api/v1/tenants/${tenantId}/invitations/${ritaInvitation.id}`, { token: admin.token });
      assert.equal((await revoke()).statusCode, 204);
      assert.equal((await revoke()).statusCode, 204, 'revoking twice is harmless');
      assert.equal((await accept(api, ritaToken, rita)).statusCode, 404);
      const listed = (await api.call('GET', `/api/v1/tenants/${tenantId}/invitations`, { token: admin.token })).json().invitations;
      assert.ok(listed[0].revokedAt);
      assert.equal(listed[0].acceptedAt, null);

      // Expired.
      const eveToken = await api.invite(admin, tenantId, eve, 'member');
      await api.services.tx.withSystem('test lets an invitation expire', (sql) =>
        sql.query(`update invitations set expires_at = now() - interval '1 second' where email = $1`, [eve.email]),
      );
      assert.equal((await accept(api, eveToken, eve)).statusCode, 404);

      // Replaced: inviting the same address again retires the older link.
      const firstMax = await api.invite(admin, tenantId, max, 'member');
      const secondMax = await api.invite(admin, tenantId, max, 'clinician');
      assert.notEqual(firstMax, secondMax);
      assert.equal((await accept(api, firstMax, max)).statusCode, 404);

      // Only a person accepts, not a machine acting for one.
      const created = await api.call('POST', `/api/v1/tenants/${max.personalTenantId}/api-keys`, { token: max.token, body: { name: 'gateway', permissions: ['members:read'] } });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal((await accept(api, secondMax, created.json().key)).statusCode, 403);
      assert.deepEqual((await accept(api, secondMax, max)).json(), { tenantId, role: 'clinician' });

      // An accepted invitation is not revoked (the member is removed instead); nor is anyone invited twice.
      const maxInvitation = (await api.call('GET', `/api/v1/tenants/${tenantId}/invitations`, { token: admin.token })).json().invitations.find((i: { acceptedAt: string | null }) => i.acceptedAt);
      const lateRevoke = await api.call('DELETE', `/api/v1/tenants/${tenantId}/invitations/${maxInvitation.id}`, { token: admin.token });
      assert.equal(lateRevoke.statusCode, 409);
      const mailsBefore = await api.invitationMails(max.email);
      const again = await api.call('POST', `/api/v1/tenants/${tenantId}/invitations`, { token: admin.token, body: { email: max.email, role: 'admin' } });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, 'conflict');

      // Non-admins neither invite, list nor revoke.
      for (const [method, url, body] of [
        ['POST', `/api/v1/tenants/${tenantId}/invitations`, { email: 'someone@example.test', role: 'admin' }],
        ['GET', `/api/v1/tenants/${tenantId}/invitations`, undefined],
        ['DELETE', `/api/v1/tenants/${tenantId}/invitations/${ritaInvitation.id}`, undefined],
      ] as const) {
        assert.equal((await api.call(method, url, { token: max.token, body })).statusCode, 403, `${method} ${url}`);
      }

      const revoked = await api.audited(tenantId, 'invitation.revoked');
      assert.deepEqual(
        revoked.map((e) => [e.actorUserId, e.details.email, e.details.reason ?? null]),
        [
          [admin.userId, rita.email, null],
          [admin.userId, max.email, 'replaced by a new invitation'],
        ],
      );
      assert.equal((await api.audited(tenantId, 'invitation.created')).length, 4);
      assert.equal((await api.audited(tenantId, 'invitation.accepted')).length, 1);
      // A refused invitation sends nothing (mail leaves only after the transaction commits).
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(await api.invitationMails(max.email), mailsBefore);
    });
  });
}
