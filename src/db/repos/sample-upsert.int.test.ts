import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { databaseKinds, freshDatabase, type DatabaseKind } from '../../../test/support/databases.ts';
import { prepareBatch } from '../../app/ingest/prepare-batch.ts';
import type { DaySample, MetricDay, PersonRef } from '../../app/ports.ts';
import type { CanonicalSample } from '../../domain/ingest/index.ts';
import { createSamplePartitions } from '../sample-partitions.ts';
import { createTransactions } from '../with-tenant.ts';
import { sampleRepo } from './sample.repo.ts';

const HOUR_MS = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const BASE = Date.UTC(2024, 0, 30, 20);

/** Every shape a batch column can take: shared and varying, lists and text arrays, empty elements. */
function variedBatch(): CanonicalSample[] {
  const raw: object[] = [];
  for (let i = 0; i < 240; i += 1) {
    const at = BASE + i * 7 * 60_000 + (i % 3) * 250;
    switch (i % 6) {
      case 0:
        raw.push({ metric: 'heart_rate', value: 50 + (i % 70) + 0.1 + 0.2, unit: 'bpm', start: iso(at), source: i % 4 ? 'Apple Watch' : 'Polar, "H10"\\', device: i % 2 ? 'Watch, 7' : undefined, utcOffsetMinutes: -300 });
        break;
      case 1:
        raw.push({ metric: 'steps', value: i % 50, unit: 'count', start: iso(at), end: iso(at + 60_000), source: 'iPhone', notWorn: i % 11 === 1, recordedAt: i % 5 ? iso(at + 90 * 86_400_000) : undefined });
        break;
      case 2:
        raw.push({ metric: 'sleep_stage', value: ['deep', 'rem', 'core', 'awake'][i % 4], start: iso(at), end: iso(at + 6 * 60_000), source: 'Oura', externalId: `stage-${i}` });
        break;
      case 3:
        raw.push({ metric: 'steps', value: 1000 + i, start: iso(at).slice(0, 10), source: 'fitbit', externalId: `day-${iso(at).slice(0, 10)}` });
        break;
      case 4:
        raw.push({ metric: 'weight', value: 70 + i / 1000, unit: 'kg', start: iso(at), source: 'scale', utcOffsetMinutes: 540 });
        break;
      default:
        raw.push({ metric: 'heart_rate', value: 61, unit: 'bpm', start: iso(at), end: iso(at + HOUR_MS), source: 'Apple Watch' });
    }
  }
  const { kept, rejected } = prepareBatch(raw, { timeZone: 'Europe/Berlin' });
  assert.equal(rejected, 0);
  return kept;
}

/** A stored sample as forDays gives it back. */
function asDaySample(s: CanonicalSample): DaySample {
  const day: DaySample = { metric: s.metric, localDate: s.localDate, source: s.source, value: s.value, start: s.start, end: s.end };
  if (s.wholeDay) day.wholeDay = true;
  if (s.notWorn) day.notWorn = true;
  if (s.category !== undefined) day.category = s.category;
  if (s.recordedAt !== undefined) day.recordedAt = s.recordedAt;
  if (s.externalId !== undefined) day.externalId = s.externalId;
  return day;
}

const byKey = (a: DaySample, b: DaySample) => (`${a.metric}|${a.source}|${a.start}` < `${b.metric}|${b.source}|${b.start}` ? -1 : 1);
const distinctDays = (samples: readonly CanonicalSample[]) => [...new Map(samples.map((s) => [`${s.metric}|${s.localDate}`, s])).keys()].sort();
const dayKeys = (days: readonly MetricDay[]) => [...new Set(days.map((d) => `${d.metric}|${d.date}`))].sort();

/** A person of their own in a fresh database, with the partitions of `samples` in place, and their writes and reads. */
async function personWithPartitions(kind: DatabaseKind, samples: readonly CanonicalSample[]) {
  const db = await freshDatabase(kind);
  const tx = createTransactions(db, () => undefined);
  const person: PersonRef = { tenantId: uuidv7(), userId: uuidv7() };
  await tx.withSystem('test: a person', async (sql) => {
    await sql.query(`insert into tenants (id, slug, name, type) values ($1, $2, 'T', 'team')`, [person.tenantId, `t-${person.tenantId.slice(-8)}`]);
    await sql.query('insert into users (id, email, name) values ($1, $2, $3)', [person.userId, `u-${person.userId.slice(-8)}@example.test`, 'U']);
    await sql.query(`insert into memberships (tenant_id, user_id, role) values ($1, $2, 'member')`, [person.tenantId, person.userId]);
  });
  await createSamplePartitions(tx).ensure(samples.map((s) => s.start.slice(0, 7)));
  return {
    write: (batch: readonly CanonicalSample[]) =>
      tx.withTenant(person, async (sql) => {
        await sampleRepo.lockPerson(sql, person);
        return sampleRepo.upsert(sql, person, uuidv7(), batch);
      }),
    read: (days: readonly MetricDay[]) => tx.withTenant(person, (sql) => sampleRepo.forDays(sql, person, days)),
  };
}

/** Steps of one source, a minute long, at these hours after BASE. */
function steps(source: string, hours: readonly number[]): CanonicalSample[] {
  const raw = hours.map((h) => ({ metric: 'steps', value: 10 + h, unit: 'count', start: iso(BASE + h * HOUR_MS), end: iso(BASE + h * HOUR_MS + 60_000), source }));
  return prepareBatch(raw, { timeZone: 'UTC' }).kept;
}

for (const kind of databaseKinds) {
  describe(`sample upsert and day reads on ${kind}`, () => {
    it('stores a new batch as it is, reads its days back, writes nothing when it comes again, and takes newer revisions', async () => {
      const batch = variedBatch();
      const { write, read } = await personWithPartitions(kind, batch);

      const first = await write(batch);
      assert.equal(first.written, batch.length);
      assert.deepEqual(dayKeys(first.days), distinctDays(batch));
      assert.equal(first.from, batch.map((s) => s.start).sort()[0]);
      assert.equal(first.to, batch.map((s) => s.end).sort().at(-1));
      assert.deepEqual((await read(first.days)).sort(byKey), batch.map(asDaySample).sort(byKey));

      assert.deepEqual(await write(batch), { written: 0, days: [] });

      const revised = batch.filter((_, i) => i % 4 === 0).map((s) => ({ ...s, value: s.metric === 'sleep_stage' ? s.value : s.value + 1, recordedAt: '2025-01-01T00:00:00.000Z' }));
      const fresh = { ...batch[0]!, start: iso(BASE - HOUR_MS), end: iso(BASE - HOUR_MS) };
      const second = await write([...revised, fresh]);
      assert.equal(second.written, revised.length + 1);
      const expected = new Map(batch.map((s) => [`${s.metric}|${s.source}|${s.start}`, s]));
      for (const s of [...revised, fresh]) expected.set(`${s.metric}|${s.source}|${s.start}`, s);
      const all = [...expected.values()];
      const days = [...new Map(all.map((s) => [`${s.metric}|${s.localDate}`, { metric: s.metric, date: s.localDate }])).values()];
      assert.deepEqual((await read(days)).sort(byKey), all.map(asDaySample).sort(byKey));
    });

    it('matches a batch across months and years month by month, as one: written, days and span of the whole', async () => {
      const DAY_MS = 24 * HOUR_MS;
      const daily = (days: readonly number[], value: number, recordedAt?: string) =>
        prepareBatch(
          days.map((d) => ({ metric: 'weight', value, unit: 'kg', start: iso(BASE + d * DAY_MS), source: 'scale', ...(recordedAt && { recordedAt }) })),
          { timeZone: 'UTC' },
        ).kept;
      const stored = daily([0, 1, 40, 400, 800], 70);
      const { write, read } = await personWithPartitions(kind, daily([0, 1, 40, 400, 800, 801], 70));
      assert.equal((await write(stored)).written, 5);
      // Stored keys among them: every month goes through the match.
      assert.deepEqual(await write(stored), { written: 0, days: [] });
      const revised = [...daily([1, 400], 71, '2025-01-01T00:00:00.000Z'), ...daily([801], 72)];
      const outcome = await write([...daily([0, 40, 800], 70), ...revised]);
      assert.equal(outcome.written, 3);
      assert.deepEqual(dayKeys(outcome.days), distinctDays(revised));
      assert.deepEqual([outcome.from, outcome.to], [revised[0]!.start, revised[2]!.start]);
      const all = [...daily([0, 40, 800], 70), ...revised];
      assert.deepEqual((await read(all.map((s) => ({ metric: s.metric, date: s.localDate })))).sort(byKey), all.map(asDaySample).sort(byKey));
    });

    it('stores the samples of sources interleaved in time, and only the new ones of a batch that meets a stored key', async () => {
      const { write, read } = await personWithPartitions(kind, steps('iPhone', [0]));
      assert.equal((await write(steps('iPhone', [1, 10]))).written, 2);
      // The watch's day spans the phone's stored samples; the phone's own are all later: all new.
      assert.equal((await write([...steps('iPhone', [11, 12]), ...steps('Apple Watch', [0, 2, 4, 6, 8, 10, 12])])).written, 9);
      // One stored key among new ones: only the new ones are written.
      assert.equal((await write([...steps('iPhone', [10, 13]), ...steps('Apple Watch', [13])])).written, 2);
      const stored = await read([{ metric: 'steps', date: iso(BASE).slice(0, 10) }, { metric: 'steps', date: iso(BASE + 4 * HOUR_MS).slice(0, 10) }]);
      assert.deepEqual(stored.map((d) => `${d.source} ${d.start}`).sort(), [...steps('iPhone', [1, 10, 11, 12, 13]), ...steps('Apple Watch', [0, 2, 4, 6, 8, 10, 12, 13])].map((d) => `${d.source} ${d.start}`).sort());
    });
  });
}
