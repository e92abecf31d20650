// Raw first: a batch stored by a process that died before its normalization was queued (or
// done) is picked up at the next start and normalized exactly once.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { normalizeRawPayload } from '../../../src/app/ingest/normalize-raw-payload.ts';
import { openApi, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds, scratchPostgres } from '../../support/databases.ts';
import { daily, eventually, normalized } from './ingest-helpers.ts';

const samples = [
  { metric: 'steps', value: 1200, unit: 'count', start: '2024-07-01T09:00:00Z', end: '2024-07-01T09:15:00Z', source: 'iPhone' },
  { metric: 'steps', value: 800, unit: 'count', start: '2024-07-01T18:00:00Z', end: '2024-07-01T18:10:00Z', source: 'iPhone' },
  { metric: 'heart_rate', value: 71, unit: 'count/min', start: '2024-07-01T09:05:00Z', source: 'Apple Watch' },
];

for (const kind of databaseKinds) {
  describe(`crash recovery on ${kind}`, () => {
    it('a batch stored but never queued is normalized once at the next start, and not again at the one after', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'vitalis-recovery-'));
      const scratch = kind === 'postgres' ? await scratchPostgres() : undefined;
      // Every start below opens the same database, with the same secrets (kept in the data dir).
      const env: Record<string, string> = { VITALIS_DATA_DIR: dir, ...(scratch && { DATABASE_URL: scratch.url }) };
      let api: ApiHarness | undefined;
      try {
        api = await openApi(kind, env);
        const me = await signUpVerified(api, `crash-${uuidv7().slice(-12)}@example.test`);
        const person = { tenantId: me.tenantId, userId: me.userId };
        const rawId = uuidv7();
        // What ingestSamples commits first; the process dies before it enqueues the job.
        await api.services.tx.withTenant(person, (sql) =>
          api!.services.ingest.ingest.rawPayloads.insert(sql, person, {
            id: rawId,
            payloadJson: JSON.stringify(samples),
            sampleCount: samples.length,
            receivedAt: new Date(),
          }),
        );
        const state = () =>
          api!.services.tx.withSystem('test reads the batch and its jobs', async (sql) => {
            const [raw] = await sql.query<{ state: string; stored: number | null }>('select state, stored_count as stored from raw_payloads where id = $1', [rawId]);
            const [rows] = await sql.query<{ samples: number; days: number }>(
              `select (select count(*)::int from samples where user_id = $1) as samples, (select count(*)::int from daily_values where user_id = $1) as days`,
              [me.userId],
            );
            const jobs = await sql.query<{ state: string }>('select state from jobs where id = $1', [rawId]);
            return { raw, ...rows!, jobs: jobs.map((j) => j.state) };
          });
        assert.deepEqual(await state(), { raw: { state: 'pending', stored: null }, samples: 0, days: 0, jobs: [] });
        await api.close();
        api = undefined;

        api = await openApi(kind, env);
        const status = await normalized(api, { token: me.accessToken }, rawId);
        assert.deepEqual({ state: status.state, stored: status.stored, rejected: status.rejected }, { state: 'normalized', stored: 3, rejected: 0 });
        // The job is marked done just after the batch commits.
        const recovered = await eventually('the job to be marked completed', async () => {
          const now = await state();
          return now.jobs[0] === 'completed' ? now : undefined;
        });
        assert.deepEqual({ samples: recovered.samples, days: recovered.days, jobs: recovered.jobs }, { samples: 3, days: 2, jobs: ['completed'] });
        const steps = await daily(api, { token: me.accessToken }, 'steps', '2024-07-01', '2024-07-01');
        assert.equal(steps.days[0]?.value, 2000);

        // Running the normalization again (a redelivered job) changes nothing.
        assert.equal(await normalizeRawPayload(api.services.ingest, { ...person, rawId }), undefined);
        assert.deepEqual((await api.services.queue.enqueue('ingest.normalize.v1', { ...person, rawId }, { jobId: rawId })).duplicate, true);
        await api.close();
        api = undefined;

        api = await openApi(kind, env);
        // The sweep at start found nothing pending: no new job, the same rows.
        const again = await state();
        assert.deepEqual(again, recovered);
        assert.deepEqual(again, { raw: { state: 'normalized', stored: 3 }, samples: 3, days: 2, jobs: ['completed'] });
        assert.equal((await daily(api, { token: me.accessToken }, 'steps', '2024-07-01', '2024-07-01')).days[0]?.value, 2000);
      } finally {
        await api?.close();
        await scratch?.drop();
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
