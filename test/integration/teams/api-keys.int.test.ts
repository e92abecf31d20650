import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { databaseKinds } from '../../support/databases.ts';
import { TeamApi, type Person } from './team-api.ts';

interface CreatedKey {
  apiKey: { id: string; name: string; prefix: string; permissions: string[]; createdAt: string };
  key: string;
}

for (const kind of databaseKinds) {
  describe(`API keys (${kind})`, () => {
    let api: TeamApi;
    before(async () => {
      api = await TeamApi.open(kind);
    });
    after(() => api.close());

    const makeKey = async (who: Person | string, tenantId: string, permissions: string[], name = 'Device gateway') => {
      const res = await api.call('POST', `/api/v1/tenants/${tenantId}/api-keys`, { token: typeof who === 'string' ? who : who.token, body: { name, permissions } });
      return res;
    };

    it('shows a key once, stores its digest, and lists keys without secrets', async () => {
      const admin = await api.person('admin');
      const tenantId = await api.teamTenant('pipeline', admin);
      const created = await makeKey(admin, tenantId, ['members:read', 'samples:write', 'members:read']);
      assert.equal(created.statusCode, 201, created.body);
      const { apiKey, key } = created.json() as CreatedKey;
      assert.match(key, /^vk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
      assert.equal(key.slice(3, 15), apiKey.prefix);
      assert.deepEqual(Object.keys(apiKey).sort(), ['createdAt', 'id', 'name', 'permissions', 'prefix']);
      assert.deepEqual(apiKey.permissions, ['members:read', 'samples:write'], 'duplicates fold');

      const stored = await api.services.tx.withSystem('test reads an API key', (sql) => sql.query<{ key_hash: string }>('select key_hash from api_keys where id = $1', [apiKey.id]));
      assert.equal(stored[0]!.key_hash, createHash('sha256').update(key).digest('hex'));

      const listed = await api.call('GET', `/api/v1/tenants/${tenantId}/api-keys`, { token: admin.token });
      assert.equal(listed.statusCode, 200);
      assert.deepEqual(listed.json(), { apiKeys: [{ ...apiKey, lastUsedAt: null, revokedAt: null }] });
      assert.ok(!listed.body.includes(key.slice(16)) && !listed.body.includes(stored[0]!.key_hash));

      const [entry] = await api.audited(tenantId, 'api_key.created');
      assert.equal(entry?.actorUserId, admin.userId);
      assert.deepEqual(entry?.details, { name: 'Device gateway', prefix: apiKey.prefix, permissions: ['members:read', 'samples:write'] });
    });

    it('acts only inside its tenant and its permissions, records its last use, and stops at once when revoked', async () => {
      const admin = await api.person('admin');
      const other = await api.person('other');
      const tenantId = await api.teamTenant('gateway', admin);
      const otherTenantId = await api.teamTenant('elsewhere', other);
      await api.join(other, otherTenantId, admin, 'admin'); // the key's maker belongs to both tenants
      const { apiKey, key } = (await makeKey(admin, tenantId, ['members:read'])).json() as CreatedKey;

      // Its own tenant: by path, by header, or by default.
      assert.equal((await api.call('GET', `/api/v1/tenants/${tenantId}/members`, { token: key })).statusCode, 200);
      assert.equal((await api.call('GET', `/api/v1/tenants/${tenantId}/members`, { token: key, tenantId })).statusCode, 200);
      // Another tenant — even one its maker administers — is none of its business.
      assert.equal((await api.call('GET', `/api/v1/tenants/${otherTenantId}/members`, { token: key })).statusCode, 404);
      assert.equal((await api.call('GET', `/api/v1/tenants/${tenantId}/members`, { token: key, tenantId: otherTenantId })).statusCode, 200, 'the path decides');
      assert.equal((await api.call('GET', `/api/v1/tenants/${otherTenantId}/members`, { token: key, tenantId: otherTenantId })).statusCode, 404);
      // Beyond its permissions, inside its tenant: 403.
      const invite = await api.call('POST', `/api/v1/tenants/${tenantId}/invitations`, { token: key, body: { email: 'new@example.test', role: 'member' } });
      assert.equal(invite.statusCode, 403);
      assert.equal(invite.json().code, 'forbidden');
      assert.equal((await api.call('GET', `/api/v1/tenants/${tenantId}/api-keys`, { token: key })).statusCode, 403);
      assert.equal((await api.call('PATCH', `/api/v1/tenants/${tenantId}`, { token: key, body: { name: 'Hijacked' } })).statusCode, 403);
      assert.equal((await makeKey(key, tenantId, ['members:read'])).statusCode, 403);

      const listed = (await api.call('GET', `/api/v1/tenants/${tenantId}/api-keys`, { token: admin.token })).json() as { apiKeys: Array<{ lastUsedAt: string | null }> };
      assert.ok(listed.apiKeys[0]!.lastUsedAt, 'the last use is recorded');
      assert.ok(Date.now() - Date.parse(listed.apiKeys[0]!.lastUsedAt!) < 60_000);

      // A key's secret must match, not just its prefix.
      const forged = `${key.slice(0, 16)}${'A'.repeat(43)}`;
      assert.equal((await api.call('GET', `/api/v1/tenants/${tenantId}/members`, { token: forged })).statusCode, 401);

      assert.equal((await api.call('DELETE', `/api/v1/tenants/${tenantId}/api-keys/${apiKey.id}`, { token: admin.token })).statusCode, 204);
      const refused = await api.call('GET', `/api/v1/tenants/${tenantId}/members`, { token: key });
      assert.equal(refused.statusCode, 401);
      assert.equal(refused.json().code, 'unauthorized');
      assert.equal((await api.call('DELETE', `/api/v1/tenants/${tenantId}/api-keys/${apiKey.id}`, { token: admin.token })).statusCode, 204, 'revoking twice is harmless');
      const after = (await api.call('GET', `/api/v1/tenants/${tenantId}/api-keys`, { token: admin.token })).json() as { apiKeys: Array<{ revokedAt: string | null }> };
      assert.ok(after.apiKeys[0]!.revokedAt);

      const revoked = await api.audited(tenantId, 'api_key.revoked');
      assert.deepEqual(revoked.map((e) => [e.actorUserId, e.targetId]), [[admin.userId, apiKey.id]]);
    });

    it("never grants more than its maker holds, and follows the maker's role and membership", async () => {
      const admin = await api.person('admin');
      const coach = await api.person('coach');
      const tenantId = await api.teamTenant('squad', admin);
      await api.join(admin, tenantId, coach, 'admin');

      // A key that manages keys cannot mint one with more than it holds itself.
      const manager = (await makeKey(admin, tenantId, ['api-keys:manage'])).json() as CreatedKey;
      const escalation = await makeKey(manager.key, tenantId, ['members:write']);
      assert.equal(escalation.statusCode, 403);
      const minted = await makeKey(manager.key, tenantId, ['api-keys:manage'], 'Rotation job');
      assert.equal(minted.statusCode, 201, minted.body);
      const [mintedEntry] = (await api.audited(tenantId, 'api_key.created')).filter((e) => e.targetId === (minted.json() as CreatedKey).apiKey.id);
      assert.equal(mintedEntry?.actorUserId, admin.userId);
      assert.equal(mintedEntry?.details.viaApiKeyId, manager.apiKey.id);

      // Clinicians and members make no keys at all.
      const nurse = await api.person('nurse');
      await api.join(admin, tenantId, nurse, 'clinician');
      assert.equal((await makeKey(nurse, tenantId, ['members:read'])).statusCode, 403);

      // The coach's key shrinks with the coach's role and dies with their membership.
      const coachKey = (await makeKey(coach, tenantId, ['members:read', 'members:write'])).json() as CreatedKey;
      const patchNurse = (role: string) => api.call('PATCH', `/api/v1/tenants/${tenantId}/members/${nurse.userId}`, { token: coachKey.key, body: { role } });
      assert.equal((await patchNurse('member')).statusCode, 200);
      assert.equal((await api.call('PATCH', `/api/v1/tenants/${tenantId}/members/${coach.userId}`, { token: admin.token, body: { role: 'member' } })).statusCode, 200);
      assert.equal((await patchNurse('clinician')).statusCode, 403, 'a demoted maker takes the key down with them');
      const seen = await api.call('GET', `/api/v1/tenants/${tenantId}/members`, { token: coachKey.key });
      assert.deepEqual((seen.json() as { members: Array<{ userId: string }> }).members.map((m) => m.userId), [coach.userId], 'and it sees what the maker sees now');

      assert.equal((await api.call('DELETE', `/api/v1/tenants/${tenantId}/members/${coach.userId}`, { token: admin.token })).statusCode, 204);
      assert.equal((await api.call('GET', `/api/v1/tenants/${tenantId}/members`, { token: coachKey.key })).statusCode, 401, "removing the maker revokes their keys");
      const revoked = (await api.audited(tenantId, 'api_key.revoked')).map((e) => [e.actorUserId, e.targetId, e.details.reason]);
      assert.deepEqual(revoked, [[admin.userId, coachKey.apiKey.id, 'its maker was removed']]);
    });
  });
}
