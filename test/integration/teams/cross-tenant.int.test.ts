import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { databaseKinds } from '../../support/databases.ts';
import { TeamApi, type Person } from './team-api.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One tenant with something of every kind: members on a care team, a pending invitation, an API key. */
async function populatedTenant(api: TeamApi, label: string) {
  const admin = await api.person(`${label}-admin`);
  const tenantId = await api.teamTenant(label, admin);
  const [clinician, member, invitee] = await Promise.all([api.person(`${label}-doc`), api.person(`${label}-athlete`), api.person(`${label}-invitee`)]);
  await api.join(admin, tenantId, clinician, 'clinician');
  await api.join(admin, tenantId, member, 'member');
  const careTeam = await api.call('PUT', `/api/v1/tenants/${tenantId}/care-team/${clinician.userId}/members/${member.userId}`, { token: admin.token });
  assert.equal(careTeam.statusCode, 204);
  await api.invite(admin, tenantId, invitee, 'member');
  const invitationId = (await api.call('GET', `/api/v1/tenants/${tenantId}/invitations`, { token: admin.token })).json().invitations[0].id as string;
  const created = await api.call('POST', `/api/v1/tenants/${tenantId}/api-keys`, { token: admin.token, body: { name: 'pipeline', permissions: ['members:read', 'members:write', 'invitations:write', 'care-team:write', 'tenant:settings', 'api-keys:manage'] } });
  assert.equal(created.statusCode, 201);
  const { apiKey, key } = created.json() as { apiKey: { id: string }; key: string };
  return { tenantId, admin, clinician, member, invitationId, apiKeyId: apiKey.id, key };
}

type World = Awaited<ReturnType<typeof populatedTenant>>;

/** Every team route, aimed at tenant `t` and the ids of `ids`. */
function requests(t: string, ids: World, someone: Person): Array<[Method, string, unknown?]> {
  return [
    ['GET', `/api/v1/tenants/${t}/members`],
    ['PATCH', `/api/v1/tenants/${t}/members/${ids.member.userId}`, { role: 'admin' }],
    ['DELETE', `/api/v1/tenants/${t}/members/${ids.member.userId}`],
    ['DELETE', `/api/v1/tenants/${t}/members/${ids.admin.userId}`],
    ['POST', `/api/v1/tenants/${t}/invitations`, { email: someone.email, role: 'admin' }],
    ['GET', `/api/v1/tenants/${t}/invitations`],
    ['DELETE', `/api/v1/tenants/${t}/invitations/${ids.invitationId}`],
    ['PUT', `/api/v1/tenants/${t}/care-team/${ids.clinician.userId}/members/${ids.admin.userId}`],
    ['DELETE', `/api/v1/tenants/${t}/care-team/${ids.clinician.userId}/members/${ids.member.userId}`],
    ['PATCH', `/api/v1/tenants/${t}`, { name: 'Taken over', requireMfa: false }],
    ['POST', `/api/v1/tenants/${t}/api-keys`, { name: 'backdoor', permissions: ['members:read'] }],
    ['GET', `/api/v1/tenants/${t}/api-keys`],
    ['DELETE', `/api/v1/tenants/${t}/api-keys/${ids.apiKeyId}`],
  ];
}

/** Everything of a tenant a cross-tenant request could have changed. */
async function snapshot(api: TeamApi, w: World) {
  return api.services.tx.withSystem('test snapshots a tenant', async (sql) => ({
    tenant: await sql.query('select name, branding, require_mfa from tenants where id = $1', [w.tenantId]),
    members: await sql.query('select user_id, role from memberships where tenant_id = $1 order by user_id', [w.tenantId]),
    careTeam: await sql.query('select clinician_id, member_id from care_team where tenant_id = $1 order by 1, 2', [w.tenantId]),
    invitations: await sql.query('select id, revoked_at, accepted_at from invitations where tenant_id = $1 order by id', [w.tenantId]),
    apiKeys: await sql.query('select id, revoked_at from api_keys where tenant_id = $1 order by id', [w.tenantId]),
    audit: await sql.query('select count(*)::int as n from audit_log where tenant_id = $1', [w.tenantId]),
  }));
}

for (const kind of databaseKinds) {
  describe(`team routes across tenants (${kind})`, () => {
    let api: TeamApi;
    let a: World;
    let b: World;
    let outsider: Person;
    before(async () => {
      api = await TeamApi.open(kind);
      a = await populatedTenant(api, 'alpha');
      b = await populatedTenant(api, 'bravo');
      outsider = await api.person('outsider');
    });
    after(() => api.close());

    it("answers 404 to an admin of tenant A for everything of tenant B, and changes nothing there", async () => {
      const before = await snapshot(api, b);
      for (const [method, url, body] of requests(b.tenantId, b, outsider)) {
        const res = await api.call(method, url, { token: a.admin.token, body });
        assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
        assert.equal(res.json().code, 'not_found');
        // The X-Tenant-Id header names no way in either.
        const viaHeader = await api.call(method, url, { token: a.admin.token, body, tenantId: b.tenantId });
        assert.equal(viaHeader.statusCode, 404, `${method} ${url} with X-Tenant-Id`);
      }
      assert.deepEqual(await snapshot(api, b), before);
    });

    it("answers 404 for tenant B's ids inside tenant A's paths", async () => {
      const beforeA = await snapshot(api, a);
      const beforeB = await snapshot(api, b);
      const foreignIds: Array<[Method, string, unknown?]> = [
        ['PATCH', `/api/v1/tenants/${a.tenantId}/members/${b.member.userId}`, { role: 'admin' }],
        ['DELETE', `/api/v1/tenants/${a.tenantId}/members/${b.member.userId}`],
        ['DELETE', `/api/v1/tenants/${a.tenantId}/invitations/${b.invitationId}`],
        ['DELETE', `/api/v1/tenants/${a.tenantId}/api-keys/${b.apiKeyId}`],
        ['PUT', `/api/v1/tenants/${a.tenantId}/care-team/${b.clinician.userId}/members/${b.member.userId}`],
        ['PUT', `/api/v1/tenants/${a.tenantId}/care-team/${a.clinician.userId}/members/${b.member.userId}`],
        ['PUT', `/api/v1/tenants/${a.tenantId}/care-team/${b.clinician.userId}/members/${a.member.userId}`],
        ['DELETE', `/api/v1/tenants/${a.tenantId}/care-team/${b.clinician.userId}/members/${b.member.userId}`],
        ['PATCH', `/api/v1/tenants/${a.tenantId}/members/${uuidv7()}`, { role: 'member' }],
        ['DELETE', `/api/v1/tenants/${a.tenantId}/api-keys/${uuidv7()}`],
      ];
      for (const [method, url, body] of foreignIds) {
        const res = await api.call(method, url, { token: a.admin.token, body });
        assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
      }
      assert.deepEqual(await snapshot(api, a), beforeA);
      assert.deepEqual(await snapshot(api, b), beforeB);
    });

    it("answers 404 to tenant A's API key for everything of tenant B, by path or by header", async () => {
      const before = await snapshot(api, b);
      for (const [method, url, body] of requests(b.tenantId, b, outsider)) {
        assert.equal((await api.call(method, url, { token: a.key, body })).statusCode, 404, `${method} ${url}`);
        assert.equal((await api.call(method, url, { token: a.key, body, tenantId: b.tenantId })).statusCode, 404, `${method} ${url} with X-Tenant-Id`);
      }
      assert.equal((await api.call('GET', `/api/v1/tenants/${b.tenantId}/members`, { token: a.key, tenantId: a.tenantId })).statusCode, 404);
      assert.deepEqual(await snapshot(api, b), before);
    });

    it('answers 404 to a person of no tenant at all, and 401 to nobody', async () => {
      for (const [method, url, body] of requests(a.tenantId, a, outsider)) {
        assert.equal((await api.call(method, url, { token: outsider.token, body })).statusCode, 404, `${method} ${url}`);
        const anonymous = await api.call(method, url, { body });
        assert.equal(anonymous.statusCode, 401, `${method} ${url} without credentials`);
        assert.match(String(anonymous.headers['content-type']), /^application\/problem\+json/);
      }
    });
  });
}
