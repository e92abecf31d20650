// Population benchmarks: my recent resting heart rate, VO2max and steps against published norms
// for my age and sex, set with PUT /api/v1/me/profile. Expected percentiles come from the
// published rows, written out below, interpolated here.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import { benchmarksResponse } from '../../../src/contracts/benchmarks.ts';
import { openApi, type ApiHarness } from '../../support/api-harness.ts';
import { getJson, type Caller } from '../ingest/ingest-helpers.ts';
import { mean } from './reference-statistics.ts';
import { clinic, daily, daysAgo, flavours, lastDays, person, store, today, type Person } from './insight-helpers.ts';

type Benchmarks = z.infer<typeof benchmarksResponse>;

/** Ostchega et al. 2011 (NHANES 1999–2008), men 40–59: resting pulse at the 5th…95th percentile. */
const NHANES_MEN_40_59 = [[5, 52], [10, 55], [25, 61], [50, 68], [75, 77], [90, 85], [95, 90]] as const;
/** Kaminsky et al. 2015 (FRIEND), men 40–49, treadmill VO2max at the 5th, 10th, …, 95th percentile. */
const FRIEND_MEN_40_49 = [24.2, 26.8, 29.0, 30.5, 31.9, 33.3, 34.6, 35.7, 36.7, 37.8, 38.9, 40.3, 42.1, 43.9, 45.0, 46.7, 49.3, 52.1, 55.6].map((v, i) => [5 * (i + 1), v] as const);

function interpolated(row: ReadonlyArray<readonly [number, number]>, value: number): number {
  const upper = row.findIndex(([, v]) => v >= value);
  const [p0, v0] = row[upper - 1]!;
  const [p1, v1] = row[upper]!;
  return p0 + ((value - v0) / (v1 - v0)) * (p1 - p0);
}

const restingHr = (i: number) => 60 + (i % 6);
const steps = (i: number) => 8200 + (i % 4) * 300;

for (const flavour of flavours) {
  describe(`population benchmarks on ${flavour.name}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(flavour.kind, flavour.env);
    });
    after(() => api.close());

    const as = (p: Person, tenantId?: string): Caller => ({ token: p.token, ...(tenantId ? { tenantId } : {}) });
    const benchmarks = async (caller: Caller, query = '') => benchmarksResponse.parse(await getJson(api, caller, `/api/v1/benchmarks${query}`)) as Benchmarks;
    const of = (all: Benchmarks, measure: string) => all.benchmarks.find((b) => b.measure === measure)!;
    const putProfile = (p: Person, body: unknown) => api.call('PUT', '/api/v1/me/profile', { token: p.token, body });

    async function seeded(caller: Caller): Promise<void> {
      const vo2max = [[daysAgo(60), 41.0], [daysAgo(12), 39.4]].map(([date, value]) => ({ metric: 'vo2max', value, unit: 'mL/min/kg', start: `${date}T07:00:00Z`, source: 'Test Watch' }));
      await store(api, caller, [...daily('resting_heart_rate', lastDays(28, restingHr)), ...daily('steps', lastDays(28, steps)), ...vo2max]);
    }

    it('places my recent values among the norms of my age band and sex, citing the source', async () => {
      const me = await person(api, 'benchmarks');
      await seeded(as(me));
      assert.deepEqual(await getJson(api, as(me), '/api/v1/me/profile'), { birthYear: null, sex: null });
      const unsaid = await benchmarks(as(me));
      assert.deepEqual(of(unsaid, 'resting_heart_rate').percentile, { ok: false, reason: 'birth year not set' });

      const birthYear = Number(today().slice(0, 4)) - 45;
      const put = await putProfile(me, { birthYear, sex: 'male' });
      assert.equal(put.statusCode, 200, put.body);
      const result = await benchmarks(as(me));
      assert.deepEqual(result.profile, { birthYear, sex: 'male', ageYears: 45 });

      const resting = of(result, 'resting_heart_rate');
      const restingMean = mean(Array.from({ length: 28 }, (_, i) => restingHr(i)));
      assert.ok(resting.recent.ok && Math.abs(resting.recent.value - restingMean) < 1e-9 && resting.recent.days === 28, JSON.stringify(resting.recent));
      assert.ok(resting.percentile.ok, JSON.stringify(resting.percentile));
      assert.ok(Math.abs(resting.percentile.percentile - interpolated(NHANES_MEN_40_59, restingMean)) < 1e-9, `${resting.percentile.percentile}`);
      assert.deepEqual(resting.percentile.group, { sex: 'male', ageFrom: 40, ageTo: 59 });
      assert.equal(resting.percentile.source, 'nhanes-1999-2008-resting-pulse');
      assert.match(resting.percentile.citation, /Ostchega/);
      assert.equal(resting.unit, '/min');

      const vo2max = of(result, 'vo2max');
      assert.ok(vo2max.recent.ok && vo2max.recent.value === 39.4 && vo2max.recent.statistic === 'latest', JSON.stringify(vo2max.recent));
      assert.ok(vo2max.percentile.ok && Math.abs(vo2max.percentile.percentile - interpolated(FRIEND_MEN_40_49, 39.4)) < 1e-9, JSON.stringify(vo2max.percentile));
      assert.match(vo2max.percentile.citation, /Kaminsky/);

      const walking = of(result, 'steps');
      assert.deepEqual(walking.percentile, { ok: false, reason: 'no percentile norms for this measure' });
      assert.equal(walking.activityLevel?.level, 'somewhat active', 'a mean of 8,650 steps a day');

      assert.equal((await putProfile(me, { birthYear, sex: 'prefer_not_to_say' })).statusCode, 200);
      const undisclosed = await benchmarks(as(me));
      for (const measure of ['resting_heart_rate', 'vo2max']) assert.deepEqual(of(undisclosed, measure).percentile, { ok: false, reason: 'sex not given' });
      assert.deepEqual(await getJson(api, as(me), '/api/v1/me/profile'), { birthYear, sex: 'prefer_not_to_say' });
    });

    it('refuses a profile that cannot be right with a 400 problem', async () => {
      const me = await person(api, 'profile-bad');
      const thisYear = Number(today().slice(0, 4));
      for (const body of [{ birthYear: thisYear + 1, sex: 'female' }, { birthYear: 1850, sex: 'female' }, { birthYear: 1990, sex: 'other' }, { birthYear: 1990.5, sex: 'male' }, { sex: 'male' }, { birthYear: 1990, sex: 'male', extra: 1 }]) {
        const res = await putProfile(me, body);
        assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        assert.equal(res.json().code, 'validation_failed', res.body);
      }
      assert.deepEqual(await getJson(api, as(me), '/api/v1/me/profile'), { birthYear: null, sex: null }, 'nothing was stored');
    });

    it("reads a care-team member's benchmarks as their clinician; everyone else gets 404", async () => {
      const member = await person(api, 'bench-member');
      const clinician = await person(api, 'bench-clinician');
      const otherMember = await person(api, 'bench-other');
      const tenantId = await clinic(api, [[member, 'member'], [clinician, 'clinician'], [otherMember, 'member']], { clinician, member });
      await seeded(as(member, tenantId));
      assert.equal((await putProfile(member, { birthYear: 1980, sex: 'male' })).statusCode, 200);
      const read = await benchmarks(as(clinician, tenantId), `?userId=${member.userId}`);
      assert.equal(read.userId, member.userId);
      assert.ok(of(read, 'resting_heart_rate').percentile.ok, 'the profile holds in every tenant');
      for (const intruder of [as(otherMember, tenantId), as(clinician), as(otherMember)]) {
        const res = await api.call('GET', `/api/v1/benchmarks?userId=${member.userId}`, { token: intruder.token, tenantId: intruder.tenantId });
        assert.equal(res.statusCode, 404, res.body);
        assert.equal(res.json().code, 'not_found');
      }
    });
  });
}
