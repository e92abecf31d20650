// The real Fitabase export (../shared/data/fitabase) imported through POST /api/v1/imports, all
// five files for three people, every daily value checked against the CSV as read here.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { openApi, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds } from '../../support/databases.ts';
import { daily, importFile, type Caller, type DailyDay } from './ingest-helpers.ts';

const dataDir = path.resolve(import.meta.dirname, '../../../../shared/data/fitabase');
const skip = existsSync(dataDir) ? false : 'needs ../shared/data/fitabase (present in CI)';
const FILES = ['dailyActivity', 'hourlySteps', 'hourlyCalories', 'sleepDay', 'weightLogInfo'] as const;
/** Weight logs, nights, and (1927972279) 13 days not worn. */
const PEOPLE = ['1503960366', '6962181067', '1927972279'];

type Row = Record<string, string>;

function readCsv(file: string): Row[] {
  const [header, ...lines] = readFileSync(path.join(dataDir, `${file}_merged.csv`), 'utf8').trim().split(/\r?\n/);
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i]!, cell])));
}

/** `4/12/16`, `4/12/2016 0:00`, `5/2/2016 11:59:59 PM` -> `2016-04-12`. */
function isoDate(text: string): string {
  const [m, d, y] = text.split(' ')[0]!.split('/').map(Number);
  return `${y! < 100 ? 2000 + y! : y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface Expected {
  value: number;
  status?: 'ok' | 'not_worn';
}

function expectedDays(id: string) {
  const mine = (file: string) => readCsv(file).filter((r) => r.Id === id);
  const activity = mine('dailyActivity');
  const byDate = <T>(rows: Row[], date: (r: Row) => string, value: (r: Row) => T) => new Map(rows.map((r) => [date(r), value(r)]));
  const notWorn = (r: Row) => Number(r.TotalSteps) === 0 && Number(r.SedentaryMinutes) === 1440;
  const hourlySums = new Map<string, number>();
  for (const r of mine('hourlySteps')) hourlySums.set(isoDate(r.ActivityHour!), (hourlySums.get(isoDate(r.ActivityHour!)) ?? 0) + Number(r.StepTotal));
  return {
    steps: byDate<Expected>(activity, (r) => isoDate(r.ActivityDate!), (r) => ({ value: Number(r.TotalSteps), status: notWorn(r) ? 'not_worn' : 'ok' })),
    distance: byDate<Expected>(activity, (r) => isoDate(r.ActivityDate!), (r) => ({ value: Number(r.TotalDistance) * 1000 })),
    total_energy: byDate<Expected>(activity, (r) => isoDate(r.ActivityDate!), (r) => ({ value: Number(r.Calories) })),
    sleep_duration: byDate<Expected>(mine('sleepDay'), (r) => isoDate(r.SleepDay!), (r) => ({ value: Number(r.TotalMinutesAsleep) })),
    time_in_bed: byDate<Expected>(mine('sleepDay'), (r) => isoDate(r.SleepDay!), (r) => ({ value: Number(r.TotalTimeInBed) })),
    // Rows come in time order: the day's last reading is the last row of its date.
    weight: byDate<Expected>(mine('weightLogInfo'), (r) => isoDate(r.Date!), (r) => ({ value: Number(r.WeightKg) })),
    hourlySums,
    rows: Object.fromEntries(FILES.map((f) => [f, mine(f).length])) as Record<(typeof FILES)[number], number>,
  };
}

const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) <= 1e-6 * Math.max(1, Math.abs(expected)), `${what}: ${actual} is not ${expected}`);

for (const kind of databaseKinds) {
  describe(`Fitabase import on ${kind}`, { skip }, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(kind);
    });
    after(() => api?.close());

    for (const id of PEOPLE) {
      it(`imports all five files of person ${id}, each daily value as the CSV says, and a second import changes nothing`, async () => {
        const signedUp = await signUpVerified(api, `fitabase-${id}-${uuidv7().slice(-8)}@example.test`);
        const me: Caller = { token: signedUp.accessToken, tenantId: signedUp.tenantId };
        const expected = expectedDays(id);
        const upload = async (file: (typeof FILES)[number]) => {
          const status = await importFile(api, me, { name: `${file}_merged.csv`, bytes: readFileSync(path.join(dataDir, `${file}_merged.csv`)) }, { personId: id });
          assert.equal(status.state, 'succeeded', `${file}: ${status.error}`);
          assert.equal(status.format, 'fitbit');
          assert.equal(status.progress, 100);
          return status;
        };
        for (const file of FILES) {
          const status = await upload(file);
          const metric = { dailyActivity: 'steps', hourlySteps: 'steps', hourlyCalories: 'total_energy', sleepDay: 'sleep_duration', weightLogInfo: 'weight' }[file];
          const duplicateRows = status.skipped.filter((s) => s.reason === 'duplicate row').length;
          assert.equal(status.counts[metric] ?? 0, expected.rows[file] - duplicateRows, `${file}: one ${metric} sample per row`);
        }

        const rowCount = () =>
          api.services.tx.withSystem('test counts samples', async (sql) => Number((await sql.query<{ n: string }>('select count(*) as n from samples where user_id = $1', [signedUp.userId]))[0]!.n));
        const before = await rowCount();

        for (const metric of ['steps', 'distance', 'total_energy', 'sleep_duration', 'time_in_bed', 'weight'] as const) {
          const { days } = await daily(api, me, metric, '2016-04-01', '2016-05-31');
          const want = expected[metric];
          assert.deepEqual(days.map((d) => d.date), [...want.keys()].sort(), `${metric}: the same days`);
          for (const day of days) {
            const { value, status } = want.get(day.date)!;
            close(day.value, value, `${metric} on ${day.date}`);
            if (status) assert.equal(day.status, status, `${metric} on ${day.date}: status`);
          }
        }

        const { days: stepDays } = await daily(api, me, 'steps', '2016-04-01', '2016-05-31');
        const withHourly = stepDays.filter((d) => expected.hourlySums.has(d.date) && d.status === 'ok');
        assert.ok(withHourly.length >= 10, `${withHourly.length} worn days with hourly steps`);
        for (const day of withHourly) {
          const fitbit = day.sources.find((s) => s.source === 'fitbit') as DailyDay['sources'][number] & { intradayTotal?: number };
          assert.equal(fitbit?.intradayTotal, expected.hourlySums.get(day.date), `steps on ${day.date}: the hourly sum stays visible in the provenance`);
        }

        await upload('dailyActivity');
        await upload('hourlySteps');
        assert.equal(await rowCount(), before, 'importing the same files again adds nothing');
      });
    }
  });
}
