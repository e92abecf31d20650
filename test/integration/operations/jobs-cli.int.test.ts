// `vitalis jobs dead` / `vitalis jobs retry` in embedded mode: a mail that failed every attempt
// (the mail server was down) is listed without its text, and once retried it is sent by the
// running server's workers.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { withLocalServices } from '../../../src/cli/run-admin-op.ts';
import { parseConfig } from '../../../src/config.ts';
import { childEnv, runCli, startServer } from '../../support/processes.ts';

describe('vitalis jobs', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let deadId: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vitalis-jobs-cli-'));
    env = childEnv({ VITALIS_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1' });
    const created = await runCli(['create-tenant', '--slug', 'clinic', '--name', 'Clinic', '--json'], env);
    assert.equal(created.code, 0, created.stderr);
    const tenantId = (JSON.parse(created.stdout) as { id: string }).id;
    const message = { to: 'dr.lee@example.test', subject: 'High heart rate: Jane', text: 'Open https://vitalis.example/alerts/1 to see it.' };
    deadId = await withLocalServices(parseConfig(env), async (services) => {
      const { id } = await services.queue.enqueue('mail.send.v1', { tenantId, message }, { attempts: 3 });
      await services.db.transaction((sql) =>
        sql.query(`update jobs set state = 'dead', attempts = 3, last_error = 'connect ECONNREFUSED 10.0.0.5:587', finished_at = now() where id = $1`, [id]),
      );
      return id;
    });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('lists a dead job without its payload, and refuses a retry that names nothing in one line', async () => {
    const listed = await runCli(['jobs', 'dead', '--json'], env);
    assert.equal(listed.code, 0, listed.stderr);
    const [dead, ...others] = JSON.parse(listed.stdout) as Record<string, unknown>[];
    assert.equal(others.length, 0);
    assert.deepEqual(Object.keys(dead!).sort(), ['attempts', 'error', 'id', 'name', 'tenantId']);
    assert.deepEqual([dead!.id, dead!.name, dead!.attempts, dead!.error], [deadId, 'mail.send.v1', 3, 'connect ECONNREFUSED 10.0.0.5:587']);
    assert.doesNotMatch(listed.stdout, /vitalis\.example|dr\.lee/);

    const text = await runCli(['jobs', 'dead'], env);
    assert.match(text.stdout, new RegExp(`^${deadId}  mail\\.send\\.v1  tenant [0-9a-f-]{36}  after 3 attempts: connect ECONNREFUSED`));

    const nothing = await runCli(['jobs', 'retry'], env);
    assert.equal(nothing.code, 1);
    assert.equal(nothing.stderr, 'vitalis: input: name the dead jobs to retry, or say --all\n');
  });

  it('retries it through the running server, whose workers send the mail', async () => {
    const server = await startServer(env);
    try {
      const unknown = await runCli(['jobs', 'retry', 'no-such-job', '--json'], env);
      assert.deepEqual(JSON.parse(unknown.stdout), { retried: [] });
      const retried = await runCli(['jobs', 'retry', deadId], env);
      assert.equal(retried.code, 0, retried.stderr);
      assert.equal(retried.stdout, `queued again: ${deadId}\n`);
      let outbox = '';
      for (let tries = 0; tries < 100 && !outbox.includes('High heart rate'); tries += 1) {
        outbox = (await runCli(['outbox', '--to', 'dr.lee@example.test'], env)).stdout;
      }
      assert.match(outbox, /to dr\.lee@example\.test {2}"High heart rate: Jane"/);
      assert.equal((await runCli(['jobs', 'dead'], env)).stdout, 'no dead jobs\n');
    } finally {
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0);
    }
  });
});
