// Connecting Oura and WHOOP through the real OAuth redirects against the fake vendors: the
// success path and each way it fails, and what a refused refresh does to a connection.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PUBLIC_URL, openApi, type ApiHarness } from '../../support/api-harness.ts';
import { asSystem, authorize, callback, connect, consent, listConnections, settled, setups, signUp, startFakeVendors, vendorEnv, type FakeVendors } from './connection-helpers.ts';

for (const { kind, label, env } of setups) {
  describe(`connecting vendors on ${label}`, () => {
    let fakes: FakeVendors;
    let api: ApiHarness;
    before(async () => {
      fakes = await startFakeVendors();
      api = await openApi(kind, vendorEnv(fakes, env()));
    });
    after(async () => {
      await api?.close();
      await fakes?.close();
    });

    it('offers the vendors with credentials and the simulator', async () => {
      const me = await signUp(api, 'offer');
      const res = await api.call('GET', '/api/v1/connections/available', { token: me.token });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        (res.json() as Array<{ vendor: string; kind: string }>).map((v) => `${v.vendor}:${v.kind}`),
        ['oura:oauth', 'whoop:oauth', 'simulator:builtin'],
      );
    });

    it('connects Oura (no PKCE) and WHOOP (PKCE verified by the fake), then backfills both', async () => {
      const me = await signUp(api, 'connect');
      const authorizeUrl = new URL(await authorize(api, me, 'whoop'));
      assert.equal(authorizeUrl.origin, fakes.whoop.url);
      assert.equal(authorizeUrl.searchParams.get('code_challenge_method'), 'S256');
      assert.equal(authorizeUrl.searchParams.get('redirect_uri'), `${PUBLIC_URL}/api/v1/connections/whoop/callback`);

      for (const vendor of ['oura', 'whoop'] as const) {
        const connection = await connect(api, me, vendor);
        assert.equal(connection.status, 'connected');
        const synced = await settled(api, me, connection.id);
        assert.ok(synced.lastSyncAt, `${vendor} synced`);
        for (const resource of synced.resources) {
          assert.deepEqual(resource.runs.map((r) => [r.kind, r.state, r.error]), [['backfill', 'succeeded', null]], `${vendor} ${resource.resource}`);
        }
        assert.ok(synced.resources.reduce((n, r) => n + r.runs[0]!.samples, 0) > 0, `${vendor} brought samples`);
      }
      const [account] = await asSystem<{ vendor_user_id: string }>(api, `select vendor_user_id from connections where user_id = $1 and vendor = 'whoop'`, [me.userId]);
      assert.equal(account?.vendor_user_id, '10129');
    });

    it('tells the connections page when the person declines', async () => {
      const me = await signUp(api, 'decline');
      fakes.oura.oauth.consent = 'deny';
      try {
        const landed = await callback(api, await consent(await authorize(api, me, 'oura')));
        assert.equal(landed.href, `${PUBLIC_URL}/connections?vendor=oura&error=consent_denied`);
      } finally {
        fakes.oura.oauth.consent = 'grant';
      }
      assert.deepEqual(await listConnections(api, me), []);
    });

    it('refuses a callback whose state is not pending, and a state used once already', async () => {
      const me = await signUp(api, 'state');
      const back = await consent(await authorize(api, me, 'oura'));
      const forged = back.replace(/state=[^&]+/, 'state=forged-state');
      assert.equal((await callback(api, forged)).searchParams.get('error'), 'state_mismatch');
      assert.equal((await callback(api, back)).searchParams.get('connected'), 'oura');
      assert.equal((await callback(api, back)).searchParams.get('error'), 'state_mismatch', 'a state works once');
      // A state Oura's flow issued does not finish WHOOP's.
      const whoopBack = await consent(await authorize(api, me, 'whoop'));
      const swapped = whoopBack.replace('/whoop/', '/oura/');
      assert.equal((await callback(api, swapped)).searchParams.get('error'), 'state_mismatch');
    });

    it('reports an expired code as such, and keeps nothing', async () => {
      const me = await signUp(api, 'expired');
      const back = await consent(await authorize(api, me, 'whoop'));
      fakes.whoop.oauth.expireCodes();
      assert.equal((await callback(api, back)).href, `${PUBLIC_URL}/connections?vendor=whoop&error=authorization_expired`);
      assert.deepEqual(await listConnections(api, me), []);
    });

    it('answers a callback for a vendor not offered with 404', async () => {
      const res = await api.app.inject({ method: 'GET', url: '/api/v1/connections/fitbit/callback?code=x&state=y' });
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().code, 'not_found');
    });

    it('a refresh the vendor refuses marks the connection needs_reauth and mails the person, once', async () => {
      const me = await signUp(api, 'reauth');
      const connection = await connect(api, me, 'whoop');
      await settled(api, me, connection.id);
      fakes.whoop.oauth.expireAccessTokens();
      fakes.whoop.oauth.revokeRefreshTokens();
      const sync = await api.call('POST', `/api/v1/connections/${connection.id}/sync`, { token: me.token });
      assert.equal(sync.statusCode, 202, sync.body);
      const mail = await api.mailTo(me.email, /Reconnect your WHOOP account/);
      assert.match(mail.text, /connections/);
      const after = await settled(api, me, connection.id, 2);
      assert.equal(after.status, 'needs_reauth');
      assert.equal(after.lastError, 'reauthorization_required');
      const manual = after.resources.flatMap((r) => r.runs.filter((run) => run.kind === 'manual'));
      assert.ok(manual.length > 0 && manual.every((run) => run.state === 'failed' && run.error === 'reauthorization_required'));
      // "Sync now" is refused until the person connects again; connecting again clears it.
      assert.equal((await api.call('POST', `/api/v1/connections/${connection.id}/sync`, { token: me.token })).statusCode, 409);
      const again = await connect(api, me, 'whoop');
      assert.equal(again.id, connection.id);
      assert.equal(again.status, 'connected');
      await settled(api, me, connection.id);
      const mails = await asSystem<{ n: number }>(api, `select count(*)::int as n from outbox where to_address = $1 and subject like 'Reconnect%'`, [me.email]);
      assert.equal(mails[0]!.n, 1, 'told once');
    });

    it("answers another person's connection id with 404, on every route", async () => {
      const owner = await signUp(api, 'owner');
      const stranger = await signUp(api, 'stranger');
      const connection = await connect(api, owner, 'oura');
      for (const [method, url] of [
        ['POST', `/api/v1/connections/${connection.id}/sync`],
        ['DELETE', `/api/v1/connections/${connection.id}`],
      ] as const) {
        const res = await api.call(method, url, { token: stranger.token });
        assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
        assert.equal(res.json().code, 'not_found');
      }
      assert.deepEqual(await listConnections(api, stranger), []);
      assert.equal((await listConnections(api, owner)).length, 1);
      await settled(api, owner, connection.id);
    });
  });
}
