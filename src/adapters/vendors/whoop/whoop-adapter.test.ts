import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startFakeWhoop } from '../../../../test/fakes/fake-whoop.ts';
import { fixture } from '../../../../test/fakes/fixtures.ts';
import { connect, consent, failure, harnesses, vendorAdapterContract, type VendorContractSetup } from '../vendor-adapter.contract.ts';
import { VendorAuthRevoked } from '../vendor-errors.ts';
import { listAllDocuments } from '../vendor-pages.ts';
import { WHOOP_SCOPES } from './whoop-api.ts';
import { createWhoopAdapter } from './whoop-adapter.ts';

const workouts = fixture<{ id: string }[]>('whoop', 'workout');
const sleeps = fixture<{ id: string }[]>('whoop', 'sleep');
const recoveries = fixture<{ sleep_id: string }[]>('whoop', 'recovery');
const nightId = sleeps[1]!.id;
const JANUARY_8_TO_13 = { from: new Date('2024-01-08T00:00:00Z'), to: new Date('2024-01-13T00:00:00Z') };

const setup: VendorContractSetup = {
  vendor: 'whoop',
  startFake: startFakeWhoop,
  createAdapter: createWhoopAdapter,
  paged: { resource: 'workout', window: JANUARY_8_TO_13, ids: workouts.map((w) => w.id), path: '/developer/v2/activity/workout' },
  document: { resource: 'recovery', id: nightId },
  accountId: '10129',
  webhook: {
    event: { user_id: 10129, id: nightId, type: 'recovery.updated', trace_id: 'e369c784-5100-49e8-8098-75d35c47b31b' },
    expected: { vendor: 'whoop', vendorUserId: '10129', resource: 'recovery', documentId: nightId, action: 'upsert' },
  },
};

vendorAdapterContract(setup);

describe('WHOOP adapter', () => {
  const open = harnesses(setup);

  it('asks for offline access with an S256 PKCE challenge', async () => {
    const h = await open();
    const request = await h.adapter.authorizationRequest();
    const url = new URL(request.url);
    assert.equal(url.pathname, '/oauth/oauth2/auth');
    assert.deepEqual(url.searchParams.get('scope')?.split(' '), [...WHOOP_SCOPES]);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.match(url.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.match(request.pending.codeVerifier ?? '', /^[A-Za-z0-9_-]{43,128}$/);
  });

  it('cannot exchange a code without the verifier that made its challenge', async () => {
    const h = await open();
    const request = await h.adapter.authorizationRequest();
    const other = await h.adapter.authorizationRequest();
    const callback = await consent(request.url);
    const grant = h.adapter.readCallback(callback, request.pending);
    assert.ok((await failure(() => h.adapter.exchangeCode({ ...grant, codeVerifier: other.pending.codeVerifier! }))) instanceof VendorAuthRevoked);

    const again = await h.adapter.authorizationRequest();
    const withoutVerifier = h.adapter.readCallback(await consent(again.url), { state: again.pending.state });
    assert.ok((await failure(() => h.adapter.exchangeCode(withoutVerifier))) instanceof VendorAuthRevoked);
  });

  it('asks for offline access again on every refresh', async () => {
    const h = await open();
    const tokens = await connect(h);
    await h.adapter.refresh(tokens.refreshToken!);
    const refresh = h.fake.requests.filter((r) => r.url.pathname === '/oauth/oauth2/token').at(-1);
    const form = new URLSearchParams(refresh?.body);
    assert.deepEqual([form.get('grant_type'), form.get('scope')], ['refresh_token', 'offline']);
  });

  it('lists with the largest page WHOOP allows and the window as instants', async () => {
    const h = await open();
    const { accessToken } = await connect(h);
    await h.adapter.listPage(accessToken, { resource: 'cycle', window: JANUARY_8_TO_13 });
    const listing = h.fake.requests.find((r) => r.url.pathname === '/developer/v2/cycle');
    assert.deepEqual(Object.fromEntries(listing!.url.searchParams), { start: '2024-01-08T00:00:00.000Z', end: '2024-01-13T00:00:00.000Z', limit: '25' });
  });

  it('keeps each recovery with the sleep it was scored from, under the sleep’s id', async () => {
    const h = await open();
    const { accessToken } = await connect(h);
    h.fake.pageSize = 1;
    const documents = await listAllDocuments(h.adapter, accessToken, 'recovery', JANUARY_8_TO_13);
    assert.deepEqual(documents.map((d) => d.id).sort(), recoveries.map((r) => r.sleep_id).sort());
    for (const document of documents) {
      const body = document.body as { recovery: { sleep_id: string }; sleep: { id: string } };
      assert.equal(body.sleep.id, document.id);
      assert.equal(body.recovery.sleep_id, document.id);
    }
    const scored = documents.find((d) => d.id === nightId)!;
    assert.deepEqual(h.adapter.toSamples(scored).map((s) => [s.metric, s.start]).slice(0, 1), [['whoop_recovery_score', '2024-01-09T22:05:00.000Z']]);
  });

  it('fetches a cycle by its numeric id', async () => {
    const h = await open();
    const { accessToken } = await connect(h);
    const cycle = await h.adapter.fetchDocument(accessToken, 'cycle', '93846');
    assert.equal(cycle?.id, '93846');
    assert.deepEqual(h.adapter.toSamples(cycle!).map((s) => s.metric), ['whoop_strain', 'total_energy']);
  });

  it('revokes with DELETE on the user’s access', async () => {
    const h = await open();
    const tokens = await connect(h);
    await h.adapter.revoke(tokens);
    const revocation = h.fake.requests.find((r) => r.url.pathname === '/developer/v2/user/access');
    assert.equal(revocation?.method, 'DELETE');
    assert.equal(revocation?.headers.authorization, `Bearer ${tokens.accessToken}`);
  });

  it('reads a deletion notification as a deletion', async () => {
    const h = await open();
    const event = h.adapter.verifyWebhook(h.fake.signWebhook({ user_id: 10129, id: workouts[0]!.id, type: 'workout.deleted', trace_id: 't' }, h.nowMs));
    assert.deepEqual(event, { vendor: 'whoop', vendorUserId: '10129', resource: 'workout', documentId: workouts[0]!.id, action: 'delete' });
  });
});
