import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { BullmqQueue } from '../../src/adapters/queue/bullmq-queue.ts';
import { listOutbox } from '../../src/adapters/mail/list-outbox.ts';
import { createTransactions } from '../../src/db/with-tenant.ts';
import { freshPostgres, POSTGRES_URL, REDIS_URL } from '../support/databases.ts';
import { childEnv, runCli, startServer, type RunningServer } from '../support/processes.ts';

const skip = !POSTGRES_URL || !REDIS_URL ? 'needs DATABASE_URL and REDIS_URL' : false;

describe('scale-out: two API nodes and two workers share one Postgres and one Redis', { skip }, () => {
  const nodes: RunningServer[] = [];
  after(async () => {
    for (const node of nodes) node.child.kill('SIGTERM');
    await Promise.all(nodes.map((n) => n.exited));
  });

  it('migrates once, serves from every node, runs each job once and shares rate limits', { timeout: 180_000 }, async () => {
    const { db, url } = await freshPostgres({ migrated: false });
    const namespace = `t${uuidv7().replace(/-/g, '').slice(-12)}`;
    const env = childEnv({
      DATABASE_URL: url,
      REDIS_URL: REDIS_URL!,
      REDIS_NAMESPACE: namespace,
      ENCRYPTION_KEYS: `1:${randomBytes(32).toString('base64')}`,
      AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'),
      PORT: '0',
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_MINUTE: '6',
    });

    // All four start at once against an empty database: the migration lock lets one apply.
    nodes.push(
      ...(await Promise.all([
        startServer(env, ['--role', 'api']),
        startServer(env, ['--role', 'api']),
        startServer(env, ['--role', 'worker']),
        startServer(env, ['--role', 'worker']),
      ])),
    );
    const [apiA, apiB, workerA] = nodes as [RunningServer, RunningServer, RunningServer, RunningServer];
    const migrations = await db.transaction((sql) => sql.query<{ n: string }>('select count(*) as n from schema_migrations'));
    const applied = nodes.flatMap((n) => n.logs).filter((l) => l.includes('"database migrated"'));
    assert.equal(applied.length, 1, 'exactly one node applied the migrations');
    assert.ok(Number(migrations[0]!.n) >= 3);

    for (const node of nodes) {
      const ready = await fetch(`${node.url}/readyz`);
      const body = await ready.json();
      assert.equal(ready.status, 200, JSON.stringify(body));
      assert.deepEqual(Object.keys(body.checks).sort(), ['database', 'queue', 'redis']);
    }
    assert.equal((await (await fetch(`${apiA.url}/api/v1/meta`)).json()).mode, 'scale-out');
    assert.equal((await fetch(`${workerA.url}/api/v1/meta`)).status, 404, 'workers serve only operations routes');

    const tenant = await runCli(['create-tenant', '--slug', 'scale-team', '--name', 'Scale Team', '--json'], env);
    assert.equal(tenant.code, 0, tenant.stderr);
    const tenantId = JSON.parse(tenant.stdout).id as string;

    const queue = new BullmqQueue(REDIS_URL!, { queueName: namespace });
    const count = 20;
    for (let i = 0; i < count; i += 1) {
      await queue.enqueue(
        'mail.send.v1',
        { tenantId, message: { to: `athlete${i}@scale.example`, subject: `Report ${i}`, text: `Your report: https://vitalis.example/r/${i}` } },
        { jobId: `report-${i}` },
      );
    }
    await queue.enqueue('mail.send.v1', { tenantId, message: { to: 'athlete0@scale.example', subject: 'dup', text: 'x' } }, { jobId: 'report-0' });
    const tx = createTransactions(db, () => undefined);
    const deadline = Date.now() + 60_000;
    let mail = await listOutbox(tx, { limit: 1000 });
    while (mail.length < count && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      mail = await listOutbox(tx, { limit: 1000 });
    }
    await queue.close();
    assert.equal(mail.length, count, 'every job ran exactly once');
    assert.equal(new Set(mail.map((m) => m.to)).size, count);

    // 10 requests over two nodes with a budget of 6 per minute: per-node counters would let
    // all 10 through (5 each); shared counters stop them at 6 or fewer.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await fetch(`${(i % 2 ? apiB : apiA).url}/api/v1/meta`)).status);
    assert.ok(statuses.filter((s) => s === 200).length <= 6, `rate limit shared across API nodes: ${statuses}`);
    assert.ok(statuses.includes(429));
  });
});
