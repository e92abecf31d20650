// The verified-session memo lets requests skip the database, yet every change of access holds
// from the very next request — on the node that made it and on any other. Nodes here remember
// for a minute, so a change that was not announced would visibly still be served: each check
// below passes only because the change was announced, never because an entry expired.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import { uuidv7 } from 'uuidv7';
import type { Role } from '../../src/app/ports.ts';
import { createTenant } from '../../src/app/tenancy/create-tenant.ts';
import { openApi, signUpVerified, STRONG_PASSWORD, type ApiHarness } from '../support/api-harness.ts';
import { databaseKinds, POSTGRES_URL, REDIS_URL, scratchPostgres } from '../support/databases.ts';

const REMEMBER_FOR_A_MINUTE = { AUTH_MEMO_TTL_SECONDS: '60' };

interface Answer {
  statusCode: number;
  body: string;
  json<T>(): T;
}

type Problem = { code: string };
type MemberList = { members: Array<{ userId: string }> };

type Call = (method: string, url: string, options?: { body?: unknown; token?: string }) => Promise<Answer>;

interface Nodes {
  /** The node where people sign up and changes are made. */
  api: ApiHarness;
  here: Call;
  /**
   * Where the next request goes: this node again embedded, another API node when scaled out —
   * over HTTP, as a client's next request arrives (an injected request could be served before
   * the node has read anything from its sockets, Redis's included).
   */
  there: Call;
  close(): Promise<void>;
}

async function overHttp(api: ApiHarness): Promise<Call> {
  const base = await api.app.listen({ port: 0, host: '127.0.0.1' });
  return async (method, url, options = {}) => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const body = await response.text();
    return { statusCode: response.status, body, json: () => JSON.parse(body) };
  };
}

const setups: Array<{ label: string; open(): Promise<Nodes> }> = [
  ...databaseKinds.map((kind) => ({
    label: `one node on ${kind}`,
    async open(): Promise<Nodes> {
      const api = await openApi(kind, REMEMBER_FOR_A_MINUTE);
      return { api, here: api.call, there: await overHttp(api), close: () => api.close() };
    },
  })),
  ...(POSTGRES_URL && REDIS_URL
    ? [
        {
          label: 'two API nodes sharing Postgres and Redis',
          async open(): Promise<Nodes> {
            const shared = await scratchPostgres();
            const env = {
              ...REMEMBER_FOR_A_MINUTE,
              DATABASE_URL: shared.url,
              REDIS_URL,
              REDIS_NAMESPACE: `memo-${uuidv7().slice(-12)}`,
              ENCRYPTION_KEYS: `1:${randomBytes(32).toString('base64')}`,
              AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'),
            };
            const api = await openApi('postgres', env);
            const other = await openApi('postgres', env);
            const overThere = await overHttp(other);
            return {
              api,
              here: api.call,
              // Across nodes an announcement takes one Redis hop: a PING on the other node's
              // subscriber connection answers only after every message published before it was
              // delivered there, so "the next request" means the next one after that hop.
              there: async (...request) => {
                await other.services.pubsub.ping();
                return overThere(...request);
              },
              async close() {
                await Promise.all([api.close(), other.close()]);
                await shared.drop();
              },
            };
          },
        },
      ]
    : []),
];

for (const setup of setups) {
  describe(`access changes hold from the next request: ${setup.label}`, () => {
    let nodes: Nodes;
    let people = 0;

    before(async () => {
      nodes = await setup.open();
    });
    after(() => nodes.close());

    /** A verified, signed-in person, from an address of their own (the auth routes limit per IP). */
    async function person(label: string) {
      people += 1;
      const email = `${label}-${uuidv7().slice(-12)}@example.test`;
      return { email, ...(await signUpVerified(nodes.api, email, label, { ip: `10.91.${people >> 8}.${people & 255}` })) };
    }

    /** A team tenant with `admin` as its admin and `others` joined with their roles. */
    async function team(admin: { email: string }, others: Array<[{ userId: string }, Role]>): Promise<string> {
      const { services } = nodes.api;
      const tenant = await createTenant(services.deps, { slug: `memo-${uuidv7().slice(-12)}`, name: 'Memo Team', type: 'team', admin: { email: admin.email, name: 'Admin' } });
      await services.tx.withSystem('test: people join the team', async (sql) => {
        for (const [member, role] of others) await services.deps.repos.memberships.upsert(sql, { tenantId: tenant.id, userId: member.userId, role });
      });
      return tenant.id;
    }

    const members = (node: Call, token: string, tenantId: string) => node('GET', `/api/v1/tenants/${tenantId}/members`, { token });
    const status = async (node: Call, token: string, tenantId: string) => (await members(node, token, tenantId)).statusCode;

    it('remembers: a change made behind its back (not announced) is still served — so the checks below have teeth', async () => {
      const ana = await person('ana');
      assert.equal(await status(nodes.there, ana.accessToken, ana.tenantId), 200);
      await nodes.api.services.tx.withSystem('test: revokes the sessions without announcing it', (sql) =>
        sql.query('update sessions set revoked_at = now() where user_id = $1', [ana.userId]),
      );
      assert.equal(await status(nodes.there, ana.accessToken, ana.tenantId), 200);
    });

    it('refuses a signed-out session at once, wherever it was remembered', async () => {
      const ben = await person('ben');
      for (const node of [nodes.here, nodes.there]) assert.equal(await status(node, ben.accessToken, ben.tenantId), 200);
      const out = await nodes.here('POST', '/api/v1/auth/sign-out', { token: ben.accessToken, body: { refreshToken: ben.refreshToken } });
      assert.equal(out.statusCode, 204);
      for (const node of [nodes.there, nodes.here]) assert.equal(await status(node, ben.accessToken, ben.tenantId), 401);
    });

    it('ends the other sessions at once on a password change, and every session on signing out everywhere', async () => {
      const cleo = await person('cleo');
      const other = (await nodes.here('POST', '/api/v1/auth/sign-in', { body: { email: cleo.email, password: STRONG_PASSWORD } })).json<{ accessToken: string }>();
      for (const token of [cleo.accessToken, other.accessToken]) assert.equal(await status(nodes.there, token, cleo.tenantId), 200);

      const changed = await nodes.here('POST', '/api/v1/auth/change-password', { token: cleo.accessToken, body: { currentPassword: STRONG_PASSWORD, newPassword: 'quartz lantern meadow 42' } });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal(await status(nodes.there, other.accessToken, cleo.tenantId), 401, 'the other session ended');
      assert.equal(await status(nodes.there, cleo.accessToken, cleo.tenantId), 200, 'the session that changed it goes on');

      assert.equal((await nodes.here('POST', '/api/v1/auth/sign-out-everywhere', { token: cleo.accessToken })).statusCode, 204);
      assert.equal(await status(nodes.there, cleo.accessToken, cleo.tenantId), 401);
    });

    it('ends a family at once when its rotated refresh token is replayed', async () => {
      const dan = await person('dan');
      const rotated = (await nodes.here('POST', '/api/v1/auth/refresh', { body: { refreshToken: dan.refreshToken } })).json<{ accessToken: string }>();
      for (const token of [dan.accessToken, rotated.accessToken]) assert.equal(await status(nodes.there, token, dan.tenantId), 200);
      assert.equal((await nodes.here('POST', '/api/v1/auth/refresh', { body: { refreshToken: dan.refreshToken } })).statusCode, 401);
      for (const token of [dan.accessToken, rotated.accessToken]) assert.equal(await status(nodes.there, token, dan.tenantId), 401);
    });

    it('applies a demotion at once, and answers 404 at once to a removed member', async () => {
      const admin = await person('admin');
      const eve = await person('eve');
      const tenantId = await team(admin, [[eve, 'admin']]);
      assert.equal((await members(nodes.there, eve.accessToken, tenantId)).json<MemberList>().members.length, 2, 'an admin sees everyone');

      const demoted = await nodes.here('PATCH', `/api/v1/tenants/${tenantId}/members/${eve.userId}`, { token: admin.accessToken, body: { role: 'member' } });
      assert.equal(demoted.statusCode, 200, demoted.body);
      assert.deepEqual((await members(nodes.there, eve.accessToken, tenantId)).json<MemberList>().members.map((m) => m.userId), [eve.userId], 'a member sees only themselves');
      assert.equal((await nodes.there('GET', `/api/v1/tenants/${tenantId}/api-keys`, { token: eve.accessToken })).statusCode, 403);

      assert.equal((await nodes.here('DELETE', `/api/v1/tenants/${tenantId}/members/${eve.userId}`, { token: admin.accessToken })).statusCode, 204);
      const removed = await members(nodes.there, eve.accessToken, tenantId);
      assert.equal(removed.statusCode, 404);
      assert.equal(removed.json<Problem>().code, 'not_found');
    });

    it('turns people without two-factor away at once when the tenant requires it, or when they turn theirs off', async () => {
      const admin = await person('strict');
      const finn = await person('finn');
      const tenantId = await team(admin, [[finn, 'member']]);
      const enrol = (await nodes.here('POST', '/api/v1/auth/mfa/totp/enroll', { token: admin.accessToken })).json<{ secret: string }>();
      const code = await generate({ secret: enrol.secret, epoch: Math.floor(Date.now() / 1000) });
      assert.equal((await nodes.here('POST', '/api/v1/auth/mfa/totp/confirm', { token: admin.accessToken, body: { code } })).statusCode, 200);
      for (const who of [admin, finn]) assert.equal(await status(nodes.there, who.accessToken, tenantId), 200);

      const strict = await nodes.here('PATCH', `/api/v1/tenants/${tenantId}`, { token: admin.accessToken, body: { requireMfa: true } });
      assert.equal(strict.statusCode, 200, strict.body);
      const refused = await members(nodes.there, finn.accessToken, tenantId);
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json<Problem>().code, 'mfa_enrollment_required');
      assert.equal(await status(nodes.there, admin.accessToken, tenantId), 200, 'the admin has two-factor on');

      const off = await nodes.here('POST', '/api/v1/auth/mfa/totp/disable', { token: admin.accessToken, body: { currentPassword: STRONG_PASSWORD } });
      assert.equal(off.statusCode, 204, off.body);
      assert.equal((await members(nodes.there, admin.accessToken, tenantId)).json<Problem>().code, 'mfa_enrollment_required');
    });

    it('refuses a revoked API key at once, and the keys of a removed member', async () => {
      const admin = await person('keys');
      const gus = await person('gus');
      const tenantId = await team(admin, [[gus, 'admin']]);
      const makeKey = async (maker: { accessToken: string }) => {
        const created = await nodes.here('POST', `/api/v1/tenants/${tenantId}/api-keys`, { token: maker.accessToken, body: { name: 'sync', permissions: ['members:read'] } });
        assert.equal(created.statusCode, 201, created.body);
        return created.json<{ apiKey: { id: string }; key: string }>();
      };
      const adminKey = await makeKey(admin);
      const gusKey = await makeKey(gus);
      for (const { key } of [adminKey, gusKey]) assert.equal(await status(nodes.there, key, tenantId), 200);

      const revoked = await nodes.here('DELETE', `/api/v1/tenants/${tenantId}/api-keys/${adminKey.apiKey.id}`, { token: admin.accessToken });
      assert.equal(revoked.statusCode, 204, revoked.body);
      assert.equal(await status(nodes.there, adminKey.key, tenantId), 401);

      assert.equal((await nodes.here('DELETE', `/api/v1/tenants/${tenantId}/members/${gus.userId}`, { token: admin.accessToken })).statusCode, 204);
      assert.equal(await status(nodes.there, gusKey.key, tenantId), 401);
    });
  });
}
