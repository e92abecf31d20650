// The Apple Health fixture (test/fixtures/apple-health/export.xml and the same in export.zip)
// imported through POST /api/v1/imports: what each record becomes, iPhone and Watch steps
// merged, a night across midnight and a clock change, and a second import changing nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { openApi, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds } from '../../support/databases.ts';
import { daily, importFile, uploadImport, type Caller } from './ingest-helpers.ts';

const fixture = (name: string) => ({ name, bytes: readFileSync(new URL(`../../fixtures/apple-health/${name}`, import.meta.url)) });
const LB = 0.45359237;

for (const kind of databaseKinds) {
  describe(`Apple Health import on ${kind}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(kind);
    });
    after(() => api?.close());

    const person = async (): Promise<Caller & { userId: string }> => {
      const p = await signUpVerified(api, `apple-${uuidv7().slice(-12)}@example.test`);
      return { token: p.accessToken, tenantId: p.tenantId, userId: p.userId };
    };
    const rowCount = (userId: string) =>
      api.services.tx.withSystem('test counts samples', async (sql) => Number((await sql.query<{ n: string }>('select count(*) as n from samples where user_id = $1', [userId]))[0]!.n));

    it('stores every record it knows once, in canonical units, on the local day it belongs to', async () => {
      const me = await person();
      const status = await importFile(api, me, fixture('export.xml'));
      assert.equal(status.state, 'succeeded', status.error ?? '');
      assert.equal(status.format, 'apple-health');
      assert.deepEqual(status.counts, {
        heart_rate: 3,
        resting_heart_rate: 1,
        steps: 5,
        distance: 1,
        active_energy: 1,
        spo2: 1,
        weight: 1,
        hrv_sdnn: 1,
        sleep_stage: 12,
        blood_pressure_systolic: 1,
        blood_pressure_diastolic: 1,
      });
      assert.deepEqual(
        status.skipped.map((s) => s.reason.split(':')[0]),
        ['HKCategoryTypeIdentifierMindfulSession', 'Workout'],
        'types Vitalis does not store are reported once each',
      );

      const value = async (metric: string, date: string) => (await daily(api, me, metric, date, date)).days[0];
      // Watch 08:02-08:19 (1,040) wins the overlap; the iPhone adds 08:00-08:02 (2/10 of 520) and 08:19-08:20 (1/10 of 480).
      assert.equal((await value('steps', '2024-03-09'))?.value, 1192);
      assert.equal((await value('steps', '2024-03-10'))?.value, 312);
      // 22:55 PST to 06:45 PDT, less two awake spells: the night belongs to the morning it ends on.
      assert.equal((await value('sleep_duration', '2024-03-10'))?.value, 390);
      assert.equal((await value('sleep_duration', '2024-03-09')), undefined);
      assert.equal((await value('sleep_duration', '2021-06-02'))?.value, 435);
      assert.equal((await value('spo2', '2024-03-09'))?.value, 97);
      assert.ok(Math.abs((await value('weight', '2024-03-09'))!.value - 142.6 * LB) < 1e-9);
      const systolic = await value('blood_pressure_systolic', '2024-03-10');
      assert.deepEqual([systolic?.value, systolic?.count], [121, 1], 'blood pressure in its Correlation and at the top level counts once');
    });

    it('reads the same export from a zip, and importing it again changes nothing', async () => {
      const me = await person();
      const first = await importFile(api, me, fixture('export.xml'));
      const rows = await rowCount(me.userId);
      const again = await importFile(api, me, fixture('export.zip'));
      assert.equal(again.state, 'succeeded', again.error ?? '');
      assert.deepEqual(again.counts, first.counts);
      assert.equal(await rowCount(me.userId), rows);
    });

    it('refuses a file that is not what it claims, and one that is no health data at all', async () => {
      const me = await person();
      const claimed = await uploadImport(api, me, fixture('export.xml'), { format: 'fitbit' });
      assert.equal(claimed.statusCode, 415, claimed.body);
      assert.match(claimed.json().detail, /not a Fitbit CSV: it reads as an Apple Health export/);
      const junk = await uploadImport(api, me, { name: 'notes.json', bytes: Buffer.from('{"hello": "world"}') });
      assert.equal(junk.statusCode, 415, junk.body);
      const notExport = await importFile(api, me, fixture('not-an-export.zip'));
      assert.equal(notExport.state, 'failed');
      assert.match(notExport.error ?? '', /export/i);
    });
  });
}
