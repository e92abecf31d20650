import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseKinds } from '../../support/databases.ts';
import { TeamApi } from './team-api.ts';

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface JsonSchema {
  type?: string;
  additionalProperties?: unknown;
  anyOf?: JsonSchema[];
}

/** Bodies no team route accepts, sent by a real admin at real ids, so only the input can be at fault. */
const badBodies: Array<{ name: string; payload: string; contentType?: string; onlyWhereABodyIsDue?: true }> = [
  { name: 'malformed JSON', payload: '{"role": "admin",' },
  { name: 'an empty JSON body', payload: '' },
  // null is how Fastify hands over a missing body, so a route that takes none takes this one.
  { name: 'JSON null', payload: 'null', onlyWhereABodyIsDue: true },
  { name: 'a JSON array', payload: '[{"role":"admin"}]' },
  { name: 'a bare string', payload: '"admin"' },
  { name: 'wrong types', payload: JSON.stringify({ role: 7, email: ['x'], name: {}, permissions: 'all', branding: 'blue', requireMfa: 'yes' }) },
  { name: 'unknown fields only', payload: JSON.stringify({ surprise: true }) },
  { name: 'a prototype-pollution attempt', payload: '{"__proto__": {"role": "admin"}, "constructor": {"prototype": {"x": 1}}}' },
  { name: 'a form body', payload: 'role=admin', contentType: 'application/x-www-form-urlencoded' },
  { name: 'a text body', payload: 'role=admin', contentType: 'text/plain' },
];

for (const kind of databaseKinds) {
  describe(`team routes refuse bad input with 4xx problem+json and change nothing (${kind})`, () => {
    let api: TeamApi;
    before(async () => {
      api = await TeamApi.open(kind);
    });
    after(() => api.close());

    it('appear in the OpenAPI document, with closed bodies', async () => {
      const spec = (await api.call('GET', '/openapi.json')).json() as {
        paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
      };
      // A closed object, or (for routes that take no body) a closed empty object or nothing.
      const closed = (schema: JsonSchema | undefined): boolean =>
        !!schema &&
        (schema.type === 'object'
          ? schema.additionalProperties === false
          : !!schema.anyOf?.length && schema.anyOf.every((s) => s.type === 'null' || closed(s)));
      const expected: Array<[string, string]> = [
        ['/api/v1/tenants/{tenantId}/members', 'get'],
        ['/api/v1/tenants/{tenantId}/members/{userId}', 'patch'],
        ['/api/v1/tenants/{tenantId}/members/{userId}', 'delete'],
        ['/api/v1/tenants/{tenantId}/invitations', 'post'],
        ['/api/v1/tenants/{tenantId}/invitations', 'get'],
        ['/api/v1/tenants/{tenantId}/invitations/{invitationId}', 'delete'],
        ['/api/v1/invitations/{token}/accept', 'post'],
        ['/api/v1/tenants/{tenantId}/care-team/{clinicianId}/members/{memberId}', 'put'],
        ['/api/v1/tenants/{tenantId}/care-team/{clinicianId}/members/{memberId}', 'delete'],
        ['/api/v1/tenants/{tenantId}', 'patch'],
        ['/api/v1/tenants/{tenantId}/api-keys', 'post'],
        ['/api/v1/tenants/{tenantId}/api-keys', 'get'],
        ['/api/v1/tenants/{tenantId}/api-keys/{apiKeyId}', 'delete'],
      ];
      for (const [path, method] of expected) {
        const operation = spec.paths[path]?.[method];
        assert.ok(operation, `${method.toUpperCase()} ${path} is documented`);
        if (method === 'get') continue;
        const schema = operation.requestBody?.content['application/json']?.schema;
        assert.ok(closed(schema), `${method.toUpperCase()} ${path} refuses unknown fields: ${JSON.stringify(schema)}`);
      }
    });

    it('on every team route, from an admin aiming at real ids', async () => {
      const admin = await api.person('admin');
      const tenantId = await api.teamTenant('fuzz', admin);
      const [doctor, athlete, invitee] = await Promise.all([api.person('doctor'), api.person('athlete'), api.person('invitee')]);
      await api.join(admin, tenantId, doctor, 'clinician');
      await api.join(admin, tenantId, athlete, 'member');
      const inviteToken = await api.invite(admin, tenantId, invitee, 'member');
      const invitationId = (await api.call('GET', `/api/v1/tenants/${tenantId}/invitations`, { token: admin.token })).json().invitations[0].id;
      const created = await api.call('POST', `/api/v1/tenants/${tenantId}/api-keys`, { token: admin.token, body: { name: 'fuzz', permissions: ['members:read'] } });
      const apiKeyId = created.json().apiKey.id;

      const t = `/api/v1/tenants/${tenantId}`;
      // Each route with a body that would succeed, so "unknown field" probes differ from it in that one field only.
      const routes: Array<{ method: Method; url: string; token: string; valid?: Record<string, unknown> }> = [
        { method: 'PATCH', url: `${t}/members/${athlete.userId}`, token: admin.token, valid: { role: 'clinician' } },
        { method: 'DELETE', url: `${t}/members/${athlete.userId}`, token: admin.token },
        { method: 'POST', url: `${t}/invitations`, token: admin.token, valid: { email: 'new-person@example.test', role: 'member' } },
        { method: 'DELETE', url: `${t}/invitations/${invitationId}`, token: admin.token },
        { method: 'POST', url: `/api/v1/invitations/${inviteToken}/accept`, token: invitee.token },
        { method: 'PUT', url: `${t}/care-team/${doctor.userId}/members/${athlete.userId}`, token: admin.token },
        { method: 'DELETE', url: `${t}/care-team/${doctor.userId}/members/${athlete.userId}`, token: admin.token },
        { method: 'PATCH', url: t, token: admin.token, valid: { name: 'Renamed', branding: { primaryColor: '#123456' }, requireMfa: false } },
        { method: 'POST', url: `${t}/api-keys`, token: admin.token, valid: { name: 'pipeline', permissions: ['members:read'] } },
        { method: 'DELETE', url: `${t}/api-keys/${apiKeyId}`, token: admin.token },
      ];
      const auditLength = async () => (await api.audit(tenantId)).length;
      const before = await auditLength();

      for (const route of routes) {
        const probes = [
          ...badBodies.filter((b) => route.valid || !b.onlyWhereABodyIsDue),
          { name: 'one unknown field beside a valid body', payload: JSON.stringify({ ...(route.valid ?? {}), surprise: true }) },
          ...(route.valid
            ? Object.keys(route.valid).map((field) => ({ name: `${field} of the wrong type`, payload: JSON.stringify({ ...route.valid, [field]: [42] }) }))
            : []),
        ];
        for (const probe of probes) {
          const res = await api.app.inject({
            method: route.method,
            url: route.url,
            payload: probe.payload,
            headers: { authorization: `Bearer ${route.token}`, 'content-type': probe.contentType ?? 'application/json' },
          });
          const what = `${route.method} ${route.url} with ${probe.name}`;
          assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${what}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          assert.match(String(res.headers['content-type']), /^application\/problem\+json/, what);
          const problem = res.json() as { code: string; status: number };
          assert.equal(problem.status, res.statusCode, what);
          assert.ok(['malformed_json', 'validation_failed', 'unsupported_media_type', 'bad_request'].includes(problem.code), `${what}: ${problem.code}`);
        }
      }
      // Garbled path parameters are refused too, never reach SQL.
      for (const url of [`/api/v1/tenants/not-a-uuid/members`, `${t}/members/42`, `${t}/api-keys/${apiKeyId}x`, `/api/v1/invitations/short/accept`]) {
        const res = await api.call(url.endsWith('members') ? 'GET' : url.endsWith('accept') ? 'POST' : 'DELETE', url, { token: admin.token });
        assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      }

      assert.equal(await auditLength(), before, 'no refused request left a trace in the audit chain');
      const members = (await api.call('GET', `${t}/members`, { token: admin.token })).json().members as Array<{ userId: string; role: string }>;
      assert.equal(members.find((m) => m.userId === athlete.userId)?.role, 'member');
      assert.equal((await api.call('POST', `/api/v1/invitations/${inviteToken}/accept`, { token: invitee.token })).statusCode, 200, 'the invitation is still good');
    });
  });
}
