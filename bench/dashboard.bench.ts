// GET /api/v1/dashboard/summary under load: one person with a year of 5-second heart rate
// (6.3 million samples) and a year of daily metrics, 100 concurrent connections, against
//   - a bare route in the same server returning the same pre-serialized JSON (the baseline),
//   - the dashboard served from the cache (authentication answered by the verified-session memo),
//   - the same with the memo off: every request reads its session and membership (as before it),
//   - the dashboard computed on every request (a server whose cache never hits),
//   - (bench only) a cache hit without the per-request authentication, to show what the
//     cache path costs apart from it.
// Prints p50/p95/p99 and req/s of each and the ratios. The load generator (autocannon) runs
// in a child process, so it never shares the server's event loop.
//
//   npm run bench -- dashboard                      (PGlite, embedded)
//   DATABASE_URL=postgres://... npm run bench -- dashboard
//   DASHBOARD_BENCH_SECONDS=10 ...                  (seconds per run, default 10)
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { uuidv7 } from 'uuidv7';
import { refreshCorrelations } from '../src/app/insight/correlations/refresh-correlations.ts';
import { lookUpDashboard } from '../src/app/insight/dashboard/dashboard-cache.ts';
import type { IdentityDeps } from '../src/app/identity/identity-deps.ts';
import { VerifiedSessionMemo } from '../src/app/identity/verified-session-memo.ts';
import type { InsightDeps } from '../src/app/insight/insight-deps.ts';
import type { Cache, PersonRef } from '../src/app/ports.ts';
import { createMetricsRegistry } from '../src/api/plugins/metrics.ts';
import { registerApiRoutes } from '../src/api/routes/index.ts';
import { buildServer } from '../src/api/server.ts';
import type { DailyValue } from '../src/domain/ingest/index.ts';
import { createSamplePartitions } from '../src/db/sample-partitions.ts';
import { openApi, signUpVerified, STRONG_PASSWORD } from '../test/support/api-harness.ts';
import { runLoad } from './support/run-load.ts';
import type { LoadResult } from './support/load-generator.ts';

const SECONDS = Number(process.env.DASHBOARD_BENCH_SECONDS ?? 10);
const CONNECTIONS = 100;
const DAYS = 365;
const HEART_RATE_STEP_SECONDS = 5;
const DAY_MS = 86_400_000;
const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';

const harness = await openApi(kind);
const { services } = harness;
const email = `bench-${uuidv7().slice(-12)}@example.test`;
const signedUp = await signUpVerified(harness, email, 'Bench Person');
const person: PersonRef = { tenantId: signedUp.tenantId, userId: signedUp.userId };
const today = new Date().toISOString().slice(0, 10);
const firstDay = new Date(Date.parse(today) - (DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
const dateOf = (i: number) => new Date(Date.parse(firstDay) + i * DAY_MS).toISOString().slice(0, 10);

// ---- a year of data ---------------------------------------------------------------------------

const seedStart = performance.now();
const dataEnd = Date.now();
const months = [...new Set(Array.from({ length: DAYS }, (_, i) => dateOf(i).slice(0, 7)))];
await createSamplePartitions(services.tx).ensure(months);
for (const month of months) {
  const monthStart = Date.parse(`${month}-01T00:00:00Z`);
  const nextMonth = new Date(monthStart);
  nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
  const from = new Date(Math.max(monthStart, Date.parse(`${firstDay}T00:00:00Z`)));
  const to = new Date(Math.min(nextMonth.getTime(), dataEnd) - HEART_RATE_STEP_SECONDS * 1000);
  // A daily rhythm with a little deterministic noise, whole beats, every 5 s.
  await services.tx.withSystem('bench: a month of heart rate', (sql) =>
    sql.query(
      `insert into samples (tenant_id, user_id, metric, source, start_at, end_at, value, utc_offset_minutes, local_date, raw_id)
       select $1, $2, 'heart_rate', 'Bench Watch', t, t,
              round(62 + 18 * sin(extract(epoch from t) / 86400.0 * 2 * pi()) + (extract(epoch from t)::bigint % 7) - 3), 0,
              (t at time zone 'UTC')::date, $3
         from generate_series($4::timestamptz, $5::timestamptz, make_interval(secs => $6)) as t`,
      [person.tenantId, person.userId, uuidv7(), from, to, HEART_RATE_STEP_SECONDS],
    ),
  );
}
await services.tx.withSystem('bench: heart rate rollups', (sql) =>
  sql.query(
    `insert into daily_values (tenant_id, user_id, metric, local_date, value, min, max, count, status, provenance, updated_at)
     select tenant_id, user_id, metric, local_date, avg(value), min(value), max(value), count(*), 'ok', '[]'::jsonb, now()
       from samples where tenant_id = $1 and user_id = $2 and metric = 'heart_rate' group by tenant_id, user_id, metric, local_date`,
    [person.tenantId, person.userId],
  ),
);
const wave = (i: number, period: number) => Math.sin((2 * Math.PI * i) / period);
const dailyMetrics: Record<string, { unit: string; value: (i: number) => number }> = {
  resting_heart_rate: { unit: '/min', value: (i) => Math.round(54 + 2 * wave(i, 9) + (i % 3)) },
  hrv_rmssd: { unit: 'ms', value: (i) => Math.round(55 + 8 * wave(i, 11) + (i % 5)) },
  sleep_duration: { unit: 'min', value: (i) => Math.round(440 + 30 * wave(i, 7) + (i % 4) * 5) },
  time_in_bed: { unit: 'min', value: (i) => Math.round(480 + 30 * wave(i, 7)) },
  steps: { unit: '{steps}', value: (i) => Math.round(9000 + 3000 * wave(i, 13) + (i % 10) * 150) },
};
const dailyValues: DailyValue[] = Object.entries(dailyMetrics).flatMap(([metric, { unit, value }]) =>
  Array.from({ length: DAYS }, (_, i): DailyValue => {
    const v = value(i);
    return { metric, date: dateOf(i), unit, value: v, count: 1, status: 'ok', sources: [{ source: 'Bench Ring', rank: 0, samples: 1, total: v, contributed: v, used: true }] };
  }),
);
await services.tx.withTenant(person, (sql) => services.ingest.ingest.dailyValues.upsert(sql, person, dailyValues, new Date()));
await refreshCorrelations(services.insight, person);
const [{ n: heartRateSamples } = { n: '0' }] = await services.tx.withSystem('bench: count', (sql) =>
  sql.query<{ n: string }>(`select count(*) as n from samples where user_id = $1`, [person.userId]),
);
console.log(`${kind}: ${Number(heartRateSamples).toLocaleString('en')} heart-rate samples and ${dailyValues.length} daily values seeded in ${((performance.now() - seedStart) / 1000).toFixed(0)} s`);

// ---- the servers ------------------------------------------------------------------------------

/** A cache that never hits: every request computes the dashboard. */
const neverHits: Cache = { get: async () => undefined, set: async () => {}, delete: async () => {}, ping: async () => {}, close: async () => {} };

async function server(insight: InsightDeps, extra: (app: FastifyInstance) => void = () => {}, identity: IdentityDeps = services.identity): Promise<string> {
  const app = await buildServer({
    logger: pino({ level: 'silent' }),
    meta: { name: 'vitalis', version: 'bench', mode: services.mode },
    readiness: services.readiness,
    metrics: createMetricsRegistry({ poolStats: () => services.db.poolStats() }),
    bodyLimitBytes: 1_048_576,
    corsOrigins: [],
    rateLimitPerMinute: 1_000_000_000,
    routes: [(a) => registerApiRoutes(a, identity, services.imports, insight), extra],
  });
  return app.listen({ port: 0, host: '127.0.0.1' });
}

// A fresh access token: seeding can take minutes, and a token lives 15.
const signIn = await harness.call('POST', '/api/v1/auth/sign-in', { body: { email, password: STRONG_PASSWORD } });
const auth = { authorization: `Bearer ${(signIn.json() as { accessToken: string }).accessToken}` };
const path = '/api/v1/dashboard/summary';
const cachedUrl = await server(services.insight);
const body = await (await fetch(`${cachedUrl}${path}`, { headers: auth })).text();
const bareUrl = await server(services.insight, (app) => {
  app.get('/bench/bare', (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
  app.get('/bench/cache-hit-without-authentication', async (_request, reply) => {
    const hit = await lookUpDashboard(services.cache, person, new Date());
    if (!('body' in hit)) throw new Error('the dashboard fell out of the cache during the run');
    return reply.type('application/json; charset=utf-8').send(hit.body);
  });
});
const uncachedUrl = await server({ ...services.insight, cache: neverHits });
// As before the verified-session memo: every request reads the session and the membership.
const withoutMemo = new VerifiedSessionMemo({ ttlMs: 0, maxEntries: 1, now: () => performance.now() });
const cachedWithoutMemoUrl = await server(services.insight, undefined, { ...services.identity, verifiedSessions: withoutMemo });
console.log(`dashboard: ${body.length.toLocaleString('en')} bytes of JSON, ${(JSON.parse(body) as { insights: unknown[] }).insights.length} insights`);

// ---- the runs ---------------------------------------------------------------------------------

const runs: Array<[string, string, Record<string, string>]> = [
  ['bare route, same JSON', `${bareUrl}/bench/bare`, {}],
  ['cache hit without authentication', `${bareUrl}/bench/cache-hit-without-authentication`, {}],
  ['dashboard, cached', `${cachedUrl}${path}`, auth],
  ['dashboard, cached, memo off', `${cachedWithoutMemoUrl}${path}`, auth],
  ['dashboard, uncached', `${uncachedUrl}${path}`, auth],
];

/**
 * One run after a warm-up. Requests the load generator gave up on (it waits 10 s) may still be
 * queued in the server; one more request, answered after them, lets the next run start on an
 * idle server.
 */
async function measured(url: string, headers: Record<string, string>, connections: number): Promise<LoadResult> {
  await runLoad({ url, headers, connections, seconds: 2 });
  const result = await runLoad({ url, headers, connections, seconds: SECONDS });
  await fetch(url, { headers });
  return result;
}

const results = new Map<string, LoadResult>();
for (const [label, url, headers] of runs) results.set(label, await measured(url, headers, CONNECTIONS));
const single = await measured(`${uncachedUrl}${path}`, auth, 1);

const ms = (v: number) => v.toFixed(2).padStart(8);
console.log(`\n${kind}, ${CONNECTIONS} connections, ${SECONDS} s per run`);
console.log(`${'run'.padEnd(36)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}   non-2xx/errors   vs bare req/s`);
const bare = results.get('bare route, same JSON')!;
for (const [label, r] of [...results, ['dashboard, uncached, 1 connection', single] as const]) {
  console.log(`${label.padEnd(36)}${r.perSecond.toFixed(0).padStart(9)}${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)}   ${`${r.non2xx}/${r.errors}`.padStart(14)}   ${(r.perSecond / bare.perSecond).toFixed(3).padStart(13)}`);
}
const cached = results.get('dashboard, cached')!;
const uncached = results.get('dashboard, uncached')!;
console.log(`\ntargets: cached p95 ${cached.p95.toFixed(2)} ms (<= 5), cached/bare req/s ${(cached.perSecond / bare.perSecond).toFixed(3)} (>= 0.5), uncached p95 ${uncached.p95.toFixed(2)} ms (<= 25)`);

await harness.close();
process.exit(0);
