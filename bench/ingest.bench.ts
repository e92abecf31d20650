// Storing samples: N >= 2,000,000 heart-rate samples of a few people, into real Postgres.
//   (a) physical baseline: the same rows written straight into a table with the samples
//       table's key, indexes and monthly partitions — COPY ... FROM STDIN in the binary format
//       (pg-copy-streams), 50,000 rows per COPY, as the owner, no RLS, no conflict handling.
//       One stream, and one stream per person at once; COPY's text format too, for reference.
//   (b) the app's ingest path: ingestSamples(..., { normalize: 'inline' }) per batch of 5,000 —
//       raw payload stored first, normalization, revision dedup, batched upsert, daily rollups
//       of the touched days, the batch marked, samples.ingested published — inside withTenant
//       (the app role, row-level security). One batch at a time, and several in flight as the
//       queue worker runs them (QUEUE_CONCURRENCY, default 4).
//   (c) the same batches again: 100% duplicates.
// Prints samples/s of each and the ratios b/a and c/a, and checks the row count after (c).
// Both sides make their rows in the timed loop (COPY's bytes, the app's RawSample objects).
//
//   DATABASE_URL=postgres://... npm run bench -- ingest
//   INGEST_BENCH_SAMPLES=200000 ...    (a quicker look; the issue's figure needs >= 2,000,000)
//   INGEST_BENCH_STEP_S=6 ...          (denser heart rate: a day then holds 14,400 readings,
//                                       and every batch's rollup re-reads up to a whole day)
//   INGEST_BENCH_IN_FLIGHT=4 ...       (batches in flight in the concurrent runs)
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import pino from 'pino';
import { uuidv7 } from 'uuidv7';
import { InProcessPubSub } from '../src/adapters/pubsub/memory-pubsub.ts';
import { EmbeddedQueue } from '../src/adapters/queue/embedded-queue.ts';
import type { IngestDeps } from '../src/app/ingest/ingest-deps.ts';
import { ingestSamples } from '../src/app/ingest/ingest-samples.ts';
import type { RawSample } from '../src/domain/ingest/index.ts';
import { isoDate, isoInstant } from '../src/domain/ingest/iso-format.ts';
import { migrate } from '../src/db/migrate.ts';
import { PostgresDatabase } from '../src/db/postgres-database.ts';
import { ingestRepos } from '../src/db/repos/ingest-repos.ts';
import { repos } from '../src/db/repos/index.ts';
import { createMonthPartition, createSamplePartitions } from '../src/db/sample-partitions.ts';
import { createTransactions } from '../src/db/with-tenant.ts';
import { BinaryCopyWriter, textField, uuidField } from './copy-binary.ts';
import { cpuMeter, type CpuSeconds } from './cpu-meter.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('The ingest benchmark needs real Postgres: set DATABASE_URL (a role that may create databases). It makes and drops its own scratch database.');
  process.exit(2);
}

const N = Number(process.env.INGEST_BENCH_SAMPLES ?? 2_000_000);
const PEOPLE = 4;
const PER_PERSON = Math.ceil(N / PEOPLE);
const APP_BATCH = 5000;
const BASELINE_BATCH = 50_000;
/** One reading a minute (a watch's background rate is minutes, a workout's seconds): ~350 days, 12 monthly partitions per person. */
const STEP_MS = Number(process.env.INGEST_BENCH_STEP_S ?? 60) * 1000;
const IN_FLIGHT = Number(process.env.INGEST_BENCH_IN_FLIGHT ?? 4);
const OFFSET_MINUTES = 60; // +01:00, as a watch in Berlin in winter writes it
const EPOCH = Date.UTC(2024, 0, 1, 0, 0, 0);
const SOURCE = 'Apple Watch';
const DEVICE = 'Apple Watch Series 9';

// ---- a scratch database ------------------------------------------------------------------------

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const dbName = `vitalis_bench_ingest_${uuidv7().replace(/-/g, '').slice(-12)}`;
await admin(`create database ${dbName}`);
const scratchUrl = new URL(url);
scratchUrl.pathname = `/${dbName}`;
const db = await PostgresDatabase.open(scratchUrl.toString(), 4);
const cpu = await cpuMeter(url, dbName);

// ---- the samples: deterministic heart rate, the same for every phase --------------------------

function heartRate(person: number, i: number): number {
  // A slow daily rhythm plus a little noise, whole beats as watches report them.
  const t = (i * STEP_MS) / 86_400_000;
  return Math.round(65 + 15 * Math.sin(2 * Math.PI * t + person) + ((i * 7919 + person * 104_729) % 11) - 5);
}

const OFFSET_MS = OFFSET_MINUTES * 60_000;
/** `2024-01-01T01:00:06.000+01:00`: local wall time with its offset, as Apple Health exports it. */
function localIso(utcMs: number): string {
  return `${isoInstant(utcMs + OFFSET_MS).slice(0, 23)}+01:00`;
}

function startMs(person: number, i: number): number {
  return EPOCH + person * 1000 + i * STEP_MS;
}

function rawBatch(person: number, from: number, to: number): RawSample[] {
  const batch: RawSample[] = [];
  for (let i = from; i < to; i += 1) {
    batch.push({ metric: 'heart_rate', value: heartRate(person, i), unit: 'count/min', start: localIso(startMs(person, i)), source: SOURCE, device: DEVICE });
  }
  return batch;
}

// ---- setup: one tenant, a few people ------------------------------------------------------------

await migrate(db);
const tx = createTransactions(db, () => undefined);
const tenantId = uuidv7();
const people: string[] = [];
await tx.withSystem('bench: tenant and people', async (sql) => {
  await sql.query(`insert into tenants (id, slug, name, type) values ($1, $2, 'Ingest bench', 'team')`, [tenantId, `bench-${tenantId.slice(-12)}`]);
  for (let p = 0; p < PEOPLE; p += 1) {
    const userId = uuidv7();
    await sql.query('insert into users (id, email, name) values ($1, $2, $3)', [userId, `bench-${p}-${userId.slice(-12)}@example.test`, `Bench ${p}`]);
    await sql.query(`insert into memberships (tenant_id, user_id, role) values ($1, $2, 'member')`, [tenantId, userId]);
    people.push(userId);
  }
});
const months = new Set<string>();
for (let p = 0; p < PEOPLE; p += 1) {
  for (let ms = startMs(p, 0); ms <= startMs(p, PER_PERSON - 1) + 31 * 86_400_000; ms += 86_400_000) {
    if (ms <= startMs(p, PER_PERSON - 1)) months.add(new Date(ms).toISOString().slice(0, 7));
  }
}

// ---- (a) the physical baseline ---------------------------------------------------------------------

await tx.withSystem('bench: baseline table', async (sql) => {
  await sql.query('create table bench_samples (like samples including all) partition by range (start_at)');
  await sql.query('create table bench_samples_default partition of bench_samples default');
  for (const month of [...months].sort()) await createMonthPartition(sql, 'bench_samples', month);
});

const baselinePool = new pg.Pool({ connectionString: scratchUrl.toString(), max: PEOPLE });

const COPY_COLUMNS = `(tenant_id, user_id, metric, source, start_at, end_at, value, utc_offset_minutes, local_date,
                       category, device, external_id, whole_day, not_worn, recorded_at, raw_id)`;

/** COPY's binary format: every column the app's path writes, in the table's order. */
function* binaryRows(person: number, from: number, to: number, rawId: string): Generator<Buffer> {
  const tenant = uuidField(tenantId);
  const user = uuidField(people[person]!);
  const raw = uuidField(rawId);
  const metric = textField('heart_rate');
  const source = textField(SOURCE);
  const device = textField(DEVICE);
  const chunks: Buffer[] = [];
  const copy = new BinaryCopyWriter((chunk) => chunks.push(chunk));
  for (let i = from; i < to; i += 1) {
    const ms = startMs(person, i);
    copy.row(16, 256).fixed(tenant).fixed(user).fixed(metric).fixed(source).timestamptz(ms).timestamptz(ms).float8(heartRate(person, i));
    copy.int2(OFFSET_MINUTES).date(ms + OFFSET_MS).null().fixed(device).null().bool(false).bool(false).null().fixed(raw);
    if (chunks.length > 0) yield* chunks.splice(0);
  }
  copy.end();
  yield* chunks;
}

/** COPY's text format, the same rows. */
function* textRows(person: number, from: number, to: number, rawId: string): Generator<string> {
  const head = `${tenantId}\t${people[person]}\theart_rate\t${SOURCE}\t`;
  const tail = `\t\\N\t${DEVICE}\t\\N\tf\tf\t\\N\t${rawId}\n`;
  let chunk = '';
  for (let i = from; i < to; i += 1) {
    const ms = startMs(person, i);
    const start = isoInstant(ms);
    chunk += `${head}${start}\t${start}\t${heartRate(person, i)}\t${OFFSET_MINUTES}\t${isoDate(ms + OFFSET_MS)}${tail}`;
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

type CopyFormat = 'binary' | 'text';

async function baselineCopy(format: CopyFormat, person: number, from: number, to: number): Promise<void> {
  const client = await baselinePool.connect();
  try {
    const rows = format === 'binary' ? binaryRows(person, from, to, uuidv7()) : textRows(person, from, to, uuidv7());
    await pipeline(rows, client.query(copyFrom(`copy bench_samples ${COPY_COLUMNS} from stdin${format === 'binary' ? ' (format binary)' : ''}`)));
  } finally {
    client.release();
  }
}

interface Timing {
  seconds: number;
  cpu: CpuSeconds;
}

/** Prints the rate and the CPU each sample took (this process, and Postgres when it runs here); returns the rate. */
function rate(label: string, samples: number, { seconds, cpu: used }: Timing): number {
  const perSecond = samples / seconds;
  const micros = (cpuSeconds: number) => ((cpuSeconds * 1e6) / samples).toFixed(1);
  const cpuText = `CPU per sample: node ${micros(used.node)} µs${used.postgres === undefined ? '' : `, postgres ${micros(used.postgres)} µs`}`;
  console.log(`${label.padEnd(58)} ${Math.round(perSecond).toLocaleString('en-US').padStart(9)} samples/s  (${seconds.toFixed(1)} s; ${cpuText})`);
  return perSecond;
}

async function count(table: string): Promise<number> {
  return tx.withSystem('bench: count rows', async (sql) => Number((await sql.query<{ n: string }>(`select count(*) as n from ${table}`))[0]!.n));
}

console.log(
  `ingest on Postgres (${dbName}): ${(PER_PERSON * PEOPLE).toLocaleString('en-US')} heart-rate samples, ${PEOPLE} people, ` +
    `one every ${STEP_MS / 1000} s (${months.size} monthly partitions)`,
);

/** Runs the tasks with at most `width` at once, in order. */
async function inFlight(width: number, tasks: Array<() => Promise<void>>): Promise<Timing> {
  let next = 0;
  const cpuBefore = await cpu.read();
  const begin = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const task = tasks[next]!;
        next += 1;
        await task();
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
  const cpuAfter = await cpu.read();
  const postgres = cpuAfter.postgres === undefined || cpuBefore.postgres === undefined ? undefined : cpuAfter.postgres - cpuBefore.postgres;
  return { seconds, cpu: { node: cpuAfter.node - cpuBefore.node, postgres } };
}

/** Per person, that person's COPYs in order. */
function baselineTasks(format: CopyFormat): Array<Array<() => Promise<void>>> {
  return Array.from({ length: PEOPLE }, (_, p) => {
    const tasks: Array<() => Promise<void>> = [];
    for (let from = 0; from < PER_PERSON; from += BASELINE_BATCH) {
      tasks.push(() => baselineCopy(format, p, from, Math.min(from + BASELINE_BATCH, PER_PERSON)));
    }
    return tasks;
  });
}

async function baselineRun(label: string, format: CopyFormat, streams: 'one' | 'per person'): Promise<number> {
  await tx.withSystem('bench: empty the baseline table', (sql) => sql.query('truncate bench_samples'));
  const tasks = baselineTasks(format);
  const timing = await inFlight(streams === 'one' ? 1 : PEOPLE, streams === 'one' ? tasks.flat() : tasks.map((own) => async () => {
    for (const task of own) await task();
  }));
  return rate(label, PER_PERSON * PEOPLE, timing);
}

const a = await baselineRun(`(a) physical baseline: COPY (binary), ${BASELINE_BATCH.toLocaleString('en-US')} rows each`, 'binary', 'one');
const baselineRows = await count('bench_samples');
const aWide = await baselineRun(`(a) the same, ${PEOPLE} streams at once (one per person)`, 'binary', 'per person');
await baselineRun('    for reference: COPY (text), one stream', 'text', 'one');

// ---- (b) and (c): the app's path -------------------------------------------------------------------

const logger = pino({ level: 'silent' });
const pubsub = new InProcessPubSub({ logger });
let events = 0;
await pubsub.subscribe('samples.ingested', () => {
  events += 1;
});
const deps: IngestDeps = {
  tx,
  repos,
  clock: { now: () => new Date() },
  ids: { newId: () => uuidv7() },
  ingest: ingestRepos,
  partitions: createSamplePartitions(tx),
  queue: new EmbeddedQueue(db, { logger }),
  pubsub,
  logger,
  settings: { maxBatchSamples: APP_BATCH, maxPendingBatches: 100 },
};

interface Pass {
  timing: Timing;
  stored: number;
  unchanged: number;
  rejected: number;
}

/** Every batch through ingestSamples, people taking turns, `width` batches in flight. */
async function appPass(width: number): Promise<Pass> {
  const pass = { stored: 0, unchanged: 0, rejected: 0 };
  const tasks: Array<() => Promise<void>> = [];
  for (let from = 0; from < PER_PERSON; from += APP_BATCH) {
    for (let p = 0; p < PEOPLE; p += 1) {
      tasks.push(async () => {
        const ctx = { tenantId, userId: people[p]! };
        const receipt = await ingestSamples(deps, ctx, rawBatch(p, from, Math.min(from + APP_BATCH, PER_PERSON)), { normalize: 'inline' });
        pass.stored += receipt.outcome?.stored ?? 0;
        pass.unchanged += receipt.outcome?.unchanged ?? 0;
        pass.rejected += receipt.outcome?.rejected ?? 0;
      });
    }
  }
  const timing = await inFlight(width, tasks);
  return { ...pass, timing };
}

async function appRuns(width: number): Promise<void> {
  const label = width === 1 ? 'one batch at a time' : `${width} batches in flight`;
  const eventsBefore = events;
  const first = await appPass(width);
  const b = rate(`(b) app path, ${label}`, PER_PERSON * PEOPLE, first.timing);
  const rowsAfterB = await count('samples');
  const eventsAfterB = events;
  const second = await appPass(width);
  const c = rate(`(c) the same again (100% duplicates), ${label}`, PER_PERSON * PEOPLE, second.timing);
  const rowsAfterC = await count('samples');
  await new Promise((resolve) => setImmediate(resolve));
  const days = await count('daily_values');
  console.log(`    ratio b/a: ${(b / a).toFixed(2)} (target >= 0.6), c/a: ${(c / a).toFixed(2)} (target >= 1.0);  against ${PEOPLE} baseline streams: b/a ${(b / aWide).toFixed(2)}, c/a ${(c / aWide).toFixed(2)}`);
  console.log(
    `    rows: samples after (b) ${rowsAfterB.toLocaleString('en-US')}, after (c) ${rowsAfterC.toLocaleString('en-US')} (${rowsAfterC === rowsAfterB && rowsAfterB === baselineRows ? 'unchanged, as the baseline' : 'MISMATCH'}); ` +
      `daily values ${days.toLocaleString('en-US')}; (b) stored ${first.stored.toLocaleString('en-US')}, (c) stored ${second.stored}, unchanged ${second.unchanged.toLocaleString('en-US')}; ` +
      `samples.ingested: ${eventsAfterB - eventsBefore} in (b), ${events - eventsAfterB} in (c)`,
  );
}

await appRuns(1);
await tx.withSystem('bench: empty the app tables for the concurrent run', (sql) => sql.query('truncate samples, daily_values, raw_payloads, source_priorities'));
await appRuns(IN_FLIGHT);

await cpu.close();
await baselinePool.end();
await deps.queue.close();
await pubsub.close();
await db.close();
await admin(`drop database if exists ${dbName} with (force)`);
