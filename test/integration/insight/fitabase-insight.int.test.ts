// Real data through the API: two people's Fitabase dailyActivity and sleepDay files imported,
// then their steps-sleep correlation and their logging streaks checked against what this test
// computes straight from the CSV (not-worn days — 0 steps and 1440 sedentary minutes — left out).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import type * as c from '../../../src/contracts/insight.ts';
import { openApi, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds } from '../../support/databases.ts';
import { eventually, getJson, importFile, type Caller } from '../ingest/ingest-helpers.ts';
import { person } from './insight-helpers.ts';
import { spearmanRho } from './reference-statistics.ts';

const dataDir = path.resolve(import.meta.dirname, '../../../../shared/data/fitabase');
const skip = existsSync(dataDir) ? false : 'needs ../shared/data/fitabase (present in CI)';
/** 6117666160 has 5 days not worn among 28; 1503960366 one among 31. Both logged at least 18 nights. */
const PEOPLE = ['6117666160', '1503960366'];

type Row = Record<string, string>;
type Finding = z.infer<typeof c.correlationFinding>;

function rowsOf(file: string, id: string): Row[] {
  const [header, ...lines] = readFileSync(path.join(dataDir, `${file}_merged.csv`), 'utf8').trim().split(/\r?\n/);
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i]!, cell]))).filter((row) => row.Id === id);
}

/** `4/12/16` or `4/12/2016 12:00:00 AM` -> `2016-04-12`. */
function isoDate(text: string): string {
  const [m, d, y] = text.split(' ')[0]!.split('/').map(Number);
  return `${y! < 100 ? 2000 + y! : y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Worn days' steps, nights' minutes asleep (sleepDay repeats a few rows verbatim), and the longest run of days with either. */
function expectedOf(id: string) {
  const activity = rowsOf('dailyActivity', id);
  const worn = activity.filter((r) => !(Number(r.TotalSteps) === 0 && Number(r.SedentaryMinutes) === 1440));
  const steps = new Map(worn.map((r) => [isoDate(r.ActivityDate!), Number(r.TotalSteps)]));
  const asleep = new Map(rowsOf('sleepDay', id).map((r) => [isoDate(r.SleepDay!), Number(r.TotalMinutesAsleep)]));
  const pairs = (lag: 0 | 1) => [...steps].flatMap(([date, s]) => {
    const night = asleep.get(lag === 0 ? date : nextDay(date));
    return night === undefined ? [] : [[s, night] as const];
  });
  const logged = [...new Set([...steps.keys(), ...asleep.keys()])].sort();
  let longest = { days: 0, from: '', to: '' };
  let run = { days: 0, from: '', to: '' };
  for (const [i, date] of logged.entries()) {
    run = i > 0 && nextDay(logged[i - 1]!) === date ? { ...run, days: run.days + 1, to: date } : { days: 1, from: date, to: date };
    if (run.days > longest.days) longest = run;
  }
  return { pairs, longest, notWorn: activity.length - worn.length };
}

for (const kind of databaseKinds) {
  describe(`insight from real Fitabase data on ${kind}`, { skip }, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(kind);
    });
    after(() => api?.close());

    for (const id of PEOPLE) {
      it(`person ${id}: steps against minutes asleep, and logging streaks, as the CSV says`, async () => {
        const me: Caller = { token: (await person(api, `fitabase-insight-${id}`)).token };
        for (const file of ['dailyActivity', 'sleepDay']) {
          const status = await importFile(api, me, { name: `${file}_merged.csv`, bytes: readFileSync(path.join(dataDir, `${file}_merged.csv`)) }, { personId: id });
          assert.equal(status.state, 'succeeded', `${file}: ${status.error}`);
        }
        const expected = expectedOf(id);
        assert.ok(expected.notWorn > 0, 'the person has not-worn days, which must stay out');

        const refresh = await api.call('POST', '/api/v1/correlations/refresh', { token: me.token });
        assert.equal(refresh.statusCode, 202, refresh.body);
        const findings = await eventually('the correlation job', async () => {
          const res = await api.call('GET', '/api/v1/correlations?outcome=sleep_duration', { token: me.token });
          return res.headers['last-modified'] ? (res.json() as Finding[]) : undefined;
        });
        for (const lag of [0, 1] as const) {
          const finding = findings.find((f) => f.driver === 'steps' && f.lag === lag);
          const pairs = expected.pairs(lag);
          assert.ok(finding, `steps -> sleep at lag ${lag} tested (${pairs.length} paired days)`);
          assert.equal(finding.n, pairs.length, `lag ${lag}: paired days`);
          assert.ok(Math.abs(finding.rho - spearmanRho(pairs)) < 1e-12, `lag ${lag}: rho ${finding.rho} vs ${spearmanRho(pairs)}`);
          assert.ok(finding.ciLow <= finding.rho && finding.rho <= finding.ciHigh && finding.p >= 0 && finding.p <= 1 && finding.q >= finding.p);
        }

        const streaks = await getJson<z.infer<typeof c.streaksResponse>>(api, me, '/api/v1/streaks');
        assert.deepEqual(streaks.longest, expected.longest);
        assert.equal(streaks.current, null, 'the data is from 2016');
      });
    }
  });
}
