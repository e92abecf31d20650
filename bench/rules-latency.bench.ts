// Latency of monitoring, end to end: from a sample accepted by the API (its batch stored:
// raw_payloads.received_at, on the server's clock, which is this process's) to the alert it
// fired arriving on a clinician's Server-Sent Events stream.
//
// The whole server runs in this process as `vitalis serve --role all` would (embedded:
// PGlite and the in-process queue and pub/sub; with DATABASE_URL and REDIS_URL set: a
// scratch Postgres database, BullMQ and Redis pub/sub). 200 people of one team, all on one
// clinician's care team, each driven by the live simulator (a heart-rate reading a minute, its
// clock running 300x, so ~1,000 samples/s in all with the other metrics), post what fell due
// every 20 seconds (a phone syncing its watch; 10 POSTs/s in all): 40 s measured after a 20 s
// warm-up. One tenant-wide rule fires often: heart rate above 65, no duration, a 60-minute
// cooldown. The clinician's one stream receives every alert.opened; each is matched by its
// firing reading (evidence.to) to the batch that carried it. The simulated clock ends a
// minute before now, inside the six hours within which alerts are live (much longer runs
// would reach back further, and their first alerts would be historical: nobody is told).
//
// Baseline, in the same run: the POST round trip (the API's own answer time). Each alert's
// latency is also split at its batch's samples.ingested (stored and normalized).
//
//   npm run bench -- rules-latency
//   DATABASE_URL=postgres://... REDIS_URL=redis://... npm run bench -- rules-latency
//   RULES_LATENCY_SECONDS=30 RULES_LATENCY_PEOPLE=50 npm run bench -- rules-latency   (a quicker look)
//   RULES_LATENCY_POST_SECONDS=5 ...   (each person posting more often, in smaller batches)
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { uuidv7 } from 'uuidv7';
import { issueTokens } from '../src/app/identity/sessions.ts';
import { createTenant } from '../src/app/tenancy/create-tenant.ts';
import { createMetricsRegistry } from '../src/api/plugins/metrics.ts';
import { registerApiRoutes } from '../src/api/routes/index.ts';
import { buildServer } from '../src/api/server.ts';
import { openServices } from '../src/composition/services.ts';
import { parseConfig } from '../src/config.ts';
import { createLiveSimulator, type LiveSimulator, type PersonProfile, type SampleInput } from '../src/domain/simulator/index.ts';
import { createProcessors } from '../src/worker/processors/index.ts';
import { StreamClient } from '../test/support/sse-client.ts';

const PEOPLE = Number(process.env.RULES_LATENCY_PEOPLE ?? 200);
/** Measured seconds, after a warm-up round of POST_SECONDS (JIT, caches, every simulated person's day generated). */
const SECONDS = Number(process.env.RULES_LATENCY_SECONDS ?? 40);
/** Simulated seconds per real second: with a reading a minute each, PEOPLE x SPEED / 60 readings/s. */
const SPEED = Number(process.env.RULES_LATENCY_SPEED ?? 300);
/** Seconds between one person's POSTs. */
const POST_SECONDS = Number(process.env.RULES_LATENCY_POST_SECONDS ?? 20);
const TARGET_P99_MS = 250;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC', 'Australia/Sydney'];

const scaledOut = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

async function scratchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `vitalis_bench_${uuidv7().replace(/-/g, '').slice(-16)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await admin(`create database ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return { url: scratch.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

const dir = await mkdtemp(path.join(tmpdir(), 'vitalis-rules-latency-'));
const scratch = scaledOut ? await scratchDatabase(process.env.DATABASE_URL!) : undefined;
const config = parseConfig({
  VITALIS_DATA_DIR: dir,
  LOG_LEVEL: 'silent',
  PORT: '0',
  HOST: '127.0.0.1',
  RATE_LIMIT_PER_MINUTE: '10000000',
  INGEST_MAX_PENDING_BATCHES: '100000',
  ...(process.env.QUEUE_CONCURRENCY && { QUEUE_CONCURRENCY: process.env.QUEUE_CONCURRENCY }),
  ...(scratch && {
    DATABASE_URL: scratch.url,
    REDIS_URL: process.env.REDIS_URL,
    REDIS_NAMESPACE: `bench${uuidv7().replace(/-/g, '').slice(-10)}`,
    ENCRYPTION_KEYS: `1:${randomBytes(32).toString('base64')}`,
    AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'),
  }),
});
const logger = pino({ level: process.env.RULES_LATENCY_LOG ?? 'silent' });
const services = await openServices(config, logger);
await services.queue.work(createProcessors(services), { concurrency: config.QUEUE_CONCURRENCY });
const app = await buildServer({
  logger,
  meta: { name: 'vitalis', version: 'bench', mode: services.mode },
  readiness: services.readiness,
  metrics: createMetricsRegistry({ poolStats: () => services.db.poolStats() }),
  bodyLimitBytes: config.BODY_LIMIT_BYTES,
  corsOrigins: [],
  rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  routes: [(a) => registerApiRoutes(a, services.identity, services.imports, services.insight, services.connections, services.monitoring)],
});
const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });

// ------------------------------------------------------------------ the team

const suffix = uuidv7().slice(-12);
const tenant = await createTenant(services.deps, { slug: `bench-${suffix}`, name: 'Bench Team', type: 'team', admin: { email: `admin-${suffix}@bench.test`, name: 'Bench Admin' } });
/** A member with a live session: made by the system, as seeding does, so no password hashing slows the setup. */
async function member(label: string, role: 'member' | 'clinician' | 'admin', email?: string): Promise<{ userId: string; token: string }> {
  return services.tx.withSystem('bench: a member with a session', async (sql) => {
    const user = await services.deps.repos.users.upsertByEmail(sql, { id: uuidv7(), email: email ?? `${label}-${suffix}@bench.test`, name: label });
    await services.deps.repos.memberships.upsert(sql, { tenantId: tenant.id, userId: user.id, role });
    // A credentials row no password matches: sessions are checked against an account with one.
    await services.identity.identity.insertCredentials(sql, user.id, 'bench: no password');
    const tokens = await issueTokens(services.identity, sql, user.id, uuidv7(), {});
    return { userId: user.id, token: tokens.accessToken };
  });
}
const admin = await member('admin', 'admin', `admin-${suffix}@bench.test`);
const coach = await member('coach', 'clinician');
const people: Array<{ userId: string; token: string; simulator: LiveSimulator }> = [];
const start = Date.now() - (SECONDS + POST_SECONDS) * SPEED * 1000 - 60_000;
for (let i = 0; i < PEOPLE; i += 1) {
  const person = await member(`athlete-${i}`, 'member');
  await services.tx.withSystem('bench: care team', (sql) =>
    sql.query('insert into care_team (tenant_id, clinician_id, member_id) values ($1, $2, $3)', [tenant.id, coach.userId, person.userId]),
  );
  const profile: PersonProfile = { age: 20 + (i % 45), sex: i % 2 ? 'female' : 'male', fitness: (i % 10) / 10, weightKg: 55 + (i % 40), timeZone: ZONES[i % ZONES.length]! };
  people.push({ ...person, simulator: createLiveSimulator(profile, i, { since: start, heartRateIntervalSeconds: 60 }) });
}
const rule = await fetch(`${baseUrl}/api/v1/rules`, {
  method: 'POST',
  headers: { authorization: `Bearer ${admin.token}`, 'x-tenant-id': tenant.id, 'content-type': 'application/json' },
  body: JSON.stringify({
    name: 'Heart rate above 65',
    condition: { metric: 'heart_rate', operator: '>', value: 65, duration: 0 },
    action: { type: 'notification', severity: 'low' },
    cooldownMinutes: 60,
  }),
});
if (rule.status !== 201) throw new Error(`rule: ${rule.status} ${await rule.text()}`);

// ------------------------------------------------------------------ the run

/** `${userId} ${sample instant}` -> the batch (raw payload) that carried it. */
const batchOf = new Map<string, string>();
/** raw id -> the end of its batch's span, as samples.ingested names it. */
const batchEnd = new Map<string, string>();
/** `${userId} ${batch end}` -> when samples.ingested was heard for it (epoch ms). */
const storedAt = new Map<string, number>();
const arrivals: Array<{ userId: string; reading: string; at: number }> = [];
const roundTrips: number[] = [];
let samplesSent = 0;
let posts = 0;
const failures = new Map<string, number>();

await services.pubsub.subscribe('samples.ingested', (message) => {
  const { userId, to } = message as { userId: string; to: string };
  storedAt.set(`${userId} ${to}`, Date.now());
});
const stream = await StreamClient.open(baseUrl, { token: coach.token, tenantId: tenant.id });
stream.onEvent = (event) => {
  if (event.event !== 'alert.opened') return;
  arrivals.push({ userId: String(event.data.userId), reading: (event.data.evidence as { to: string }).to, at: Date.now() });
};

async function post(person: (typeof people)[number], samples: SampleInput[]): Promise<void> {
  if (samples.length === 0) return;
  const sent = performance.now();
  const answer = await fetch(`${baseUrl}/api/v1/samples`, {
    method: 'POST',
    headers: { authorization: `Bearer ${person.token}`, 'x-tenant-id': tenant.id, 'content-type': 'application/json' },
    body: JSON.stringify({ samples }),
  }).then(
    async (res) => ({ status: res.status, body: (await res.json()) as { rawId?: string } }),
    (error: unknown) => ({ status: String((error as Error).cause ?? error), body: {} as { rawId?: string } }),
  );
  posts += 1;
  if (answer.status !== 202 || !answer.body.rawId) {
    failures.set(String(answer.status), (failures.get(String(answer.status)) ?? 0) + 1);
    return;
  }
  roundTrips.push(performance.now() - sent);
  samplesSent += samples.length;
  const instants = samples.map((sample) => new Date(sample.end ?? sample.start).toISOString()).sort();
  batchEnd.set(answer.body.rawId, instants[instants.length - 1]!);
  for (const sample of samples) batchOf.set(`${person.userId} ${new Date(sample.start).toISOString()}`, answer.body.rawId);
}

// Each person posts every POST_SECONDS, the people spread evenly across that time. The
// batches are simulated before the clock starts: generating a simulated day takes the event
// loop for milliseconds, which the server (in this process) would otherwise pay for.
const ticks = SECONDS / POST_SECONDS + 1;
const slot = (tick: number, i: number) => (tick + i / people.length) * POST_SECONDS * 1000;
const batches = people.map((person, i) => Array.from({ length: ticks }, (_, tick) => person.simulator.next(start + slot(tick, i) * SPEED)));
const began = Date.now();
const inFlight = new Set<Promise<void>>();
for (let tick = 0; tick < ticks; tick += 1) {
  for (let i = 0; i < people.length; i += 1) {
    const wait = began + slot(tick, i) - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const run = post(people[i]!, batches[i]![tick]!).finally(() => inFlight.delete(run));
    inFlight.add(run);
  }
}
await Promise.all(inFlight);
const elapsed = (Date.now() - began) / 1000;
const measuredFrom = began + POST_SECONDS * 1000;
// Alerts of the last posts may still be on their way.
await new Promise((resolve) => setTimeout(resolve, 3000));
await stream.close();

const acceptedAt = new Map(
  (
    await services.tx.withSystem('bench: when each batch was accepted', (sql) =>
      sql.query<{ id: string; receivedAt: Date }>('select id, received_at as "receivedAt" from raw_payloads where id = any ($1::uuid[])', [[...batchEnd.keys()]]),
    )
  ).map((row) => [row.id, new Date(row.receivedAt).getTime()]),
);
const latencies: number[] = [];
const toStored: number[] = [];
const storedToAlert: number[] = [];
let unmatched = 0;
for (const arrival of arrivals) {
  const rawId = batchOf.get(`${arrival.userId} ${arrival.reading}`);
  const accepted = rawId === undefined ? undefined : acceptedAt.get(rawId);
  if (rawId === undefined || accepted === undefined) {
    unmatched += 1;
    continue;
  }
  if (accepted < measuredFrom) continue;
  latencies.push(arrival.at - accepted);
  const stored = storedAt.get(`${arrival.userId} ${batchEnd.get(rawId)}`);
  if (stored === undefined) continue;
  toStored.push(stored - accepted);
  storedToAlert.push(arrival.at - stored);
}

const sortedOf = (values: number[]) => [...values].sort((a, b) => a - b);
const sorted = sortedOf(latencies);
const trips = sortedOf(roundTrips);
const p99 = percentile(sorted, 99);
const refused = [...failures.values()].reduce((sum, n) => sum + n, 0);
console.log(`rules latency — ${scaledOut ? 'Postgres + Redis (BullMQ, Redis pub/sub)' : 'embedded (PGlite, in-process queue and pub/sub)'}, queue concurrency ${config.QUEUE_CONCURRENCY}`);
console.log(`  ${PEOPLE} people posting every ${POST_SECONDS} s for ${SECONDS} s after ${POST_SECONDS} s of warm-up: ${samplesSent.toLocaleString('en')} samples in ${posts.toLocaleString('en')} POSTs (${refused} refused), ${(samplesSent / elapsed).toFixed(0)} samples/s`);
if (failures.size > 0) console.log(`  refused or failed POSTs: ${[...failures].map(([why, n]) => `${n} x ${why}`).join(', ')}`);
console.log(`  alerts on the clinician's stream after the warm-up: ${latencies.length} (${unmatched} in all not matched to a batch)`);
console.log(`  POST answered (baseline): p50 ${ms(percentile(trips, 50))}, p99 ${ms(percentile(trips, 99))}`);
console.log(`  sample accepted -> alert.opened received: p50 ${ms(percentile(sorted, 50))}, p90 ${ms(percentile(sorted, 90))}, p99 ${ms(p99)}, max ${ms(sorted[sorted.length - 1] ?? NaN)}`);
console.log(`    accepted -> stored: p50 ${ms(percentile(sortedOf(toStored), 50))}, p99 ${ms(percentile(sortedOf(toStored), 99))}; stored -> alert received: p50 ${ms(percentile(sortedOf(storedToAlert), 50))}, p99 ${ms(percentile(sortedOf(storedToAlert), 99))}`);
console.log(`  p99 / target ${TARGET_P99_MS} ms: ${(p99 / TARGET_P99_MS).toFixed(2)} (${p99 <= TARGET_P99_MS ? 'met' : 'not met'})`);

await app.close();
await services.close();
await scratch?.drop();
await rm(dir, { recursive: true, force: true });
