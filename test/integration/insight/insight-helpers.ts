// Shared steps of the insight suites: people and care teams, daily samples sent through the
// API and normalized, dates relative to today.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { uuidv7 } from 'uuidv7';
import type { Role } from '../../../src/app/ports.ts';
import { getMetric } from '../../../src/domain/metrics/index.ts';
import { signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds, POSTGRES_URL, REDIS_URL, type DatabaseKind } from '../../support/databases.ts';
import { normalized, postSamples, type Caller } from '../ingest/ingest-helpers.ts';

export interface Flavour {
  name: string;
  kind: DatabaseKind;
  env: Record<string, string>;
}

/**
 * Each database kind with the in-process cache, pub/sub and queue; and, when Redis is there
 * too, the scale-out mode (Redis cache and pub/sub, BullMQ), so both cache adapters are tested.
 */
export const flavours: Flavour[] = [
  ...databaseKinds.map((kind) => ({ name: kind, kind, env: {} })),
  ...(POSTGRES_URL && REDIS_URL
    ? [
        {
          name: 'postgres + redis',
          kind: 'postgres' as const,
          env: {
            REDIS_URL,
            REDIS_NAMESPACE: `insight-${uuidv7().slice(-12)}`,
            ENCRYPTION_KEYS: `1:${randomBytes(32).toString('base64')}`,
            AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'),
          },
        },
      ]
    : []),
];

export interface Person {
  userId: string;
  personalTenantId: string;
  token: string;
}

export async function person(api: ApiHarness, label: string): Promise<Person> {
  const p = await signUpVerified(api, `${label}-${uuidv7().slice(-12)}@example.test`);
  return { userId: p.userId, personalTenantId: p.tenantId, token: p.accessToken };
}

/** A team tenant made by the system with these members, and one clinician looking after one member. */
export async function clinic(api: ApiHarness, members: Array<[Person, Role]>, careTeam: { clinician: Person; member: Person }): Promise<string> {
  const tenantId = uuidv7();
  await api.services.tx.withSystem('test: a clinic', async (sql) => {
    await sql.query(`insert into tenants (id, slug, name, type) values ($1, $2, 'Clinic', 'team')`, [tenantId, `clinic-${tenantId.slice(-12)}`]);
    for (const [member, role] of members) await sql.query('insert into memberships (tenant_id, user_id, role) values ($1, $2, $3)', [tenantId, member.userId, role]);
    await sql.query('insert into care_team (tenant_id, clinician_id, member_id) values ($1, $2, $3)', [tenantId, careTeam.clinician.userId, careTeam.member.userId]);
  });
  return tenantId;
}

/** Today's date in UTC, the zone of a person who set none. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function daysAgo(n: number, from = today()): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}

/** One daily value per date: a whole-day total (steps, sleep) or a morning reading (HRV, resting heart rate). */
export function daily(metric: string, values: ReadonlyArray<readonly [date: string, value: number]>, source = 'Test Ring'): object[] {
  const reading = metric === 'hrv_rmssd' || metric === 'resting_heart_rate' || metric === 'weight';
  const unit = getMetric(metric)!.unit;
  return values.map(([date, value]) => ({ metric, value, unit, start: reading ? `${date}T06:00:00Z` : date, source }));
}

/** Sends samples and waits until each batch is normalized (and so in the daily rollups). */
export async function store(api: ApiHarness, caller: Caller, samples: object[]): Promise<void> {
  for (let i = 0; i < samples.length; i += 5000) {
    const receipt = await postSamples(api, caller, samples.slice(i, i + 5000));
    const status = await normalized(api, caller, receipt.rawId);
    assert.equal(status.state, 'normalized', JSON.stringify(status));
    assert.equal(status.rejected, 0, JSON.stringify(status.rejections.slice(0, 3)));
  }
}

/** `n` consecutive days ending today, oldest first, each with `value(i)` (i = 0 for the oldest). */
export function lastDays(n: number, value: (i: number) => number): Array<[string, number]> {
  return Array.from({ length: n }, (_, i) => [daysAgo(n - 1 - i), value(i)]);
}

/**
 * A read once it is served from the cache: two reads in a row with the same `asOf`. A batch's
 * samples.ingested invalidates the dashboard just after the batch reads as normalized (over
 * Redis pub/sub when scaled out), so the first read after storing may be recomputed once more.
 */
export async function untilCached<T extends { asOf: string }>(read: () => Promise<T>): Promise<T> {
  let last = await read();
  for (;;) {
    await delay(100);
    const again = await read();
    if (again.asOf === last.asOf) return last;
    last = again;
  }
}
