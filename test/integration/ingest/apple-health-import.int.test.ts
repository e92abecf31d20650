// The Apple Health fixture (test/fixtures/apple-health/export.xml and the same in export.zip)
// imported through POST /api/v1/imports: what each record becomes, iPhone and Watch steps
// merged, a night across midnight and a clock change, workouts with their statistics, HRV
// readings with their beats, and a second import changing nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { openApi, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds } from '../../support/databases.ts';
import { hrvReadings, recordTotal, workouts } from '../../fixtures/apple-health/expected.ts';
import { daily, getJson, importFile, samplesUrl, uploadImport, type Caller, type SampleItem } from './ingest-helpers.ts';

const fixture = (name: string) => ({ name, bytes: readFileSync(new URL(`../../fixtures/apple-health/${name}`, import.meta.url)) });
const LB = 0.45359237;
/** The categories the fixture's activity types become (docs/apple-health.md). */
const CATEGORY: Record<string, string> = {
  HKWorkoutActivityTypeRunning: 'running',
  HKWorkoutActivityTypeCycling: 'cycling',
  HKWorkoutActivityTypeWalking: 'walking',
  HKWorkoutActivityTypeFishing: 'other',
};

type Item = SampleItem & { activityName?: string; statistics?: Record<string, { value: number; unit: string }>; beats?: Array<{ t: string; bpm: number }> };
/** Floating-point noise of unit conversion (km -> m, mi -> m) aside. */
const rounded = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v));

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
        hrv_sdnn: hrvReadings().length,
        sleep_stage: 12,
        blood_pressure_systolic: 1,
        blood_pressure_diastolic: 1,
        workout: workouts().length,
      });
      assert.deepEqual(
        status.skipped.map((s) => s.reason.split(':')[0]),
        ['HKCategoryTypeIdentifierMindfulSession', 'ActivitySummary'],
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
      const detailed = await Promise.all(['workout', 'hrv_sdnn'].map((metric) => items(me, metric)));
      const again = await importFile(api, me, fixture('export.zip'));
      assert.equal(again.state, 'succeeded', again.error ?? '');
      assert.deepEqual(again.counts, first.counts);
      assert.equal(await rowCount(me.userId), rows);
      assert.deepEqual(await Promise.all(['workout', 'hrv_sdnn'].map((metric) => items(me, metric))), detailed);
    });

    const items = async (me: Caller, metric: string) =>
      (await getJson<{ items: Item[] }>(api, me, samplesUrl(metric, '2020-01-01T00:00:00Z', '2025-01-01T00:00:00Z'))).items;

    it('keeps workouts as intervals with their activity and statistics, their energy and distance counted once', async () => {
      const me = await person();
      assert.equal((await importFile(api, me, fixture('export.xml'))).state, 'succeeded');
      const expected = workouts().sort((a, b) => a.start.localeCompare(b.start));
      assert.deepEqual(
        rounded(await items(me, 'workout')),
        rounded(
          expected.map((w) => ({
            start: w.start,
            end: w.end,
            value: w.minutes,
            unit: 'min',
            source: w.source,
            category: CATEGORY[w.activityName],
            activityName: w.activityName,
            ...(Object.keys(w.statistics).length > 0 && { statistics: w.statistics }),
          })),
        ),
      );
      assert.ok(expected.some((w) => Object.keys(w.statistics).length === 0), 'the fixture has a workout without statistics');

      // The walk from 23:35 to 00:20 counts on the day it started, beside that day's other workout (another source, no overlap).
      const acrossMidnight = expected.find((w) => w.startDate !== w.endDate);
      assert.ok(acrossMidnight, 'the fixture has a workout across local midnight');
      const minutesOn = (date: string) => expected.filter((w) => w.startDate === date).reduce((sum, w) => sum + w.minutes, 0);
      assert.equal((await daily(api, me, 'workout', acrossMidnight.startDate, acrossMidnight.startDate)).days[0]?.value, minutesOn(acrossMidnight.startDate));
      const { endDate } = acrossMidnight;
      assert.deepEqual((await daily(api, me, 'workout', endDate, endDate)).days, []);

      // The run's 312 kcal and 5.21 km are the workout's own figures: the day's totals are the Records'.
      const run = expected.find((w) => w.activityName === 'HKWorkoutActivityTypeRunning')!;
      assert.ok(run.statistics.activeEnergy && run.statistics.distance);
      const day = run.startDate;
      assert.equal((await daily(api, me, 'active_energy', day, day)).days[0]?.value, recordTotal('ActiveEnergyBurned', day));
      assert.ok(Math.abs((await daily(api, me, 'distance', day, day)).days[0]!.value - recordTotal('DistanceWalkingRunning', day)) < 1e-9);
    });

    it('keeps each HRV reading’s beat-to-beat series with it, a series past midnight on the next day', async () => {
      const me = await person();
      assert.equal((await importFile(api, me, fixture('export.xml'))).state, 'succeeded');
      const expected = hrvReadings().sort((a, b) => a.start.localeCompare(b.start));
      assert.ok(expected.some((r) => r.pastMidnight), 'the fixture has beats past midnight');
      const read = await items(me, 'hrv_sdnn');
      assert.deepEqual(
        read.map((r) => ({ start: r.start, value: r.value, beats: r.beats })),
        expected.map(({ start, value, beats }) => ({ start, value, beats })),
      );
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
