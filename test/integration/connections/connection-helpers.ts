// Shared steps of the connection suites: fake vendors, a person who connects through the
// real OAuth redirects, and waiting for the syncs to settle.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { ConnectionView } from '../../../src/app/connections/list-connections.ts';
import type { Sql } from '../../../src/app/ports.ts';
import { startFakeOura, type FakeOura } from '../../fakes/fake-oura.ts';
import type { FakeVendor } from '../../fakes/fake-vendor.ts';
import { startFakeWhoop } from '../../fakes/fake-whoop.ts';
import { PUBLIC_URL, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { serviceSetups } from '../../support/databases.ts';
import { eventually } from '../ingest/ingest-helpers.ts';

const DAY_MS = 86_400_000;

/** Each database; and Postgres with Redis (BullMQ jobs, the Redis cache holding pending authorizations) when both are configured. */
export const setups = serviceSetups('connections');
/** The fixtures are from January 2024: a backfill reaching back to them. */
export const FIXTURE_BACKFILL_DAYS = Math.ceil((Date.now() - Date.parse('2023-12-20T00:00:00Z')) / DAY_MS);

export interface FakeVendors {
  oura: FakeOura;
  whoop: FakeVendor;
  /** Every secret a vendor knows: none may ever show in a log, an answer or a column in the clear. */
  clientSecrets: string[];
  close(): Promise<void>;
}

/** Both fakes, registered with Vitalis' callback at `publicUrl`. */
export async function startFakeVendors(publicUrl = PUBLIC_URL): Promise<FakeVendors> {
  const registration = (vendor: string) => ({
    clientId: `vitalis-${vendor}`,
    clientSecret: `${vendor}-client-secret-${randomBytes(12).toString('hex')}`,
    redirectUri: `${publicUrl}/api/v1/connections/${vendor}/callback`,
  });
  const ouraRegistration = registration('oura');
  const whoopRegistration = registration('whoop');
  const oura = await startFakeOura(ouraRegistration);
  const whoop = await startFakeWhoop(whoopRegistration);
  return {
    oura,
    whoop,
    clientSecrets: [ouraRegistration.clientSecret, whoopRegistration.clientSecret],
    close: async () => void (await Promise.all([oura.close(), whoop.close()])),
  };
}

/** The configuration pointing Vitalis at the fakes. */
export function vendorEnv(fakes: FakeVendors, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OURA_CLIENT_ID: fakes.oura.oauth.registration.clientId,
    OURA_CLIENT_SECRET: fakes.oura.oauth.registration.clientSecret,
    OURA_API_BASE_URL: fakes.oura.url,
    OURA_AUTH_BASE_URL: fakes.oura.url,
    WHOOP_CLIENT_ID: fakes.whoop.oauth.registration.clientId,
    WHOOP_CLIENT_SECRET: fakes.whoop.oauth.registration.clientSecret,
    WHOOP_API_BASE_URL: fakes.whoop.url,
    CONNECTION_BACKFILL_DAYS: String(FIXTURE_BACKFILL_DAYS),
    ...extra,
  };
}

export interface Person {
  token: string;
  tenantId: string;
  userId: string;
  email: string;
}

export async function signUp(api: ApiHarness, label: string): Promise<Person> {
  const email = `${label}-${uuidv7().slice(-12)}@example.test`;
  const signed = await signUpVerified(api, email, 'Connected Person', { ip: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
  return { token: signed.accessToken, tenantId: signed.tenantId, userId: signed.userId, email };
}

/** POST authorize: the URL to send the browser to. */
export async function authorize(api: ApiHarness, person: Person, vendor: string, body?: object): Promise<string> {
  const res = await api.call('POST', `/api/v1/connections/${vendor}/authorize`, { token: person.token, ...(body && { body }) });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { url: string }).url;
}

/** The person at the vendor's consent screen: where the vendor sends the browser back (our callback, as path and query). */
export async function consent(authorizeUrl: string): Promise<string> {
  const res = await fetch(authorizeUrl, { redirect: 'manual' });
  assert.equal(res.status, 302, await res.text());
  const location = new URL(res.headers.get('location')!);
  assert.equal(location.origin, PUBLIC_URL);
  return `${location.pathname}${location.search}`;
}

/** The browser arriving at our callback: where we send it next. */
export async function callback(api: ApiHarness, pathAndQuery: string): Promise<URL> {
  const res = await api.app.inject({ method: 'GET', url: pathAndQuery });
  assert.equal(res.statusCode, 303, res.body);
  return new URL(String(res.headers.location));
}

/** Connects `vendor` through the whole OAuth dance; the connection as listed. */
export async function connect(api: ApiHarness, person: Person, vendor: 'oura' | 'whoop'): Promise<ConnectionView> {
  const landed = await callback(api, await consent(await authorize(api, person, vendor)));
  assert.equal(landed.href, `${PUBLIC_URL}/connections?connected=${vendor}`);
  const found = (await listConnections(api, person)).find((c) => c.vendor === vendor);
  assert.ok(found, `${vendor} is not listed after connecting`);
  return found;
}

export async function listConnections(api: ApiHarness, person: Person): Promise<ConnectionView[]> {
  const res = await api.call('GET', '/api/v1/connections', { token: person.token });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as ConnectionView[];
}

/** The connection once none of its runs is queued or running (and it has at least `minRuns` per resource). */
export async function settled(api: ApiHarness, person: Person, connectionId: string, minRuns = 1, timeoutMs = 30_000): Promise<ConnectionView> {
  return eventually(
    `the syncs of ${connectionId} to settle`,
    async () => {
      const connection = (await listConnections(api, person)).find((c) => c.id === connectionId);
      if (!connection) return undefined;
      const runs = connection.resources.flatMap((r) => r.runs);
      const done = connection.resources.every((r) => r.runs.length >= minRuns) && runs.every((run) => run.state === 'succeeded' || run.state === 'failed');
      return done ? connection : undefined;
    },
    timeoutMs,
  );
}

/** A read as the system (counts, raw rows a test checks). */
export function asSystem<R extends object>(api: ApiHarness, text: string, params: unknown[] = []): Promise<R[]> {
  return api.services.tx.withSystem('test reads what the connections stored', (sql: Sql) => sql.query<R>(text, params));
}

export async function countOf(api: ApiHarness, text: string, params: unknown[] = []): Promise<number> {
  const [row] = await asSystem<{ n: number }>(api, `select count(*)::int as n from (${text}) counted`, params);
  return row!.n;
}
