import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import { databaseKinds } from '../../support/databases.ts';
import { TeamApi, type Person } from './team-api.ts';

const ids = (res: { json(): unknown }) => ((res.json() as { members: Array<{ userId: string }> }).members.map((m) => m.userId)).sort();
const sorted = (...people: Person[]) => people.map((p) => p.userId).sort();

for (const kind of databaseKinds) {
  describe(`members, roles and care teams (${kind})`, () => {
    let api: TeamApi;
    before(async () => {
      api = await TeamApi.open(kind);
    });
    after(() => api.close());

    it('shows an invited clinician only their care team (and themselves), a member only themselves, an admin everyone', async () => {
      const admin = await api.person('admin');
      const tenantId = await api.teamTenant('rowing', admin);
      const [doctor, ava, ben, chloe] = await Promise.all([api.person('doctor'), api.person('ava'), api.person('ben'), api.person('chloe')]);
      await api.join(admin, tenantId, doctor, 'clinician');
      for (const athlete of [ava, ben, chloe]) await api.join(admin, tenantId, athlete, 'member');
      const members = (who: Person) => api.call('GET', `/api/v1/tenants/${tenantId}/members`, { token: who.token });
      const careTeam = (method: 'PUT' | 'DELETE', clinician: Person, member: Person, who = admin) =>
        api.call(method, `/api/v1/tenants/${tenantId}/care-team/${clinician.userId}/members/${member.userId}`, { token: who.token });

      assert.deepEqual(ids(await members(doctor)), sorted(doctor), 'a clinician with an empty care team sees only themselves');
      assert.equal((await careTeam('PUT', doctor, ava)).statusCode, 204);
      assert.equal((await careTeam('PUT', doctor, ben)).statusCode, 204);
      assert.equal((await careTeam('PUT', doctor, ben)).statusCode, 204, 'assigning twice is harmless');

      const seen = await members(doctor);
      assert.equal(seen.statusCode, 200);
      assert.deepEqual(ids(seen), sorted(doctor, ava, ben));
      const avaRow = (seen.json() as { members: Array<Record<string, unknown>> }).members.find((m) => m.userId === ava.userId);
      assert.deepEqual(avaRow, { userId: ava.userId, email: ava.email, name: ava.name, role: 'member' });
      assert.deepEqual(ids(await members(chloe)), sorted(chloe));
      assert.deepEqual(ids(await members(admin)), sorted(admin, doctor, ava, ben, chloe));

      assert.equal((await careTeam('DELETE', doctor, ben)).statusCode, 204);
      assert.deepEqual(ids(await members(doctor)), sorted(doctor, ava));

      // Only admins manage care teams; only clinicians lead them; nobody is on their own.
      assert.equal((await careTeam('PUT', doctor, chloe, doctor)).statusCode, 403);
      assert.equal((await careTeam('PUT', chloe, ava)).json().code, 'conflict');
      assert.equal((await careTeam('PUT', doctor, doctor)).statusCode, 400);

      const assigned = await api.audited(tenantId, 'care_team.assigned');
      assert.deepEqual(assigned.map((e) => [e.actorUserId, e.targetId, e.details.clinicianId]), [
        [admin.userId, ava.userId, doctor.userId],
        [admin.userId, ben.userId, doctor.userId],
      ]);
      const unassigned = await api.audited(tenantId, 'care_team.unassigned');
      assert.deepEqual(unassigned.map((e) => [e.actorUserId, e.targetId, e.details.clinicianId]), [[admin.userId, ben.userId, doctor.userId]]);
    });

    it('changes roles, removes people with their care-team rows, and never leaves a tenant without an admin', async () => {
      const admin = await api.person('admin');
      const tenantId = await api.teamTenant('clinic', admin);
      const [doctor, ava, ben] = await Promise.all([api.person('doctor'), api.person('ava'), api.person('ben')]);
      await api.join(admin, tenantId, doctor, 'clinician');
      await api.join(admin, tenantId, ava, 'member');
      await api.join(admin, tenantId, ben, 'member');
      const member = (who: Person) => `/api/v1/tenants/${tenantId}/members/${who.userId}`;
      const patch = (who: Person, role: string, by = admin) => api.call('PATCH', member(who), { token: by.token, body: { role } });
      for (const athlete of [ava, ben]) {
        assert.equal((await api.call('PUT', `/api/v1/tenants/${tenantId}/care-team/${doctor.userId}/members/${athlete.userId}`, { token: admin.token })).statusCode, 204);
      }

      // The last admin can neither step down nor leave.
      const lastDemotion = await patch(admin, 'member');
      assert.equal(lastDemotion.statusCode, 409);
      assert.equal(lastDemotion.json().code, 'conflict');
      assert.equal((await api.call('DELETE', member(admin), { token: admin.token })).statusCode, 409);

      // Members and clinicians change nobody's role.
      assert.equal((await patch(ben, 'admin', ben)).statusCode, 403);
      assert.equal((await patch(ava, 'admin', doctor)).statusCode, 403);
      assert.equal((await api.call('DELETE', member(ava), { token: doctor.token })).statusCode, 403);

      const promoted = await patch(ben, 'admin');
      assert.equal(promoted.statusCode, 200);
      assert.deepEqual(promoted.json(), { member: { userId: ben.userId, email: ben.email, name: ben.name, role: 'admin' } });
      // With a second admin, the first may step down — and then the second is the last.
      assert.equal((await patch(admin, 'member')).statusCode, 200);
      assert.equal((await patch(ben, 'member', ben)).statusCode, 409);
      assert.equal((await patch(admin, 'admin', ben)).statusCode, 200);

      // A clinician who stops being one leaves the care teams they led.
      assert.equal((await patch(doctor, 'member')).statusCode, 200);
      const doctorSees = await api.call('GET', `/api/v1/tenants/${tenantId}/members`, { token: doctor.token });
      assert.deepEqual(ids(doctorSees), sorted(doctor));
      assert.equal((await patch(doctor, 'clinician')).statusCode, 200);
      assert.deepEqual(ids(await api.call('GET', `/api/v1/tenants/${tenantId}/members`, { token: doctor.token })), sorted(doctor), 'promoting again restores nothing');
      assert.equal((await api.call('PUT', `/api/v1/tenants/${tenantId}/care-team/${doctor.userId}/members/${ava.userId}`, { token: admin.token })).statusCode, 204);

      // Removing takes the person off every care team and out of the tenant.
      const removed = await api.call('DELETE', member(ava), { token: admin.token });
      assert.equal(removed.statusCode, 204);
      assert.equal(removed.body, '');
      assert.deepEqual(ids(await api.call('GET', `/api/v1/tenants/${tenantId}/members`, { token: doctor.token })), sorted(doctor));
      assert.equal((await api.call('GET', `/api/v1/tenants/${tenantId}/members`, { token: ava.token })).statusCode, 404, 'a removed person is a stranger');
      assert.equal((await api.call('DELETE', member(ava), { token: admin.token })).statusCode, 404);
      assert.equal((await patch(ava, 'admin')).statusCode, 404);
      const careRows = await api.services.tx.withSystem('test counts care-team rows', (sql) =>
        sql.query('select 1 from care_team where tenant_id = $1 and (member_id = $2 or clinician_id = $2)', [tenantId, ava.userId]),
      );
      assert.equal(careRows.length, 0);

      const changes = (await api.audited(tenantId, 'membership.role_changed')).map((e) => [e.actorUserId, e.targetId, e.details.from, e.details.to]);
      assert.deepEqual(changes, [
        [admin.userId, ben.userId, 'member', 'admin'],
        [admin.userId, admin.userId, 'admin', 'member'],
        [ben.userId, admin.userId, 'member', 'admin'],
        [admin.userId, doctor.userId, 'clinician', 'member'],
        [admin.userId, doctor.userId, 'member', 'clinician'],
      ]);
      const dropped = (await api.audited(tenantId, 'care_team.unassigned')).map((e) => [e.targetId, e.details.reason]);
      assert.deepEqual(dropped.sort(), [
        [ava.userId, 'member removed'],
        [ava.userId, 'no longer a clinician'],
        [ben.userId, 'no longer a clinician'],
      ].sort());
      const removals = await api.audited(tenantId, 'membership.removed');
      assert.deepEqual(removals.map((e) => [e.actorUserId, e.targetId, e.details.role]), [[admin.userId, ava.userId, 'member']]);
    });

    it('lets only one of two admins demoting each other at the same moment succeed', async () => {
      const [first, second] = await Promise.all([api.person('first'), api.person('second')]);
      for (let round = 0; round < 4; round++) {
        const tenantId = await api.teamTenant(`duel${round}`, first);
        await api.join(first, tenantId, second, 'admin');
        const demote = (by: Person, who: Person) =>
          api.call('PATCH', `/api/v1/tenants/${tenantId}/members/${who.userId}`, { token: by.token, body: { role: 'member' } });
        const outcomes = (await Promise.all([demote(first, second), demote(second, first)])).map((r) => r.statusCode).sort();
        // The loser is refused either as the last admin (409) or, if the winner committed before
        // the loser's role was read, as a member by then (403).
        assert.equal(outcomes[0], 200, `round ${round}: ${outcomes.join(', ')}`);
        assert.ok(outcomes[1] === 403 || outcomes[1] === 409, `round ${round}: ${outcomes.join(', ')}`);
        const admins = await api.services.tx.withSystem('test counts admins', (sql) =>
          sql.query<{ n: number }>(`select count(*)::int as n from memberships where tenant_id = $1 and role = 'admin'`, [tenantId]),
        );
        assert.equal(admins[0]!.n, 1, `round ${round} leaves one admin`);
      }
    });

    it("keeps a person the admin of their personal tenant, whoever else is admin there", async () => {
      const owner = await api.person('owner');
      const partner = await api.person('partner');
      await api.join(owner, owner.personalTenantId, partner, 'admin');
      const path = `/api/v1/tenants/${owner.personalTenantId}/members/${owner.userId}`;
      assert.equal((await api.call('PATCH', path, { token: partner.token, body: { role: 'member' } })).statusCode, 409);
      assert.equal((await api.call('DELETE', path, { token: partner.token })).statusCode, 409);
      const partnerPath = `/api/v1/tenants/${owner.personalTenantId}/members/${partner.userId}`;
      assert.equal((await api.call('DELETE', partnerPath, { token: owner.token })).statusCode, 204);
    });

    it('lets admins rename and brand their tenant, and require two-factor sign-in only once they use it', async () => {
      const admin = await api.person('admin');
      const clinician = await api.person('clinician');
      const tenantId = await api.teamTenant('brand', admin);
      await api.join(admin, tenantId, clinician, 'clinician');
      const settings = (body: unknown, who = admin) => api.call('PATCH', `/api/v1/tenants/${tenantId}`, { token: who.token, body });

      const renamed = await settings({ name: '  Northside Rowing  ', branding: { logoUrl: 'https://cdn.example.org/logo.svg', primaryColor: '#0a7d5c' } });
      assert.equal(renamed.statusCode, 200, renamed.body);
      const tenant = renamed.json();
      assert.equal(tenant.id, tenantId);
      assert.equal(tenant.name, 'Northside Rowing');
      assert.equal(tenant.type, 'team');
      assert.equal(tenant.requireMfa, false);
      assert.deepEqual(tenant.branding, { logoUrl: 'https://cdn.example.org/logo.svg', primaryColor: '#0a7d5c' });

      const recoloured = await settings({ branding: { primaryColor: '#112233', logoUrl: null } });
      assert.deepEqual(recoloured.json().branding, { primaryColor: '#112233' }, 'keys given replace, null removes');
      const me = (await api.call('GET', '/api/v1/me', { token: clinician.token })).json() as { memberships: Array<{ tenantId: string; tenantName: string; branding: object }> };
      const seenByMember = me.memberships.find((m) => m.tenantId === tenantId);
      assert.equal(seenByMember?.tenantName, 'Northside Rowing');
      assert.deepEqual(seenByMember?.branding, { primaryColor: '#112233' });

      for (const bad of [{ branding: { primaryColor: 'teal' } }, { branding: { logoUrl: 'javascript:alert(1)' } }, { name: '' }, { slug: 'taken' }, { requireMfa: 'yes' }]) {
        const res = await settings(bad);
        assert.equal(res.statusCode, 400, JSON.stringify(bad));
        assert.equal(res.json().code, 'validation_failed');
      }
      assert.equal((await settings({ name: 'Mine now' }, clinician)).statusCode, 403);

      const mfa = await settings({ requireMfa: true });
      assert.equal(mfa.statusCode, 409, 'an admin without two-factor would lock themselves out');
      assert.equal((await settings({ requireMfa: false })).json().requireMfa, false);

      // Once the admin signs in with a second factor, they may demand it of everyone.
      const enrol = await api.call('POST', '/api/v1/auth/mfa/totp/enroll', { token: admin.token });
      const code = await generate({ secret: (enrol.json() as { secret: string }).secret });
      assert.equal((await api.call('POST', '/api/v1/auth/mfa/totp/confirm', { token: admin.token, body: { code } })).statusCode, 200);
      const required = await settings({ requireMfa: true });
      assert.equal(required.statusCode, 200, required.body);
      assert.equal(required.json().requireMfa, true);
      const locked = await api.call('GET', `/api/v1/tenants/${tenantId}/members`, { token: clinician.token });
      assert.equal(locked.json().code, 'mfa_enrollment_required');
      assert.equal((await api.call('GET', `/api/v1/tenants/${tenantId}/members`, { token: admin.token })).statusCode, 200);

      const audited = await api.audited(tenantId, 'tenant.settings_changed');
      assert.deepEqual(audited.map((e) => [e.actorUserId, Object.keys(e.details.changed as object).sort()]), [
        [admin.userId, ['branding', 'name']],
        [admin.userId, ['branding']],
        [admin.userId, ['requireMfa']],
      ]);
    });
  });
}
