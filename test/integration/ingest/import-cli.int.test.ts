// `vitalis import` in embedded mode: read in the CLI's own process when no server runs, handed
// to the running server's workers (and followed) when one does; a summary either way.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { childEnv, runCli, startServer } from '../../support/processes.ts';

const exportXml = fileURLToPath(new URL('../../fixtures/apple-health/export.xml', import.meta.url));

describe('vitalis import', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vitalis-import-cli-'));
    env = childEnv({ VITALIS_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1' });
    const created = await runCli(['create-tenant', '--slug', 'runners', '--name', 'Runners', '--admin-email', 'jane@example.test'], env);
    assert.equal(created.code, 0, created.stderr);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('imports a file without a server, prints a summary with the skipped lines, and refuses bad input in one line', async () => {
    const offline = await runCli(['import', exportXml, '--user', 'jane@example.test'], env);
    assert.equal(offline.code, 0, offline.stderr);
    assert.match(offline.stdout, /^imported 33 samples from export\.xml \(apple-health\)/);
    assert.match(offline.stdout, /steps\s+5/);
    assert.match(offline.stdout, /skipped 2:\n {2}line \d+: HKCategoryTypeIdentifierMindfulSession/);

    const csv = path.join(dir, 'log.csv');
    await writeFile(csv, 'date,weight,steps\n2024-01-01,70.5,8000\n2024-01-02,heavy,9000\n');
    const withBadCell = await runCli(['import', csv, '--user', 'jane@example.test', '--tenant', 'runners', '--json'], env);
    assert.equal(withBadCell.code, 0, withBadCell.stderr);
    const status = JSON.parse(withBadCell.stdout);
    assert.deepEqual([status.state, status.counts], ['succeeded', { weight: 1, steps: 2 }]);
    assert.deepEqual(status.skipped.map((s: { line: number }) => s.line), [3]);

    const unknown = await runCli(['import', exportXml, '--user', 'nobody@example.test'], env);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr.trim(), 'vitalis: No user has the email nobody@example.test.');
    const missing = await runCli(['import', path.join(dir, 'nope.csv'), '--user', 'jane@example.test'], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^vitalis: cannot read .*nope\.csv\n$/);
  });

  it('hands the file to the running server and follows it to the end', async () => {
    const server = await startServer(env);
    try {
      const online = await runCli(['import', exportXml, '--user', 'jane@example.test', '--format', 'apple-health'], env);
      assert.equal(online.code, 0, online.stderr);
      assert.match(online.stdout, /^imported 33 samples from export\.xml/);
      const wrong = await runCli(['import', exportXml, '--user', 'jane@example.test', '--format', 'csv'], env);
      assert.equal(wrong.code, 1);
      assert.match(wrong.stderr, /^vitalis: This file is not a CSV file: it reads as an Apple Health export\.\n$/);
    } finally {
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0);
    }
  });
});
