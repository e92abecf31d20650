import { createHmac } from 'node:crypto';
import { bearerOf, json, startFakeServer, type FakeRequest, type FakeResponse } from './fake-http-server.ts';
import { FakeOAuthProvider, type OAuthRegistration } from './fake-oauth.ts';
import { Throttle, pageOf } from './fake-api-helpers.ts';
import { fixture } from './fixtures.ts';
import { assembleFakeVendor, type FakeVendor, type SignedDelivery } from './fake-vendor.ts';

type Item = Record<string, unknown>;

const API = '/developer/v2';
const MAX_LIMIT = 25;

/**
 * WHOOP's API as documented: consent and tokens on /oauth/oauth2/* (verifying a PKCE challenge
 * when one was sent), data under /developer/v2 with `limit` + `nextToken` paging (answered as
 * `next_token`, newest first), DELETE /developer/v2/user/access to revoke, and webhooks signed
 * with base64 HMAC-SHA256(client secret, epoch milliseconds + body).
 */
export async function startFakeWhoop(registration: OAuthRegistration): Promise<FakeVendor> {
  const oauth = new FakeOAuthProvider(registration, { pkce: 'verify', accessTokenTtlSeconds: 3_600 });
  const throttle = new Throttle();
  const newestFirst = (items: Item[], time: string) => [...items].sort((a, b) => String(b[time]).localeCompare(String(a[time])));
  const cycles = fixture<Item[]>('whoop', 'cycle');
  const sleeps = fixture<Item[]>('whoop', 'sleep');
  const workouts = fixture<Item[]>('whoop', 'workout');
  const recoveries = fixture<Item[]>('whoop', 'recovery');
  /** Collection path -> records and the field the start/end window filters on. */
  const collections = new Map<string, { items: Item[]; time: string }>([
    [`${API}/cycle`, { items: newestFirst(cycles, 'start'), time: 'start' }],
    [`${API}/activity/sleep`, { items: newestFirst(sleeps, 'start'), time: 'start' }],
    [`${API}/activity/workout`, { items: newestFirst(workouts, 'start'), time: 'start' }],
    [`${API}/recovery`, { items: newestFirst(recoveries, 'created_at'), time: 'created_at' }],
  ]);
  const profile = fixture<Item>('whoop', 'profile');
  const fake = { pageSize: MAX_LIMIT };

  function list(items: Item[], time: string, query: URLSearchParams): FakeResponse {
    const limit = Number(query.get('limit') ?? '10');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return json(400, { message: 'limit must be between 1 and 25' });
    const from = Date.parse(query.get('start') ?? '1970-01-01T00:00:00Z');
    const to = Date.parse(query.get('end') ?? '9999-12-31T00:00:00Z');
    const inWindow = items.filter((item) => Date.parse(String(item[time])) >= from && Date.parse(String(item[time])) < to);
    const page = pageOf(inWindow, query.get('nextToken'), Math.min(limit, fake.pageSize));
    if (!page) return json(400, { message: 'invalid nextToken' });
    return json(200, { records: page.items, ...(page.next !== null && { next_token: page.next }) });
  }

  function one(path: string): FakeResponse {
    const recovery = /^\/developer\/v2\/cycle\/(\d+)\/recovery$/.exec(path);
    if (recovery) return found(recoveries.find((item) => String(item.cycle_id) === recovery[1]));
    const slash = path.lastIndexOf('/');
    const collection = collections.get(path.slice(0, slash));
    if (collection === undefined || path.startsWith(`${API}/recovery/`)) return json(404, { message: 'Not Found' });
    const id = decodeURIComponent(path.slice(slash + 1));
    return found(collection.items.find((item) => String(item.id) === id));
  }

  function data(request: FakeRequest): FakeResponse {
    if (!oauth.accepts(bearerOf(request))) return json(401, { message: 'Authorization was not valid' });
    const limited = throttle.take();
    if (limited) return limited;
    const path = request.url.pathname;
    if (path === `${API}/user/profile/basic`) return json(200, profile);
    const collection = collections.get(path);
    return collection ? list(collection.items, collection.time, request.url.searchParams) : one(path);
  }

  function route(request: FakeRequest): FakeResponse {
    const path = request.url.pathname;
    if (request.method === 'GET' && path === '/oauth/oauth2/auth') return oauth.authorize(request);
    if (request.method === 'POST' && path === '/oauth/oauth2/token') return oauth.token(request);
    if (request.method === 'DELETE' && path === `${API}/user/access`) {
      return oauth.revoke(bearerOf(request)) ? { status: 204 } : json(401, { message: 'Authorization was not valid' });
    }
    if (request.method === 'GET' && path.startsWith(`${API}/`)) return data(request);
    return json(404, { message: 'Not Found' });
  }

  function sign(event: object, sentAtMs: number): SignedDelivery {
    const timestamp = String(sentAtMs);
    const rawBody = JSON.stringify(event);
    const signature = createHmac('sha256', registration.clientSecret).update(timestamp + rawBody).digest('base64');
    return { headers: { 'X-WHOOP-Signature': signature, 'X-WHOOP-Signature-Timestamp': timestamp }, rawBody };
  }

  return assembleFakeVendor({ settings: fake, server: await startFakeServer(route), oauth, throttle, sign });
}

function found(item: Item | undefined): FakeResponse {
  return item ? json(200, item) : json(404, { message: 'Not Found' });
}
