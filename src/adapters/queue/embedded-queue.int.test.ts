import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { startQueueChild } from '../../../test/fixtures/queue-child.ts';
import { databaseKinds, freshDatabase, freshPglite, freshPostgres } from '../../../test/support/databases.ts';
import type { Job, Logger } from '../../app/ports.ts';
import type { Database } from '../../db/database.ts';
import { PgliteDatabase } from '../../db/pglite-database.ts';
import { createTransactions } from '../../db/with-tenant.ts';
import { EmbeddedQueue } from './embedded-queue.ts';
import { deferred, eventually, within } from './queue.contract.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const aheadBy = (ms: number) => () => new Date(Date.now() + ms);

function recordingLogger(): Logger & { messages: string[] } {
  const messages: string[] = [];
  const record = (_obj: object, msg?: string) => void messages.push(msg ?? '');
  return { messages, debug: record, info: record, warn: record, error: record };
}

/** Closes every queue opened through it, even when the test failed half-way. */
function queues() {
  const opened: EmbeddedQueue[] = [];
  after(() => Promise.all(opened.map((queue) => queue.close())));
  return (db: Database, options: ConstructorParameters<typeof EmbeddedQueue>[1] = {}) => {
    const queue = new EmbeddedQueue(db, { pollIntervalMs: 50, ...options });
    opened.push(queue);
    return queue;
  };
}

// The first PGlite of a file builds the template (initdb, seconds): keep that out of test timeouts.
before(async () => (await freshPglite()).close());

for (const kind of databaseKinds) {
  describe(`EmbeddedQueue on ${kind}`, () => {
    it('finishes a job whose process was killed mid-run, in a new process', { timeout: 60_000 }, async () => {
      const payload = { tenantId: uuidv7(), rawId: 'raw-1' };
      let location: string;
      let reopen: () => Promise<Database>;
      let id: string;
      if (kind === 'pglite') {
        location = await mkdtemp(path.join(tmpdir(), 'vitalis-queue-'));
        after(() => rm(location, { recursive: true, force: true }));
        const seed = await freshPglite();
        const image = await seed.dump();
        await seed.close();
        const setup = await PgliteDatabase.open(location, image);
        ({ id } = await new EmbeddedQueue(setup).enqueue('hang', payload));
        await setup.close();
        reopen = () => PgliteDatabase.open(location);
      } else {
        const { db, url } = await freshPostgres();
        location = url;
        ({ id } = await new EmbeddedQueue(db).enqueue('hang', payload));
        reopen = async () => db;
      }

      const child = startQueueChild('queue-embedded-worker.ts', [kind, location]);
      try {
        assert.equal((await child.waitFor((m) => m.started === id, 30_000)).attempt, 1);
      } finally {
        await child.kill();
      }

      const db = await reopen();
      const queue = new EmbeddedQueue(db, { pollIntervalMs: 50 });
      try {
        const rerun = deferred<Job>();
        await queue.work({ hang: async (job) => rerun.resolve(job) });
        // The try the killed process started counts, so this is the second.
        assert.deepEqual(await within(rerun.promise, 'the job to run again'), { id, name: 'hang', payload, attempt: 2 });
        await eventually(async () =>
          assert.deepEqual(await queue.stats(), { waiting: 0, active: 0, delayed: 0, completed: 1, dead: 0 }),
        );
      } finally {
        await queue.close();
        if (kind === 'pglite') await db.close();
      }
    });

    it('takes over a job whose runner stopped renewing its lease; the stale runner cannot overwrite the outcome', async () => {
      const open = queues();
      const db = await freshDatabase(kind);
      const logger = recordingLogger();
      const stale = open(db, { logger });
      const started = deferred();
      const release = deferred();
      try {
        await stale.work({
          sync: async () => {
            started.resolve();
            await release.promise;
          },
        });
        const payload = { tenantId: uuidv7() };
        const { id } = await stale.enqueue('sync', payload);
        await within(started.promise, 'the first runner to start the job');

        // A clock past the first runner's lease stands in for that runner having frozen.
        const rescuer = open(db, { now: aheadBy(10 * 60_000) });
        const rerun = deferred<Job>();
        await rescuer.work({ sync: async (job) => rerun.resolve(job) });
        assert.deepEqual(await within(rerun.promise, 'the rescuer to run the job'), { id, name: 'sync', payload, attempt: 2 });
        await eventually(async () => assert.equal((await rescuer.stats()).completed, 1));

        release.resolve();
        await stale.close();
        assert.ok(logger.messages.includes('embedded queue: job finished after its lease was taken over'), logger.messages.join('\n'));
        assert.deepEqual(await rescuer.stats(), { waiting: 0, active: 0, delayed: 0, completed: 1, dead: 0 });
      } finally {
        release.resolve();
      }
    });

    it('dead-letters a job whose runner stopped during its last attempt', async () => {
      const open = queues();
      const db = await freshDatabase(kind);
      const stale = open(db);
      const started = deferred();
      const release = deferred();
      try {
        await stale.work({
          poison: async () => {
            started.resolve();
            await release.promise;
            throw new Error('too late to matter');
          },
        });
        const payload = { tenantId: uuidv7() };
        const { id } = await stale.enqueue('poison', payload, { attempts: 1 });
        await within(started.promise, 'the job to start');

        let reruns = 0;
        const rescuer = open(db, { now: aheadBy(10 * 60_000) });
        await rescuer.work({ poison: async () => void (reruns += 1) });
        const dead = await eventually(async () => {
          const letters = await rescuer.deadLetters();
          assert.equal(letters.length, 1);
          return letters;
        });
        assert.deepEqual(dead, [
          { id, name: 'poison', payload, attempts: 1, error: 'the worker running this job stopped before it finished' },
        ]);
        release.resolve();
        await stale.close();
        assert.equal(reruns, 0);
        assert.equal((await rescuer.deadLetters())[0]?.error, dead[0]?.error);
      } finally {
        release.resolve();
      }
    });

    it('keeps a completed job for deduplication for 7 days, then prunes it', async () => {
      const open = queues();
      const db = await freshDatabase(kind);
      const payload = { tenantId: uuidv7() };
      const jobId = 'import:file-1';
      const first = open(db);
      const done = deferred();
      await first.work({ import: async () => done.resolve() });
      await first.enqueue('import', payload, { jobId });
      await within(done.promise, 'the import to run');
      await eventually(async () => assert.equal((await first.stats()).completed, 1));
      await first.close();

      const sixDaysOn = open(db, { now: aheadBy(6 * DAY_MS) });
      await sixDaysOn.work({});
      await sleep(150);
      assert.deepEqual(await sixDaysOn.enqueue('import', payload, { jobId }), { id: jobId, duplicate: true });
      await sixDaysOn.close();

      const eightDaysOn = open(db, { now: aheadBy(8 * DAY_MS) });
      await eightDaysOn.work({});
      await eventually(async () => assert.equal((await eightDaysOn.stats()).completed, 0));
      assert.deepEqual(await eightDaysOn.enqueue('import', payload, { jobId }), { id: jobId, duplicate: false });
    });

    it('leaves jobs it has no handler for to a runner that has one', async () => {
      const open = queues();
      const db = await freshDatabase(kind);
      const tenantId = uuidv7();
      const api = open(db);
      const ranHere = deferred();
      await api.work({ 'mail.send': async () => ranHere.resolve() });
      await api.enqueue('export.build', { tenantId });
      await api.enqueue('mail.send', { tenantId });
      await within(ranHere.promise, 'the job this runner handles');
      await sleep(150);
      assert.deepEqual(await api.stats(), { waiting: 1, active: 0, delayed: 0, completed: 1, dead: 0 });

      const exporter = open(db);
      const ranThere = deferred<Job>();
      await exporter.work({ 'export.build': async (job) => ranThere.resolve(job) });
      assert.equal((await within(ranThere.promise, 'the other runner')).attempt, 1);
    });

    it('keeps the jobs table out of tenancy: no tenant_id, nothing granted to the app role', async () => {
      const db = await freshDatabase(kind);
      const columns = await db.transaction((sql) =>
        sql.query<{ name: string }>(
          `select column_name as name from information_schema.columns where table_schema = 'public' and table_name = 'jobs'`,
        ),
      );
      assert.ok(columns.some((c) => c.name === 'payload'));
      assert.ok(!columns.some((c) => c.name === 'tenant_id'));
      const [grants] = await db.transaction((sql) =>
        sql.query<{ any: boolean }>(
          `select has_table_privilege('vitalis_app', 'jobs', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER') as any`,
        ),
      );
      assert.equal(grants?.any, false);
      const tx = createTransactions(db, () => undefined);
      await assert.rejects(
        tx.withTenant({ tenantId: uuidv7() }, (sql) => sql.query('select * from jobs')),
        /permission denied/,
      );
      await assert.rejects(
        db.transaction((sql) =>
          sql.query(
            `insert into jobs (id, name, payload, state, max_attempts, backoff_ms, run_at, created_at, updated_at)
             values ('x', 'x', '{}', 'pending', 1, 0, now(), now(), now())`,
          ),
        ),
        /check constraint/,
      );
    });
  });
}
