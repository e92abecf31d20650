// An import cut off half-way (its process died between batches) is resumed at the next start
// and ends exactly as one clean run: same counts, same rows, same daily values.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import type { ImportDeps } from '../../../src/app/imports/import-deps.ts';
import { runImport } from '../../../src/app/imports/run-import.ts';
import { openApi, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds, scratchPostgres } from '../../support/databases.ts';
import { daily, eventually, getJson, importFile, type Caller, type ImportStatus } from './ingest-helpers.ts';

const exportXml = readFileSync(new URL('../../fixtures/apple-health/export.xml', import.meta.url));

/** The importers of `deps`, dying (as a killed process would) after `batches` batches. */
function dyingAfter(deps: ImportDeps, batches: number): ImportDeps {
  return {
    ...deps,
    importers: {
      ...deps.importers,
      async open(file, format, options) {
        const opened = await deps.importers.open(file, format, options);
        async function* cut() {
          let n = 0;
          for await (const batch of opened.batches) {
            if (n++ === batches) throw new Error('the process died');
            yield batch;
          }
        }
        return { ...opened, batches: cut(), fractionRead: opened.fractionRead, close: opened.close };
      },
    },
  };
}

for (const kind of databaseKinds) {
  describe(`import recovery on ${kind}`, () => {
    it('resumes an import a crash cut off, with the result of one clean run', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'vitalis-import-recovery-'));
      const scratch = kind === 'postgres' ? await scratchPostgres() : undefined;
      // Small batches: the fixture's 28 samples make seven.
      const env: Record<string, string> = { VITALIS_DATA_DIR: dir, INGEST_MAX_BATCH_SAMPLES: '4', ...(scratch && { DATABASE_URL: scratch.url }) };
      let api: ApiHarness | undefined;
      try {
        api = await openApi(kind, env);
        const clean = await signUpVerified(api, `clean-${uuidv7().slice(-12)}@example.test`);
        const cut = await signUpVerified(api, `cut-${uuidv7().slice(-12)}@example.test`);
        const cleanCaller: Caller = { token: clean.accessToken, tenantId: clean.tenantId };
        const cutCaller: Caller = { token: cut.accessToken, tenantId: cut.tenantId };
        const expected = await importFile(api, cleanCaller, { name: 'export.xml', bytes: exportXml });
        assert.equal(expected.state, 'succeeded');

        // The upload as startImport leaves it, but the job is run here, by a worker that dies.
        const person = { tenantId: cut.tenantId, userId: cut.userId };
        const importId = uuidv7();
        const blobKey = `imports/${cut.tenantId}/${cut.userId}/${importId}`;
        await api.services.blobs.put(blobKey, exportXml);
        await api.services.tx.withTenant(person, (sql) =>
          api!.services.imports.imports.insert(sql, person, { id: importId, format: 'apple-health', blobKey, fileName: 'export.xml', sizeBytes: exportXml.length, options: {}, createdAt: new Date() }),
        );
        await assert.rejects(runImport(dyingAfter(api.services.imports, 3), { ...person, importId }, { attempt: 1 }), /the process died/);
        const halfway = await getJson<ImportStatus>(api, cutCaller, `/api/v1/imports/${importId}`);
        assert.equal(halfway.state, 'running');
        assert.equal(Object.values(halfway.counts).reduce((a, b) => a + b, 0), 12, 'three batches of four stored');
        await api.close();
        api = undefined;

        api = await openApi(kind, env);
        const resumed = await eventually(
          'the resumed import to finish',
          async () => {
            const status = await getJson<ImportStatus>(api!, cutCaller, `/api/v1/imports/${importId}`);
            return status.state === 'running' || status.state === 'queued' ? undefined : status;
          },
          60_000,
        );
        assert.equal(resumed.state, 'succeeded', resumed.error ?? '');
        assert.deepEqual(resumed.counts, expected.counts);
        assert.deepEqual(resumed.skipped, expected.skipped);

        const rows = (userId: string) =>
          api!.services.tx.withSystem('test counts rows', async (sql) => {
            const [row] = await sql.query<{ samples: number; days: number }>(
              'select (select count(*)::int from samples where user_id = $1) as samples, (select count(*)::int from daily_values where user_id = $1) as days',
              [userId],
            );
            return row;
          });
        assert.deepEqual(await rows(cut.userId), await rows(clean.userId));
        for (const metric of ['steps', 'sleep_duration', 'heart_rate']) {
          const strip = (days: Array<{ date: string; value: number }>) => days.map((d) => [d.date, d.value]);
          assert.deepEqual(strip((await daily(api, cutCaller, metric, '2021-01-01', '2024-12-31')).days), strip((await daily(api, cleanCaller, metric, '2021-01-01', '2024-12-31')).days), metric);
        }
      } finally {
        await api?.close();
        await scratch?.drop();
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
