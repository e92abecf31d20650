import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { adminSocketPath } from '../../src/composition/data-dir-lock.ts';
import { childEnv, runCli, startServer } from '../support/processes.ts';

describe('embedded mode: one process, data in a folder, a CLI that works with or without the server', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vitalis-embedded-'));
    env = childEnv({ VITALIS_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1' });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('runs the CLI without a server, then through the running server, and keeps data across restarts', async () => {
    const offline = await runCli(['create-tenant', '--slug', 'offline-team', '--name', 'Offline Team'], env);
    assert.equal(offline.code, 0, offline.stderr);
    assert.match(offline.stdout, /created tenant offline-team \(team\)/);

    const server = await startServer(env);
    try {
      const meta = await (await fetch(`${server.url}/api/v1/meta`)).json();
      assert.equal(meta.mode, 'embedded');
      const ready = await fetch(`${server.url}/readyz`);
      assert.equal(ready.status, 200, await ready.text());
      const page = await fetch(`${server.url}/`);
      assert.match(await page.text(), /<title>Vitalis<\/title>/);

      const online = await runCli(['create-tenant', '--slug', 'online-team', '--name', 'Online Team', '--json'], env);
      assert.equal(online.code, 0, online.stderr);
      assert.equal(JSON.parse(online.stdout).slug, 'online-team');

      const seeded = await runCli(['seed-demo', '--days', '14'], env);
      assert.equal(seeded.code, 0, seeded.stderr);
      assert.match(seeded.stdout, /created tenant demo \(.*\) with \d{4,} simulated samples/);
      assert.match((await runCli(['seed-demo'], env)).stdout, /already there/);

      const duplicate = await runCli(['create-tenant', '--slug', 'online-team', '--name', 'Again'], env);
      assert.equal(duplicate.code, 1);
      assert.equal(duplicate.stderr.trim().split('\n').length, 1, 'one line, no stack trace');
      assert.match(duplicate.stderr, /^vitalis: a tenant with slug "online-team" exists already/);

      const second = await startServer(env).then(
        () => assert.fail('a second server opened the same data directory'),
        (error: Error) => error.message,
      );
      assert.match(second, /in use by another Vitalis process/);
    } finally {
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0);
    }

    const restarted = await startServer(env);
    try {
      const verify = await runCli(['audit', 'verify'], env);
      assert.equal(verify.code, 0, verify.stderr);
      assert.match(verify.stdout, /ok {6}demo: \d+ entries/);
      assert.match(verify.stdout, /ok {6}offline-team: 1 entries/);
      assert.match(verify.stdout, /ok {6}online-team: 1 entries/);
    } finally {
      restarted.child.kill('SIGINT');
      assert.equal(await restarted.exited, 0);
    }
    const afterStop = await runCli(['audit', 'verify', '--tenant', 'demo', '--json'], env);
    assert.equal(afterStop.code, 0, afterStop.stderr);
    assert.equal(JSON.parse(afterStop.stdout)[0].ok, true);
  });

  it('finishes a request in flight when SIGTERM arrives', async () => {
    const server = await startServer(env);
    const body = JSON.stringify({ slug: 'inflight-team', name: 'In Flight' });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          socketPath: adminSocketPath(dir),
          path: '/admin/ops/create-tenant',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      // Half the body now; SIGTERM; the rest after the server has begun shutting down.
      req.write(body.slice(0, 10));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 500);
      }, 200);
    });
    const answer = await response;
    assert.equal(answer.status, 200, answer.body);
    assert.equal(JSON.parse(answer.body).result.slug, 'inflight-team');
    assert.equal(await server.exited, 0);
    assert.ok(server.logs.some((l) => l.includes('shutting down')));
  });

  it('refuses a bad configuration with one line naming the variable', async () => {
    const bad = await runCli(['serve'], { ...env, PORT: 'eighty' });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr.trim(), /^vitalis: invalid configuration — PORT: .+$/);
  });
});
