import { createHmac, randomBytes } from 'node:crypto';
import { bearerOf, json, startFakeServer, type FakeRequest, type FakeResponse } from './fake-http-server.ts';
import { FakeOAuthProvider, type OAuthRegistration } from './fake-oauth.ts';
import { Throttle, pageOf } from './fake-api-helpers.ts';
import { fixture } from './fixtures.ts';
import { assembleFakeVendor, type FakeVendor, type SignedDelivery } from './fake-vendor.ts';

type Item = Record<string, unknown>;

/** Daily resources are filtered by `day` between start_date and end_date (inclusive). */
const DATE_RESOURCES = ['daily_activity', 'daily_sleep', 'daily_readiness', 'daily_spo2', 'sleep', 'workout'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** How long a subscription lives before it must be renewed (Oura does not document it). */
const SUBSCRIPTION_TTL_MS = 90 * 86_400_000;

/** A webhook subscription as Oura answers it. */
export interface FakeSubscription {
  id: string;
  callback_url: string;
  event_type: string;
  data_type: string;
  expiration_time: string;
}

export type FakeOura = FakeVendor & {
  /** The subscriptions made so far (a test may age them). */
  readonly subscriptions: FakeSubscription[];
};

/**
 * Oura's cloud as documented: consent on /oauth/authorize, tokens on /oauth/token, revocation
 * on /oauth/revoke?access_token=, data under /v2/usercollection with `next_token` paging, and
 * webhooks signed with upper-case hex HMAC-SHA256(client secret, unix seconds + body).
 */
export async function startFakeOura(registration: OAuthRegistration): Promise<FakeOura> {
  const oauth = new FakeOAuthProvider(registration, { pkce: 'ignore', accessTokenTtlSeconds: 86_400 });
  const throttle = new Throttle();
  const collections = new Map<string, Item[]>([...DATE_RESOURCES, 'heartrate'].map((name) => [name, fixture<Item[]>('oura', name)]));
  const personalInfo = fixture<Item>('oura', 'personal_info');
  const fake = { pageSize: 2 };
  const subscriptions: FakeSubscription[] = [];

  function data(request: FakeRequest): FakeResponse {
    if (!oauth.accepts(bearerOf(request))) return json(401, { detail: 'Unauthorized' });
    const limited = throttle.take();
    if (limited) return limited;
    const [resource = '', id, ...extra] = request.url.pathname.slice('/v2/usercollection/'.length).split('/');
    if (resource === 'personal_info' && id === undefined) return json(200, personalInfo);
    const items = collections.get(resource);
    if (items === undefined || extra.length > 0) return json(404, { detail: 'Not Found' });
    if (id !== undefined) {
      const found = resource === 'heartrate' ? undefined : items.find((item) => item.id === decodeURIComponent(id));
      return found ? json(200, found) : json(404, { detail: 'Not Found' });
    }
    const inWindow = filterWindow(resource, items, request.url.searchParams);
    if (inWindow === undefined) return json(400, { detail: 'invalid date range' });
    const page = pageOf(inWindow, request.url.searchParams.get('next_token'), fake.pageSize);
    return page ? json(200, { data: page.items, next_token: page.next }) : json(400, { detail: 'invalid next_token' });
  }

  /** As Oura does before it keeps a subscription: the callback must echo a challenge, given our verification token. */
  async function subscribe(request: FakeRequest): Promise<FakeResponse> {
    const body = JSON.parse(request.body || '{}') as Partial<Record<'callback_url' | 'verification_token' | 'event_type' | 'data_type', string>>;
    if (!body.callback_url || !body.verification_token || !body.event_type || !body.data_type) return json(422, { detail: 'missing fields' });
    const challenge = randomBytes(12).toString('hex');
    const check = new URL(body.callback_url);
    check.searchParams.set('verification_token', body.verification_token);
    check.searchParams.set('challenge', challenge);
    const answer = await fetch(check, { signal: AbortSignal.timeout(5000) })
      .then((response) => (response.ok ? (response.json() as Promise<{ challenge?: string }>) : undefined))
      .catch(() => undefined);
    if (answer?.challenge !== challenge) return json(422, { detail: 'the callback did not answer the challenge' });
    const made: FakeSubscription = {
      id: `sub-${randomBytes(6).toString('hex')}`,
      callback_url: body.callback_url,
      event_type: body.event_type,
      data_type: body.data_type,
      expiration_time: new Date(Date.now() + SUBSCRIPTION_TTL_MS).toISOString(),
    };
    subscriptions.push(made);
    return json(201, made);
  }

  function webhookSubscriptions(request: FakeRequest): FakeResponse | Promise<FakeResponse> {
    if (request.headers['x-client-id'] !== registration.clientId || request.headers['x-client-secret'] !== registration.clientSecret) {
      return json(401, { detail: 'invalid client credentials' });
    }
    const path = request.url.pathname;
    if (request.method === 'GET' && path === '/v2/webhook/subscription') return json(200, subscriptions);
    if (request.method === 'POST' && path === '/v2/webhook/subscription') return subscribe(request);
    const renew = /^\/v2\/webhook\/subscription\/renew\/([^/]+)$/.exec(path);
    const found = renew && subscriptions.find((s) => s.id === decodeURIComponent(renew[1]!));
    if (request.method !== 'PUT' || !found) return json(404, { detail: 'Not Found' });
    found.expiration_time = new Date(Date.now() + SUBSCRIPTION_TTL_MS).toISOString();
    return json(200, found);
  }

  function route(request: FakeRequest): FakeResponse | Promise<FakeResponse> {
    const path = request.url.pathname;
    if (path.startsWith('/v2/webhook/subscription')) return webhookSubscriptions(request);
    if (request.method === 'GET' && path === '/oauth/authorize') return oauth.authorize(request);
    if (request.method === 'POST' && path === '/oauth/token') return oauth.token(request);
    if (request.method === 'POST' && path === '/oauth/revoke') {
      return oauth.revoke(request.url.searchParams.get('access_token') ?? undefined) ? json(200, {}) : json(401, { detail: 'invalid token' });
    }
    if (request.method === 'GET' && path.startsWith('/v2/usercollection/')) return data(request);
    return json(404, { detail: 'Not Found' });
  }

  function sign(event: object, sentAtMs: number): SignedDelivery {
    const timestamp = String(Math.floor(sentAtMs / 1000));
    const rawBody = JSON.stringify(event);
    const signature = createHmac('sha256', registration.clientSecret).update(timestamp + rawBody).digest('hex').toUpperCase();
    return { headers: { 'x-oura-signature': signature, 'x-oura-timestamp': timestamp }, rawBody };
  }

  return Object.assign(assembleFakeVendor({ settings: fake, server: await startFakeServer(route), oauth, throttle, sign }), { subscriptions });
}

/** Heart rate takes instants, the rest dates; a missing or malformed bound is a 400, as Oura answers. */
function filterWindow(resource: string, items: Item[], query: URLSearchParams): Item[] | undefined {
  if (resource === 'heartrate') {
    const from = Date.parse(query.get('start_datetime') ?? '');
    const to = Date.parse(query.get('end_datetime') ?? '');
    if (Number.isNaN(from) || Number.isNaN(to)) return undefined;
    return items.filter((item) => {
      const at = Date.parse(String(item.timestamp));
      return at >= from && at <= to;
    });
  }
  const from = query.get('start_date') ?? '';
  const to = query.get('end_date') ?? '';
  if (!DATE.test(from) || !DATE.test(to)) return undefined;
  return items.filter((item) => String(item.day) >= from && String(item.day) <= to);
}
