// Shared steps of the monitoring suites: a team with a care team, heart-rate readings around
// now, rules and alerts through the API, and a Server-Sent Events client of GET /api/v1/stream.
import assert from 'node:assert/strict';
import type { ApiHarness } from '../../support/api-harness.ts';
import type { DatabaseKind } from '../../support/databases.ts';
import { eventually, type Caller } from '../ingest/ingest-helpers.ts';
import { TeamApi, type Person } from '../teams/team-api.ts';

export { StreamClient, type StreamEvent } from '../../support/sse-client.ts';

export const MINUTE = 60_000;

/** The seed's rule, as written in the issue. */
export const SEED_RULE = {
  name: 'Tachycardia',
  condition: { metric: 'heart_rate', operator: '>', value: 100, duration: 30 },
  action: { type: 'doctor_ping', severity: 'high' },
};

export interface CareTeamWorld {
  tenantId: string;
  admin: Person;
  /** Looks after `athlete`. */
  doctor: Person;
  athlete: Person;
  /** A clinician of the same tenant who looks after `patient`, not `athlete`. */
  otherDoctor: Person;
  patient: Person;
}

/** A team tenant: an admin, two clinicians, each with one member on their care team. */
export async function careTeamWorld(api: TeamApi): Promise<CareTeamWorld> {
  const admin = await api.person('admin');
  const tenantId = await api.teamTenant('monitoring', admin);
  const [doctor, athlete, otherDoctor, patient] = await Promise.all([api.person('doctor'), api.person('athlete'), api.person('other-doctor'), api.person('patient')]);
  await api.join(admin, tenantId, doctor, 'clinician');
  await api.join(admin, tenantId, otherDoctor, 'clinician');
  await api.join(admin, tenantId, athlete, 'member');
  await api.join(admin, tenantId, patient, 'member');
  for (const [clinician, member] of [[doctor, athlete], [otherDoctor, patient]] as const) {
    const put = await api.call('PUT', `/api/v1/tenants/${tenantId}/care-team/${clinician.userId}/members/${member.userId}`, { token: admin.token });
    assert.equal(put.statusCode, 204, put.body);
  }
  return { tenantId, admin, doctor, athlete, otherDoctor, patient };
}

/** A JSON request as `who` inside the world's tenant. */
export type WorldCall = (method: string, url: string, who: { token: string }, body?: object) => ReturnType<ApiHarness['call']>;

/** The API on a fresh database with a care-team world in it, and a way to call it as one of the world's people. */
export async function openCareTeamWorld(kind: DatabaseKind): Promise<{ api: TeamApi; world: CareTeamWorld; call: WorldCall }> {
  const api = await TeamApi.open(kind);
  const world = await careTeamWorld(api);
  const call: WorldCall = (method, url, who, body) => api.call(method, url, { token: who.token, tenantId: world.tenantId, ...(body && { body }) });
  return { api, world, call };
}

export const inTenant = (person: { token: string }, tenantId: string): Caller => ({ token: person.token, tenantId });

/** One heart-rate reading a minute, `value` from `fromMinute` to `toMinute` (inclusive) relative to `origin`. */
export function heartRates(origin: number, fromMinute: number, toMinute: number, value: number | ((minute: number) => number), source = 'Test Watch') {
  return Array.from({ length: toMinute - fromMinute + 1 }, (_, i) => {
    const minute = fromMinute + i;
    return { metric: 'heart_rate', value: typeof value === 'number' ? value : value(minute), unit: '/min', start: new Date(origin + minute * MINUTE).toISOString(), source };
  });
}

export async function createRule(api: ApiHarness, caller: Caller, body: object): Promise<{ id: string }> {
  const res = await api.call('POST', '/api/v1/rules', { token: caller.token, tenantId: caller.tenantId, body });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string };
}

export interface AlertItem {
  id: string;
  ruleId: string;
  userId: string;
  severity: string;
  state: string;
  historical: boolean;
  openedAt: string;
  resolution?: string;
  evidence: { from: string; to: string; sampleCount: number; samples: Array<{ at: string; value: number }> };
}

export async function alertsOf(api: ApiHarness, caller: Caller, query = ''): Promise<AlertItem[]> {
  const res = await api.call('GET', `/api/v1/alerts${query}`, { token: caller.token, tenantId: caller.tenantId });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as AlertItem[];
}

/** The caller's alerts once there are at least `count`. */
export function alertsEventually(api: ApiHarness, caller: Caller, count = 1, query = ''): Promise<AlertItem[]> {
  return eventually(`${count} alert(s)`, async () => {
    const alerts = await alertsOf(api, caller, query);
    return alerts.length >= count ? alerts : undefined;
  });
}

/** Starts the harness's app on a loopback port (SSE needs a real connection) and returns its base URL. */
export async function listening(api: ApiHarness): Promise<string> {
  return api.app.listen({ port: 0, host: '127.0.0.1' });
}
