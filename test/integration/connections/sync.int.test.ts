// Syncing against the fake vendors: paging to the end, rate limits, tokens refreshed ahead of
// time (once, however many jobs want one), a re-sync that changes nothing, and a backfill
// stopped half-way that resumes where it stopped in a new process without storing anything twice.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sourceOf } from '../../../src/app/connections/connection-source.ts';
import { ingestConnectionSamples } from '../../../src/app/connections/ingest-connection-samples.ts';
import { queueSyncs } from '../../../src/app/connections/queue-syncs.ts';
import { openTokens } from '../../../src/app/connections/connection-tokens.ts';
import type { ConnectionView } from '../../../src/app/connections/list-connections.ts';
import { json } from '../../fakes/fake-http-server.ts';
import { openApi, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds, scratchPostgres } from '../../support/databases.ts';
import { eventually } from '../ingest/ingest-helpers.ts';
import { asSystem, connect, countOf, listConnections, settled, signUp, startFakeVendors, vendorEnv, type FakeVendors, type Person } from './connection-helpers.ts';
import { startVendorProxy, type VendorProxy } from './vendor-proxy.ts';

const runOf = (connection: ConnectionView, resource: string) => connection.resources.find((r) => r.resource === resource)!.runs[0]!;
const heartRatePages = (proxy: VendorProxy) => proxy.requests.filter((r) => r.url.pathname === '/v2/usercollection/heartrate');

for (const kind of databaseKinds) {
  describe(`syncing on ${kind}`, () => {
    let fakes: FakeVendors;
    let proxy: VendorProxy;
    let api: ApiHarness;
    before(async () => {
      fakes = await startFakeVendors();
      proxy = await startVendorProxy(fakes.oura.url);
      // Scheduled syncs of the suite's other connections stay out of the way of what a test counts.
      api = await openApi(kind, vendorEnv(fakes, { OURA_API_BASE_URL: proxy.url, CONNECTION_SYNC_INTERVAL_MINUTES: '1440' }));
    });
    after(async () => {
      await api?.close();
      await proxy?.close();
      await fakes?.close();
    });

    it('follows the page tokens to the last page', async () => {
      const me = await signUp(api, 'pages');
      const before = heartRatePages(proxy).length;
      const connection = await settled(api, me, (await connect(api, me, 'oura')).id);
      const run = runOf(connection, 'heartrate');
      // Seven readings two to a page.
      assert.deepEqual([run.state, run.pages, run.documents, run.samples], ['succeeded', 4, 7, 7]);
      const requests = heartRatePages(proxy).slice(before);
      assert.deepEqual(requests.map((r) => r.url.searchParams.has('next_token')), [false, true, true, true]);
      assert.equal(await countOf(api, `select 1 from samples where user_id = $1 and metric = 'heart_rate' and source = 'oura'`, [me.userId]), 7);
    });

    it('waits out a 429 for as long as Retry-After says, then carries on', async () => {
      const me = await signUp(api, 'throttled');
      const connection = await settled(api, me, (await connect(api, me, 'whoop')).id);
      fakes.whoop.throttle(2, 1);
      const res = await api.call('POST', `/api/v1/connections/${connection.id}/sync`, { token: me.token });
      assert.equal(res.statusCode, 202, res.body);
      const queued = (res.json() as { queued: Array<{ syncId: string }> }).queued.map((q) => q.syncId);
      assert.equal(queued.length, 4, 'a run per WHOOP resource');
      const synced = await settled(api, me, connection.id, 2);
      const manual = synced.resources.map((r) => r.runs[0]!).filter((run) => queued.includes(run.id));
      assert.ok(manual.every((run) => run.state === 'succeeded'), JSON.stringify(manual));
      assert.equal(manual.reduce((n, run) => n + run.retries, 0), 2);
      for (const run of manual.filter((r) => r.retries > 0)) {
        assert.ok(Date.parse(run.finishedAt!) - Date.parse(run.startedAt!) >= 1000, 'not sooner than Retry-After');
      }
      assert.equal(synced.status, 'connected');
    });

    it('refreshes a token about to lapse before using it, once for all the jobs that want it', async () => {
      const me = await signUp(api, 'refresh');
      const connection = await settled(api, me, (await connect(api, me, 'oura')).id);
      const stored = async () => (await asSystem<{ sealed: string; expires: Date }>(api, 'select sealed_tokens as sealed, token_expires_at as expires from connections where id = $1', [connection.id]))[0]!;
      const old = openTokens(api.services.connections.secretBox, me.tenantId, connection.id, (await stored()).sealed);
      await asSystem(api, `update connections set token_expires_at = now() + interval '1 minute' where id = $1`, [connection.id]);
      const grants = () => fakes.oura.requests.filter((r) => r.url.pathname === '/oauth/token' && new URLSearchParams(r.body).get('grant_type') === 'refresh_token').length;
      const refreshesBefore = grants();
      const requestsBefore = proxy.requests.length;

      assert.equal((await api.call('POST', `/api/v1/connections/${connection.id}/sync`, { token: me.token })).statusCode, 202);
      const synced = await settled(api, me, connection.id, 2);
      assert.equal(synced.status, 'connected');
      assert.ok(synced.resources.every((r) => r.runs[0]!.kind === 'manual' && r.runs[0]!.state === 'succeeded'));
      assert.equal(grants() - refreshesBefore, 1, 'seven jobs, one refresh: refresh tokens work once');
      const fresh = openTokens(api.services.connections.secretBox, me.tenantId, connection.id, (await stored()).sealed);
      assert.notEqual(fresh.accessToken, old.accessToken);
      assert.notEqual(fresh.refreshToken, old.refreshToken, 'the newest refresh token is the one kept');
      assert.ok((await stored()).expires.getTime() > Date.now() + 3_600_000);
      // Ahead of time: the old token still worked, and no request went out with it.
      assert.equal(fakes.oura.oauth.accepts(old.accessToken), true);
      const bearers = new Set(proxy.requests.slice(requestsBefore).filter((r) => r.url.pathname.startsWith('/v2/')).map((r) => r.headers.authorization));
      assert.ok(bearers.has(`Bearer ${fresh.accessToken}`));
      assert.ok(!bearers.has(`Bearer ${old.accessToken}`));
    });

    it('reading a window again changes nothing (WHOOP keeps revision times)', async () => {
      const me = await signUp(api, 'again');
      const view = await settled(api, me, (await connect(api, me, 'whoop')).id);
      const snapshot = () =>
        asSystem(
          api,
          `select (select count(*)::int from raw_payloads where user_id = $1) as batches,
                  (select json_agg(s order by metric, start_at) from (select metric, start_at, value, recorded_at, raw_id from samples where user_id = $1) s)::text as samples,
                  (select json_agg(d order by metric, local_date) from (select metric, local_date, value, updated_at from daily_values where user_id = $1) d)::text as days`,
          [me.userId],
        );
      const first = await snapshot();
      const deps = api.services.connections;
      const connection = await deps.tx.withTenant(me, (sql) => deps.connections.connections.get(sql, view.id));
      const runs = await queueSyncs(deps, connection!, 'backfill', sourceOf(deps, connection!)!);
      assert.equal(runs.length, 4);
      await settled(api, me, view.id, 2);
      assert.deepEqual(await snapshot(), first);
    });

    it('a backfill stopped half-way resumes where it stopped in a new process, storing nothing twice', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'vitalis-resume-'));
      const scratch = kind === 'postgres' ? await scratchPostgres() : undefined;
      // A proxy of its own: what it counts is this run's requests only.
      const proxy = await startVendorProxy(fakes.oura.url);
      const env = { ...vendorEnv(fakes, { OURA_API_BASE_URL: proxy.url }), VITALIS_DATA_DIR: dir, ...(scratch && { DATABASE_URL: scratch.url }) };
      let first: ApiHarness | undefined;
      let second: ApiHarness | undefined;
      fakes.oura.pageSize = 1;
      try {
        first = await openApi(kind, env);
        const me: Person = await signUp(first, 'resume');
        const pagesSince = () => heartRatePages(proxy);
        // The third page answers "come back in an hour": the run stops there with its cursor.
        proxy.intercept = (request) => (request.url.pathname === '/v2/usercollection/heartrate' && pagesSince().length === 3 ? json(429, {}, { 'retry-after': '3600' }) : undefined);
        const connection = await connect(first, me, 'oura');
        const stopped = await eventually('the heart-rate backfill to stop at its third page', async () => {
          const run = runOf((await listConnections(first!, me)).find((c) => c.id === connection.id)!, 'heartrate');
          return run.retries === 1 ? run : undefined;
        });
        assert.deepEqual([stopped.state, stopped.pages, stopped.samples], ['running', 2, 2]);
        proxy.intercept = undefined;

        // The process dies while reading the third page: its samples stored, its cursor not yet.
        const deps = first.services.connections;
        const record = await deps.tx.withTenant(me, async (sql) => ({
          connection: (await deps.connections.connections.get(sql, connection.id))!,
          run: (await deps.connections.syncs.get(sql, stopped.id))!,
        }));
        const token = openTokens(deps.secretBox, me.tenantId, connection.id, record.connection.sealedTokens!).accessToken;
        const page = await sourceOf(deps, record.connection)!.page(token, {
          resource: 'heartrate',
          window: { from: new Date(record.run.windowFrom), to: new Date(record.run.windowTo) },
          cursor: record.run.cursor!,
          fetchedAt: record.run.fetchedAt,
        });
        await ingestConnectionSamples(deps, me, connection.id, page.samples);
        // ...holding that page's job, whose lease lapses with it.
        await asSystem(
          first,
          `update jobs set state = 'running', attempts = 1, locked_by = 'a-worker-that-died', locked_until = now() + interval '1 second', run_at = now()
           where id = $1`,
          [`sync:${stopped.id}:2:retry1`],
        );
        await first.close();
        first = undefined;
        await new Promise((resolve) => setTimeout(resolve, 1200));

        second = await openApi(kind, env);
        const resumed = await settled(second, me, connection.id);
        const run = runOf(resumed, 'heartrate');
        assert.deepEqual([run.id, run.state, run.pages, run.documents, run.samples], [stopped.id, 'succeeded', 7, 7, 7]);
        const cursors = pagesSince().map((r) => r.url.searchParams.get('next_token'));
        assert.equal(cursors.filter((c) => c === null).length, 1, 'the first page was read once');
        const reads = new Map<string | null, number>();
        for (const cursor of cursors) reads.set(cursor, (reads.get(cursor) ?? 0) + 1);
        // Seven pages; the third read three times (the 429, the read that died, the resumed read), every other once.
        assert.deepEqual([...reads.values()].sort(), [1, 1, 1, 1, 1, 1, 3]);
        assert.equal(reads.get(record.run.cursor), 3);
        assert.equal(await countOf(second, `select 1 from samples where user_id = $1 and metric = 'heart_rate'`, [me.userId]), 7);
        assert.equal(await countOf(second, `select 1 from raw_payloads where user_id = $1 and payload::text like '%"metric":"heart_rate"%'`, [me.userId]), 7, 'a batch a page');
      } finally {
        fakes.oura.pageSize = 2;
        await first?.close();
        await second?.close();
        await proxy.close();
        await scratch?.drop();
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
