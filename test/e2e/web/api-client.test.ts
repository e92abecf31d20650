// Unit tests of the web app's API client (web/src/api), run in Node against a fake fetch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiClient, REFRESH_TOKEN_KEY, type KeyValueStore } from '../../../web/src/api/client.ts';
import { ApiError, NetworkError, describeError } from '../../../web/src/api/errors.ts';
import { createVitalisApi } from '../../../web/src/api/vitalis-api.ts';

class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, string>();
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.values.set(key, value);
  }
  removeItem(key: string) {
    this.values.delete(key);
  }
}

interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (call: Call) => Response | Promise<Response>;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const problem = (status: number, code: string, detail?: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title: code.replace(/_/g, ' '), status, code, ...(detail ? { detail } : {}) }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

function setup(handler: Handler, options: { refreshToken?: string } = {}) {
  const storage = new MemoryStore();
  if (options.refreshToken) storage.setItem(REFRESH_TOKEN_KEY, options.refreshToken);
  const calls: Call[] = [];
  const locks: string[] = [];
  const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      method: init?.method ?? 'GET',
      path: String(input),
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    return handler(call);
  }) as typeof fetch;
  const client = new ApiClient({
    storage,
    fetch: fakeFetch,
    lock: async (name, fn) => {
      locks.push(name);
      return fn();
    },
  });
  const events: boolean[] = [];
  client.subscribe((signedIn) => events.push(signedIn));
  return { client, api: createVitalisApi(client), storage, calls, locks, events };
}

/** A fake API: access tokens `access-N`, refresh tokens `refresh-N`; only the newest of each is valid. */
function fakeApi() {
  let generation = 1;
  const state = { refreshes: 0 };
  const handler: Handler = async (call) => {
    if (call.path === '/api/v1/auth/sign-in') return json(200, { accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 900 });
    if (call.path === '/api/v1/auth/sign-out') return new Response(null, { status: 204 });
    if (call.path === '/api/v1/auth/refresh') {
      state.refreshes += 1;
      const { refreshToken } = call.body as { refreshToken: string };
      if (refreshToken !== `refresh-${generation}`) return problem(401, 'unauthorized', 'This session has ended; sign in again.');
      generation += 1;
      return json(200, { accessToken: `access-${generation}`, refreshToken: `refresh-${generation}`, expiresIn: 900 });
    }
    if (call.headers.authorization !== `Bearer access-${generation}`) return problem(401, 'token_expired', 'The access token has expired.');
    if (call.path === '/api/v1/auth/change-password') return problem(401, 'invalid_credentials', 'The current password is not right.');
    if (call.path === '/api/v1/me') return json(200, { user: { id: 'u1' }, memberships: [] });
    return json(200, { path: call.path, tenant: call.headers['x-tenant-id'] ?? null });
  };
  return {
    handler,
    state,
    /** The server moves on to the next pair (as if the access token expired). */
    advance: () => {
      generation += 1;
    },
  };
}

describe('web API client', () => {
  it('keeps the access token in memory and the refresh token in storage, and names the tenant', async () => {
    const fake = fakeApi();
    const { client, api, storage, calls, events } = setup(fake.handler);
    assert.equal(client.hasSession, false);
    await api.signIn({ email: 'a@example.org', password: 'correct horse battery' });
    assert.equal(storage.getItem(REFRESH_TOKEN_KEY), 'refresh-1');
    assert.equal([...storage.values.values()].includes('access-1'), false, 'the access token never reaches storage');
    assert.deepEqual(events, [true]);

    client.tenantId = 'tenant-7';
    await api.listMembers('tenant-7');
    await api.me();
    const members = calls.find((c) => c.path === '/api/v1/tenants/tenant-7/members')!;
    assert.equal(members.headers.authorization, 'Bearer access-1');
    assert.equal(members.headers['x-tenant-id'], 'tenant-7');
    const me = calls.find((c) => c.path === '/api/v1/me')!;
    assert.equal(me.headers['x-tenant-id'], undefined, '/me is about the person, not a tenant');
    const signIn = calls.find((c) => c.path === '/api/v1/auth/sign-in')!;
    assert.equal(signIn.headers.authorization, undefined);
  });

  it('refreshes once on token_expired and retries the request', async () => {
    const fake = fakeApi();
    const { client, api, storage, calls, locks } = setup(fake.handler);
    await api.signIn({ email: 'a@example.org', password: 'pw' });
    // The access token expires; the server now takes refresh-2 (stored here as the current one).
    fake.advance();
    storage.setItem(REFRESH_TOKEN_KEY, 'refresh-2');
    const answer = await client.request<{ path: string }>('GET', '/api/v1/tenants/t/members');
    assert.equal(answer.path, '/api/v1/tenants/t/members');
    assert.equal(fake.state.refreshes, 1);
    assert.equal(storage.getItem(REFRESH_TOKEN_KEY), 'refresh-3');
    assert.deepEqual(locks, ['vitalis.refresh'], 'the refresh runs under the cross-tab lock');
    const retried = calls.filter((c) => c.path === '/api/v1/tenants/t/members');
    assert.deepEqual(
      retried.map((c) => c.headers.authorization),
      ['Bearer access-1', 'Bearer access-3'],
    );
  });

  it('shares one refresh between requests that fail together', async () => {
    const fake = fakeApi();
    const { client, storage } = setup(fake.handler, { refreshToken: 'refresh-1' });
    // No access token yet (a reload): every request needs the refresh, and only one happens.
    const answers = await Promise.all([
      client.request<{ path: string }>('GET', '/api/v1/a'),
      client.request<{ path: string }>('GET', '/api/v1/b'),
      client.request<{ path: string }>('GET', '/api/v1/c'),
    ]);
    assert.deepEqual(
      answers.map((a) => a.path),
      ['/api/v1/a', '/api/v1/b', '/api/v1/c'],
    );
    assert.equal(fake.state.refreshes, 1);
    assert.equal(storage.getItem(REFRESH_TOKEN_KEY), 'refresh-2');
  });

  it('does not refresh on a 401 from an auth route that is about the input, and surfaces its detail', async () => {
    const fake = fakeApi();
    const { api, events } = setup(fake.handler);
    await api.signIn({ email: 'a@example.org', password: 'pw' });
    const error = await api.changePassword('wrong', 'a new long passphrase').then(
      () => assert.fail('expected a refusal'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 401);
    assert.equal(error.code, 'invalid_credentials');
    assert.equal(error.message, 'The current password is not right.');
    assert.equal(fake.state.refreshes, 0);
    assert.deepEqual(events, [true], 'still signed in');
  });

  it('passes mfa_required through from sign-in without touching the session', async () => {
    const { api, storage, calls } = setup(async (call) =>
      (call.body as { totp?: string }).totp === '123456'
        ? json(200, { accessToken: 'a', refreshToken: 'r'.repeat(20), expiresIn: 900 })
        : problem(401, 'mfa_required', 'Enter the code from your authenticator app, or a recovery code.'),
    );
    const error = await api.signIn({ email: 'a@example.org', password: 'pw' }).catch((e: unknown) => e);
    assert.ok(error instanceof ApiError);
    assert.equal(error.code, 'mfa_required');
    assert.equal(storage.getItem(REFRESH_TOKEN_KEY), null);
    await api.signIn({ email: 'a@example.org', password: 'pw', totp: '123456' });
    assert.equal(storage.getItem(REFRESH_TOKEN_KEY), 'r'.repeat(20));
    assert.equal(calls.filter((c) => c.path.endsWith('/refresh')).length, 0);
  });

  it('ends the session when the refresh is refused', async () => {
    const fake = fakeApi();
    const { client, storage, events } = setup(fake.handler, { refreshToken: 'refresh-stale' });
    const error = await client.request('GET', '/api/v1/me').catch((e: unknown) => e);
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 401);
    assert.equal(storage.getItem(REFRESH_TOKEN_KEY), null);
    assert.deepEqual(events, [false]);
    assert.equal(client.hasSession, false);
    // Without a session, an authenticated call does not even reach the network.
    const again = await client.request('GET', '/api/v1/me').catch((e: unknown) => e);
    assert.ok(again instanceof ApiError && again.status === 401);
    assert.equal(fake.state.refreshes, 1);
  });

  it('reads each refresh token under the lock, so a token another tab rotated is never presented again', async () => {
    const fake = fakeApi();
    const { client, storage } = setup(fake.handler, { refreshToken: 'refresh-1' });
    // Another tab already traded refresh-1 for refresh-2 and stored it.
    await fake.handler({ method: 'POST', path: '/api/v1/auth/refresh', headers: {}, body: { refreshToken: 'refresh-1' } });
    storage.setItem(REFRESH_TOKEN_KEY, 'refresh-2');
    const answer = await client.request<{ path: string }>('GET', '/api/v1/x');
    assert.equal(answer.path, '/api/v1/x');
    assert.equal(storage.getItem(REFRESH_TOKEN_KEY), 'refresh-3');
  });

  it('turns problem+json into ApiError with detail, field errors and a fallback message', async () => {
    const { api } = setup(async (call) => {
      if (call.path.endsWith('/sign-up')) {
        return new Response(
          JSON.stringify({
            status: 400,
            code: 'validation_failed',
            title: 'validation failed',
            detail: 'The request does not match the schema.',
            errors: [{ path: 'body.email', message: 'Invalid email address' }],
          }),
          { status: 400, headers: { 'content-type': 'application/problem+json' } },
        );
      }
      return new Response('<html>bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } });
    });
    const invalid = await api.signUp({ email: 'nope', password: 'x', name: 'A' }).catch((e: unknown) => e);
    assert.ok(invalid instanceof ApiError);
    assert.equal(invalid.message, 'The request does not match the schema.');
    assert.deepEqual(invalid.fieldErrors(), { email: 'Invalid email address' });
    const gateway = await api.verifyEmail('t'.repeat(20)).catch((e: unknown) => e);
    assert.ok(gateway instanceof ApiError);
    assert.equal(gateway.code, 'http_502');
    assert.match(describeError(gateway), /went wrong on our side/);
  });

  it('reports an unreachable API as NetworkError and keeps the session', async () => {
    const { api, client, storage } = setup(async () => {
      throw new TypeError('fetch failed');
    }, { refreshToken: 'refresh-1' });
    const error = await api.me().catch((e: unknown) => e);
    assert.ok(error instanceof NetworkError);
    assert.equal(storage.getItem(REFRESH_TOKEN_KEY), 'refresh-1');
    assert.equal(client.hasSession, true);
  });

  it('signs out on the server and locally, and locally even when the server cannot be reached', async () => {
    const fake = fakeApi();
    const { api, storage, calls, events } = setup(fake.handler);
    await api.signIn({ email: 'a@example.org', password: 'pw' });
    await api.signOut();
    const signOut = calls.find((c) => c.path === '/api/v1/auth/sign-out')!;
    assert.deepEqual(signOut.body, { refreshToken: 'refresh-1' });
    assert.equal(storage.getItem(REFRESH_TOKEN_KEY), null);
    assert.deepEqual(events, [true, false]);

    const offline = setup(async (call) => {
      if (call.path.endsWith('/sign-in')) return json(200, { accessToken: 'a', refreshToken: 'r'.repeat(20), expiresIn: 900 });
      throw new TypeError('fetch failed');
    });
    await offline.api.signIn({ email: 'a@example.org', password: 'pw' });
    await offline.api.signOut();
    assert.equal(offline.storage.getItem(REFRESH_TOKEN_KEY), null);
    assert.equal(offline.client.hasSession, false);
  });

  it('encodes path segments', async () => {
    const { api, calls } = setup(
      async (call) =>
        call.path.endsWith('/sign-in')
          ? json(200, { accessToken: 'a', refreshToken: 'r'.repeat(20), expiresIn: 900 })
          : json(200, { tenantId: 't', role: 'member' }),
    );
    await api.signIn({ email: 'a@example.org', password: 'pw' });
    await api.acceptInvitation('a/b?c#d');
    await api.changeRole('t 1', '../u', 'clinician');
    assert.equal(calls[1]!.path, '/api/v1/invitations/a%2Fb%3Fc%23d/accept');
    assert.equal(calls[2]!.path, '/api/v1/tenants/t%201/members/..%2Fu');
    assert.equal(calls[2]!.method, 'PATCH');
    assert.deepEqual(calls[2]!.body, { role: 'clinician' });
  });
});
