// Vendor webhooks against the fakes: verified on the raw bytes (signature, age, tampering),
// queued once however often the same delivery comes, a revised document replacing the older,
// a deleted one forgotten, an unknown account answered and logged; and Oura's subscriptions
// made (through its verification handshake) and renewed.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { keepWebhookSubscriptions, todaysSlot } from '../../../src/app/connections/keep-webhook-subscriptions.ts';
import type { SignedDelivery } from '../../fakes/fake-vendor.ts';
import { openApi, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds } from '../../support/databases.ts';
import { daily, eventually } from '../ingest/ingest-helpers.ts';
import { connect, countOf, settled, signUp, startFakeVendors, vendorEnv, type FakeVendors, type Person } from './connection-helpers.ts';
import { startVendorProxy, type VendorProxy } from './vendor-proxy.ts';

const OURA_USER = '3f6c8a1e-oura-user';
const ACTIVITY = '5f0c1c1e-3c7a-4d6e-9a7e-0a1b2c3d4e10';
const ACTIVITY_DAY = '2024-01-08';
let events = 0;
/** Oura notices carry the time of the event: two changes of one document are two deliveries. */
const ouraEvent = (eventType: string, objectId = ACTIVITY, userId = OURA_USER) => ({
  event_type: eventType,
  data_type: 'daily_activity',
  object_id: objectId,
  user_id: userId,
  event_time: new Date(Date.now() + (events += 1)).toISOString(),
});

function logSink(): { lines: string[]; logger: pino.Logger } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

for (const kind of databaseKinds) {
  describe(`vendor webhooks on ${kind}`, () => {
    let fakes: FakeVendors;
    let proxy: VendorProxy;
    let api: ApiHarness;
    const log = logSink();
    before(async () => {
      fakes = await startFakeVendors();
      proxy = await startVendorProxy(fakes.oura.url);
      api = await openApi(kind, vendorEnv(fakes, { OURA_API_BASE_URL: proxy.url }), { logger: log.logger });
    });
    after(async () => {
      await api?.close();
      await proxy?.close();
      await fakes?.close();
    });

    const post = (vendor: string, delivery: SignedDelivery, contentType = 'application/json') =>
      api.app.inject({ method: 'POST', url: `/api/v1/webhooks/${vendor}`, payload: delivery.rawBody, headers: { 'content-type': contentType, ...delivery.headers } });
    const webhookJobs = (connectionId?: string) =>
      countOf(api, `select 1 from jobs where name = 'connection.webhook.v1' and ($1::text is null or payload->>'connectionId' = $1)`, [connectionId ?? null]);
    const connected = async (label: string, vendor: 'oura' | 'whoop'): Promise<{ me: Person; id: string }> => {
      const me = await signUp(api, label);
      const { id } = await connect(api, me, vendor);
      await settled(api, me, id);
      return { me, id };
    };

    it('refuses a bad signature, a stale timestamp, a tampered body, a missing signature and a malformed event; queues nothing', async () => {
      await connected('refused', 'whoop');
      const jobsBefore = await webhookJobs();
      const event = { user_id: 10129, id: 'ecfc6a15-4661-442f-a9a4-f160dd7afa01', type: 'sleep.updated', trace_id: 'trace-refused' };
      const good = fakes.whoop.signWebhook(event, Date.now());
      const signature = good.headers['X-WHOOP-Signature']!;
      const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
      const cases: Array<[string, SignedDelivery, number]> = [
        ['a wrong signature', { ...good, headers: { ...good.headers, 'X-WHOOP-Signature': flipped } }, 401],
        ['a stale timestamp', fakes.whoop.signWebhook(event, Date.now() - 6 * 60_000), 401],
        ['a tampered body', { ...good, rawBody: good.rawBody.replace('sleep.updated', 'sleep.deleted') }, 401],
        ['no signature', { headers: {}, rawBody: good.rawBody }, 401],
        ['a body re-serialized with other whitespace', { ...good, rawBody: JSON.stringify(event, null, 2) }, 401],
        ['a malformed event, well signed', fakes.whoop.signWebhook({ hello: 'world' }, Date.now()), 400],
      ];
      for (const [what, delivery, status] of cases) {
        const res = await post('whoop', delivery);
        assert.equal(res.statusCode, status, `${what}: ${res.body}`);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      }
      assert.equal((await post('whoop', good, 'text/plain')).statusCode, 415);
      assert.equal((await post('fitbit', good)).statusCode, 404);
      assert.equal(await webhookJobs(), jobsBefore, 'nothing was queued');
      assert.equal((await post('whoop', good)).statusCode, 204, 'the untouched delivery passes');
    });

    it('the same delivery five times is one job and one write', async () => {
      const { me, id } = await connected('five', 'whoop');
      const batchesBefore = await countOf(api, 'select 1 from raw_payloads where user_id = $1', [me.userId]);
      // A re-scored night: WHOOP keeps revision times, so it comes as a newer revision.
      const delivery = fakes.whoop.signWebhook({ user_id: 10129, id: 'ecfc6a15-4661-442f-a9a4-f160dd7afa01', type: 'sleep.updated', trace_id: `trace-${id}` }, Date.now());
      for (let i = 0; i < 5; i += 1) assert.equal((await post('whoop', delivery)).statusCode, 204);
      assert.equal(await webhookJobs(id), 1);
      await eventually('the webhook job to finish', async () =>
        (await countOf(api, `select 1 from jobs where payload->>'connectionId' = $1 and name = 'connection.webhook.v1' and state = 'completed'`, [id])) === 1 ? true : undefined,
      );
      const fetched = fakes.whoop.requests.filter((r) => r.url.pathname.endsWith('/activity/sleep/ecfc6a15-4661-442f-a9a4-f160dd7afa01'));
      assert.ok(fetched.length >= 1);
      // One batch (the document as fetched), and since it is the revision the backfill stored, no sample changed.
      const batches = await api.services.tx.withSystem('test reads the batches', (sql) =>
        sql.query<{ stored: number; unchanged: number }>('select stored_count as stored, unchanged_count as unchanged from raw_payloads where user_id = $1 order by received_at', [me.userId]),
      );
      assert.equal(batches.length, batchesBefore + 1);
      assert.equal(batches.at(-1)!.stored, 0);
      assert.ok(batches.at(-1)!.unchanged > 0);
    });

    it('a revised document arriving by webhook replaces the older one', async () => {
      const { me, id } = await connected('revised', 'oura');
      const day = async () => (await daily(api, { token: me.token }, 'steps', ACTIVITY_DAY, ACTIVITY_DAY)).days[0]?.value;
      assert.equal(await day(), 9120);
      const rows = await countOf(api, `select 1 from samples where user_id = $1 and source = 'oura'`, [me.userId]);
      proxy.revise = (request, body) =>
        request.url.pathname === `/v2/usercollection/daily_activity/${ACTIVITY}` ? { ...(body as object), steps: 10_354 } : body;
      try {
        const delivery = fakes.oura.signWebhook(ouraEvent('update'), Date.now());
        for (let i = 0; i < 5; i += 1) assert.equal((await post('oura', delivery)).statusCode, 204);
        assert.equal(await webhookJobs(id), 1);
        await eventually('the revision to land', async () => ((await day()) === 10_354 ? true : undefined));
      } finally {
        proxy.revise = undefined;
      }
      assert.equal(await countOf(api, `select 1 from samples where user_id = $1 and source = 'oura'`, [me.userId]), rows, 'replaced, not added');
    });

    it('a document the vendor deleted is forgotten, with its day', async () => {
      const { me } = await connected('deleted', 'oura');
      assert.equal((await daily(api, { token: me.token }, 'steps', ACTIVITY_DAY, ACTIVITY_DAY)).days.length, 1);
      assert.equal((await post('oura', fakes.oura.signWebhook(ouraEvent('delete'), Date.now()))).statusCode, 204);
      await eventually('the day to go', async () => ((await daily(api, { token: me.token }, 'steps', ACTIVITY_DAY, ACTIVITY_DAY)).days.length === 0 ? true : undefined));
      assert.equal(await countOf(api, `select 1 from samples where user_id = $1 and external_id = $2`, [me.userId, ACTIVITY]), 0);
      assert.ok((await daily(api, { token: me.token }, 'steps', '2024-01-09', '2024-01-09')).days.length === 1, 'the other days stay');
    });

    it('answers a delivery for an account nobody connected with 204 and a log line, and queues nothing', async () => {
      const jobsBefore = await webhookJobs();
      const res = await post('oura', fakes.oura.signWebhook(ouraEvent('create', ACTIVITY, 'nobody-connected-this'), Date.now()));
      assert.equal(res.statusCode, 204);
      assert.equal(await webhookJobs(), jobsBefore);
      assert.ok(log.lines.some((line) => JSON.parse(line).msg === 'webhook for an account no connection holds'));
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("Oura's webhook subscriptions", () => {
  let fakes: FakeVendors;
  let api: ApiHarness;
  let publicUrl: string;
  before(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    fakes = await startFakeVendors(publicUrl);
    api = await openApi('pglite', { ...vendorEnv(fakes), PUBLIC_URL: publicUrl });
    await api.app.listen({ port, host: '127.0.0.1' });
  });
  after(async () => {
    await api?.close();
    await fakes?.close();
  });

  it('are made through the verification handshake, one per event and data type, and renewed before they lapse', async () => {
    const deps = api.services.connections;
    const wanted = deps.webhookSubscriptions!.wanted.length;
    assert.equal(wanted, 18, 'create, update and delete of six data types');
    // The start queued today's upkeep; it may have run before the API listened (and failed, to try again later).
    await eventually('the first upkeep at start to have run', async () =>
      (await countOf(api, `select 1 from jobs where id = $1 and attempts >= 1 and state <> 'running'`, [`webhook-subscriptions:${todaysSlot(deps)}`])) === 1 ? true : undefined,
    );
    if (fakes.oura.subscriptions.length === 0) await keepWebhookSubscriptions(deps, todaysSlot(deps));
    const made = fakes.oura.subscriptions;
    assert.equal(made.length, wanted, 'each made once, the handshake answered each time');
    assert.ok(made.every((s) => s.callback_url === `${publicUrl}/api/v1/webhooks/oura`));

    assert.deepEqual(await keepWebhookSubscriptions(deps, todaysSlot(deps)), { created: 0, renewed: 0 }, 'nothing to do the next day');
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    for (const s of made.slice(0, 3)) s.expiration_time = soon;
    assert.deepEqual(await keepWebhookSubscriptions(deps, todaysSlot(deps)), { created: 0, renewed: 3 });
    assert.ok(made.every((s) => Date.parse(s.expiration_time) > Date.now() + 30 * 86_400_000));
  });

  it('answer the handshake only for our verification token', async () => {
    const wrong = await fetch(`${publicUrl}/api/v1/webhooks/oura?verification_token=not-ours&challenge=abc`);
    assert.equal(wrong.status, 401);
    assert.equal((await fetch(`${publicUrl}/api/v1/webhooks/whoop?verification_token=x&challenge=abc`)).status, 404);
  });
});
