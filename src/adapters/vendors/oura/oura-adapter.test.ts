import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startFakeOura } from '../../../../test/fakes/fake-oura.ts';
import { fixture } from '../../../../test/fakes/fixtures.ts';
import { connect, failure, harnesses, vendorAdapterContract, type VendorContractSetup } from '../vendor-adapter.contract.ts';
import { listAllDocuments } from '../vendor-pages.ts';
import { OURA_DEFAULT_URLS, OURA_SCOPES } from './oura-api.ts';
import { createOuraAdapter } from './oura-adapter.ts';

const activity = fixture<{ id: string }[]>('oura', 'daily_activity');
const nightId = fixture<{ id: string }[]>('oura', 'sleep')[0]!.id;
const USER = fixture<{ id: string }>('oura', 'personal_info').id;
const JANUARY_8_TO_12 = { from: new Date('2024-01-08T12:00:00Z'), to: new Date('2024-01-12T12:00:00Z') };

const setup: VendorContractSetup = {
  vendor: 'oura',
  startFake: startFakeOura,
  createAdapter: createOuraAdapter,
  paged: { resource: 'daily_activity', window: JANUARY_8_TO_12, ids: activity.map((a) => a.id), path: '/v2/usercollection/daily_activity' },
  document: { resource: 'sleep', id: nightId },
  accountId: USER,
  webhook: {
    event: { event_type: 'update', data_type: 'sleep', object_id: nightId, event_time: '2024-01-12T08:59:00+00:00', user_id: USER },
    expected: { vendor: 'oura', vendorUserId: USER, resource: 'sleep', documentId: nightId, action: 'upsert' },
  },
};

vendorAdapterContract(setup);

describe('Oura adapter', () => {
  const open = harnesses(setup);

  it('asks for the scopes it reads, with no PKCE challenge (Oura documents none)', async () => {
    const h = await open();
    const request = await h.adapter.authorizationRequest();
    const url = new URL(request.url);
    assert.equal(url.pathname, '/oauth/authorize');
    assert.deepEqual(url.searchParams.get('scope')?.split(' '), [...OURA_SCOPES]);
    assert.equal(url.searchParams.has('code_challenge'), false);
    assert.equal(request.pending.codeVerifier, undefined);
  });

  it('asks daily resources by date, a day wider each way, and heart rate by instant', async () => {
    const h = await open();
    const { accessToken } = await connect(h);
    const window = { from: new Date('2024-01-10T03:00:00Z'), to: new Date('2024-01-10T04:00:00Z') };
    await h.adapter.listPage(accessToken, { resource: 'daily_sleep', window });
    await h.adapter.listPage(accessToken, { resource: 'heartrate', window: { from: new Date('2024-01-10T11:00:00Z'), to: new Date('2024-01-10T12:00:00Z') } });
    const [daily, heart] = h.fake.requests.filter((r) => r.url.pathname.startsWith('/v2/usercollection/')).slice(-2).map((r) => Object.fromEntries(r.url.searchParams));
    assert.deepEqual(daily, { start_date: '2024-01-09', end_date: '2024-01-11' });
    assert.deepEqual(heart, { start_datetime: '2024-01-10T11:00:00.000Z', end_datetime: '2024-01-10T12:00:00.000Z' });
  });

  it('pages through heart rate and keys each reading by its timestamp', async () => {
    const h = await open();
    const { accessToken } = await connect(h);
    h.fake.pageSize = 3;
    const readings = await listAllDocuments(h.adapter, accessToken, 'heartrate', { from: new Date('2024-01-10T00:00:00Z'), to: new Date('2024-01-11T00:00:00Z') });
    assert.deepEqual(readings.map((r) => r.id), fixture<{ timestamp: string }[]>('oura', 'heartrate').map((r) => r.timestamp));
    assert.equal(h.fake.requests.filter((r) => r.url.pathname === '/v2/usercollection/heartrate').length, 3);
  });

  it('refuses what it cannot read: a heart rate reading by id, an unknown resource', async () => {
    const h = await open();
    const { accessToken } = await connect(h);
    assert.ok((await failure(() => h.adapter.fetchDocument(accessToken, 'heartrate', '2024-01-10T11:00:00+00:00'))) instanceof TypeError);
    assert.ok((await failure(() => h.adapter.listPage(accessToken, { resource: 'tag', window: JANUARY_8_TO_12 }))) instanceof TypeError);
  });

  it('revokes with the access token where Oura takes it', async () => {
    const h = await open();
    const tokens = await connect(h);
    await h.adapter.revoke(tokens);
    const revocation = h.fake.requests.find((r) => r.url.pathname === '/oauth/revoke');
    assert.equal(revocation?.method, 'POST');
    assert.equal(revocation?.url.searchParams.get('access_token'), tokens.accessToken);
  });

  it('reads a delete notification as a deletion', async () => {
    const h = await open();
    const event = h.adapter.verifyWebhook(h.fake.signWebhook({ event_type: 'delete', data_type: 'workout', object_id: 'w-1', user_id: USER }, h.nowMs));
    assert.deepEqual(event, { vendor: 'oura', vendorUserId: USER, resource: 'workout', documentId: 'w-1', action: 'delete' });
  });

  it('will not talk to a vendor URL that is not https', () => {
    const config = { clientId: 'id', clientSecret: 'secret', redirectUri: 'https://vitalis.example/cb', ...OURA_DEFAULT_URLS };
    assert.doesNotThrow(() => createOuraAdapter(config, { clock: { now: () => new Date() } }));
    assert.throws(() => createOuraAdapter({ ...config, apiBaseUrl: 'http://api.ouraring.com' }, { clock: { now: () => new Date() } }), /apiBaseUrl must be an https URL/);
  });
});
