// A whole connect-sync-disconnect run with the production logger at debug into a buffer: no
// token, code, verifier, state or client secret in any log line or in the clear in any table;
// after disconnecting, no token left anywhere and the vendor no longer honours ours; with
// deleteData, the source's samples, batches and days gone, other sources' kept.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../../src/composition/logger.ts';
import { openApi, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds } from '../../support/databases.ts';
import { eventually } from '../ingest/ingest-helpers.ts';
import { asSystem, authorize, callback, connect, consent, countOf, settled, signUp, startFakeVendors, vendorEnv, type FakeVendors } from './connection-helpers.ts';

/** Every secret the fakes handed out or took: bearer tokens, refresh tokens, codes, verifiers. */
function secretsSeenBy(fakes: FakeVendors): string[] {
  const found = new Set<string>(fakes.clientSecrets);
  for (const request of [...fakes.oura.requests, ...fakes.whoop.requests]) {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) found.add(bearer);
    const form = new URLSearchParams(request.body);
    for (const field of ['code', 'refresh_token', 'code_verifier', 'client_secret']) {
      const value = form.get(field);
      if (value) found.add(value);
    }
    const revoked = request.url.searchParams.get('access_token');
    if (revoked) found.add(revoked);
  }
  return [...found];
}

for (const kind of databaseKinds) {
  describe(`connect, sync, disconnect on ${kind}`, () => {
    let fakes: FakeVendors;
    let api: ApiHarness;
    const lines: string[] = [];
    before(async () => {
      fakes = await startFakeVendors();
      const buffer = new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          done();
        },
      });
      api = await openApi(kind, vendorEnv(fakes), { logger: createLogger({ LOG_LEVEL: 'debug' }, buffer) });
    });
    after(async () => {
      await api?.close();
      await fakes?.close();
    });

    it('leaves no token in the logs, in the clear in the database, or behind after disconnecting', async () => {
      const me = await signUp(api, 'whole-run');
      const states: string[] = [];
      const declined = await authorize(api, me, 'oura');
      states.push(new URL(declined).searchParams.get('state')!);
      fakes.oura.oauth.consent = 'deny';
      await callback(api, await consent(declined));
      fakes.oura.oauth.consent = 'grant';

      const oura = await connect(api, me, 'oura');
      const whoop = await connect(api, me, 'whoop');
      await settled(api, me, oura.id);
      await settled(api, me, whoop.id);
      // A refresh on the way: the access tokens lapse, the syncs refresh them.
      fakes.oura.oauth.expireAccessTokens();
      fakes.whoop.oauth.expireAccessTokens();
      for (const id of [oura.id, whoop.id]) assert.equal((await api.call('POST', `/api/v1/connections/${id}/sync`, { token: me.token })).statusCode, 202);
      await settled(api, me, oura.id, 2);
      await settled(api, me, whoop.id, 2);
      assert.ok(await countOf(api, `select 1 from samples where user_id = $1 and source = 'whoop'`, [me.userId]));
      const stored = await asSystem<{ vendor: string; sealed: string }>(api, 'select vendor, sealed_tokens as sealed from connections where user_id = $1', [me.userId]);
      const tokens = stored.map((row) => api.services.connections.secretBox.open(row.sealed, `connections:sealed_tokens:${me.tenantId}:${row.vendor === 'oura' ? oura.id : whoop.id}`));
      const live = tokens.map((t) => JSON.parse(t) as { accessToken: string; refreshToken: string });
      assert.ok(live.every((t) => fakes.oura.oauth.accepts(t.accessToken) || fakes.whoop.oauth.accepts(t.accessToken)));

      const removed = await api.call('DELETE', `/api/v1/connections/${oura.id}?deleteData=true`, { token: me.token });
      assert.equal(removed.statusCode, 200, removed.body);
      assert.deepEqual(removed.json(), { id: oura.id, vendor: 'oura', revokedAtVendor: true, deletingData: true });
      const kept = await api.call('DELETE', `/api/v1/connections/${whoop.id}`, { token: me.token });
      assert.deepEqual(kept.json(), { id: whoop.id, vendor: 'whoop', revokedAtVendor: true, deletingData: false });
      assert.equal((await api.call('DELETE', `/api/v1/connections/${whoop.id}`, { token: me.token })).statusCode, 404);

      // Nothing of ours is honoured any more, and nothing of it is kept.
      assert.ok(live.every((t) => !fakes.oura.oauth.accepts(t.accessToken) && !fakes.whoop.oauth.accepts(t.accessToken)));
      assert.equal(await countOf(api, 'select 1 from connections where user_id = $1', [me.userId]), 0);
      assert.equal(await countOf(api, 'select 1 from connection_syncs where user_id = $1', [me.userId]), 0);

      // The Oura data goes; the WHOOP data stays.
      await eventually('the Oura data to be deleted', async () =>
        (await countOf(api, `select 1 from samples where user_id = $1 and source = 'oura'`, [me.userId])) === 0 ? true : undefined,
      );
      await eventually('the deletion job to finish', async () =>
        (await countOf(api, `select 1 from jobs where id = $1 and state = 'completed'`, [`connection-delete-data:${oura.id}`])) === 1 ? true : undefined,
      );
      assert.equal(await countOf(api, 'select 1 from raw_payloads where user_id = $1 and idempotency_key like $2', [me.userId, `connection:${oura.id}:%`]), 0);
      assert.equal(await countOf(api, `select 1 from daily_values where user_id = $1 and provenance::text like '%"oura"%'`, [me.userId]), 0);
      assert.ok((await countOf(api, `select 1 from samples where user_id = $1 and source = 'whoop'`, [me.userId])) > 0);

      // A webhook for the account now finds no connection.
      const webhook = fakes.oura.signWebhook({ event_type: 'update', data_type: 'sleep', object_id: 'x', user_id: '3f6c8a1e-oura-user' }, Date.now());
      const res = await api.app.inject({ method: 'POST', url: '/api/v1/webhooks/oura', payload: webhook.rawBody, headers: { 'content-type': 'application/json', ...webhook.headers } });
      assert.equal(res.statusCode, 204);

      const secrets = [...secretsSeenBy(fakes), ...states];
      assert.ok(secrets.length >= 10, `secrets collected: ${secrets.length}`);
      assert.ok(lines.length > 50, 'the run was logged');
      assert.ok(lines.some((line) => JSON.parse(line).level === 20), 'at debug level');
      for (const secret of secrets) {
        const leaked = lines.find((line) => line.includes(secret));
        assert.equal(leaked, undefined, `a secret in the log: ${leaked}`);
      }
      const [dump] = await asSystem<{ text: string }>(
        api,
        `select concat_ws(' ',
           (select string_agg(j::text, ' ') from jobs j), (select string_agg(a::text, ' ') from audit_log a),
           (select string_agg(o::text, ' ') from outbox o), (select string_agg(r.payload::text, ' ') from raw_payloads r)) as text`,
      );
      for (const secret of secrets) assert.ok(!dump!.text.includes(secret), 'a secret in the clear in the database');
    });
  });
}
