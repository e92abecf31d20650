// An import cut off half-way (its process died inside a batch's transaction) is resumed at the
// next start and ends exactly as one clean run: same counts, same rows, same daily values.
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

/**
 * `deps` in a process that dies (as a killed one would) inside the transaction of the fourth
 * batch it stores, after that batch's samples and daily values were written, at its marker.
 */
function dyingInFourthBatch(deps: ImportDeps): ImportDeps {
  let markers = 0;
  const rawPayloads = {
    ...deps.ingest.rawPayloads,
    async insertImportMarker(...args: Parameters<ImportDeps['ingest']['rawPayloads']['insertImportMarker']>) {
      if (++markers === 4) throw new Error('the process died');
      return deps.ingest.rawPayloads.insertImportMarker(...args);
    },
  };
  return { ...deps, ingest: { ...deps.ingest, rawPayloads } };
}

for (const kind of databaseKinds) {
  describe(`import recovery on ${kind}`, () => {
    it('resumes an import a crash cut off, with the result of one clean run', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'vitalis-import-recovery-'));
      const scratch = kind === 'postgres' ? await scratchPostgres() : undefined;
      // Small batches: the fixture's 33 samples make nine.
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
        await assert.rejects(runImport(dyingInFourthBatch(api.services.imports), { ...person, importId }, { attempt: 1 }), /the process died/);
        const halfway = await getJson<ImportStatus>(api, cutCaller, `/api/v1/imports/${importId}`);
        assert.equal(halfway.state, 'running');
        // Two batches are in flight at a time: the fifth was stored beside the fourth, which left nothing.
        assert.equal(Object.values(halfway.counts).reduce((a, b) => a + b, 0), 16, 'four batches of four stored');
        const markers = (userId: string) =>
          api!.services.tx.withSystem('test reads the import batch markers', (sql) =>
            sql.query<{ key: string; payload: unknown }>('select idempotency_key as key, payload from raw_payloads where user_id = $1 order by received_at, id', [userId]),
          );
        const stored = await markers(cut.userId);
        assert.equal(stored.length, 4);
        assert.equal(new Set(stored.map((m) => m.key)).size, 4);
        assert.ok(stored.every((m) => /^import:[0-9a-f-]+:[0-4]$/.test(m.key) && m.payload === null), 'markers of batches 0-4, no copy of the samples');
        const samplesOf = (userId: string) =>
          api!.services.tx.withSystem('test counts samples', async (sql) => (await sql.query<{ n: number }>('select count(*)::int as n from samples where user_id = $1', [userId]))[0]!.n);
        const halfwaySamples = await samplesOf(cut.userId);
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
        assert.ok(halfwaySamples < (await samplesOf(cut.userId)), 'the batch that died was stored by the resumed run');
        assert.deepEqual((await markers(cut.userId)).map((m) => m.key).sort(), (await markers(clean.userId)).map((m) => m.key.replace(expected.id, importId)).sort());
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
