// Trends, scores, forecasts, risk flags and streaks through the API, each checked against
// values computed here from what was sent; bad parameters get a 400, anyone but the person
// and their care-team clinician a 404.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import type * as c from '../../../src/contracts/insight.ts';
import { openApi, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds } from '../../support/databases.ts';
import { getJson, type Caller } from '../ingest/ingest-helpers.ts';
import { mean } from './reference-statistics.ts';
import { clinic, daily, daysAgo, lastDays, person, store, today, type Person } from './insight-helpers.ts';

const DAYS = 60;
/** A steady person who falls ill over the last two days: resting HR up 8 bpm, HRV down by a third. */
const restingHeartRate = (i: number) => (i >= DAYS - 2 ? 64 : 55 + (i % 3));
const hrv = (i: number) => (i >= DAYS - 2 ? 35 : 50 + (i % 7));
const sleep = (i: number) => 450 + (i % 4) * 5;
const steps = (i: number) => 9000 + (i % 10) * 100;
/** Weighed on the last 10 days, losing 0.1 kg a day. */
const weight = (i: number) => 80 - 0.1 * i;

for (const kind of databaseKinds) {
  describe(`insight routes on ${kind}`, () => {
    let api: ApiHarness;
    let me: Person;
    before(async () => {
      api = await openApi(kind);
      me = await person(api, 'analytics');
      await store(api, { token: me.token }, [
        ...daily('resting_heart_rate', lastDays(DAYS, restingHeartRate)),
        ...daily('hrv_rmssd', lastDays(DAYS, hrv)),
        ...daily('sleep_duration', lastDays(DAYS, sleep)),
        ...daily('steps', lastDays(DAYS, steps)),
        ...daily('weight', lastDays(10, weight)),
        ...daily('oura_readiness_score', lastDays(3, (i) => 70 + i), 'Oura'),
      ]);
    });
    after(() => api.close());

    const mine = (): Caller => ({ token: me.token });

    it('trends: the window, its baseline band per day, and the change against the window before', async () => {
      const trend = await getJson<z.infer<typeof c.trendResponse>>(api, mine(), '/api/v1/trends?metric=steps&window=7d');
      assert.equal(trend.metric, 'steps');
      assert.equal(trend.unit, '{steps}');
      assert.deepEqual(trend.days.map((d) => d.date), Array.from({ length: 7 }, (_, k) => daysAgo(6 - k)));
      assert.deepEqual(trend.days.map((d) => d.value), Array.from({ length: 7 }, (_, k) => steps(DAYS - 7 + k)));
      const current = Array.from({ length: 7 }, (_, k) => steps(DAYS - 7 + k));
      const previous = Array.from({ length: 7 }, (_, k) => steps(DAYS - 14 + k));
      assert.ok(trend.current.ok && Math.abs(trend.current.mean - mean(current)) < 1e-9);
      assert.ok(trend.previous.ok && Math.abs(trend.previous.mean - mean(previous)) < 1e-9);
      assert.ok(trend.change.ok && Math.abs(trend.change.difference - (mean(current) - mean(previous))) < 1e-9);
      const lastBaseline = trend.days[6]!.baseline;
      assert.ok(lastBaseline.ok && Math.abs(lastBaseline.mean - mean(Array.from({ length: 28 }, (_, k) => steps(DAYS - 29 + k)))) < 1e-9);
      for (const window of ['30d', '90d', '1y']) {
        const longer = await getJson<z.infer<typeof c.trendResponse>>(api, mine(), `/api/v1/trends?metric=resting_heart_rate&window=${window}`);
        assert.equal(longer.days.length, { '30d': 30, '90d': 90, '1y': 365 }[window]);
        assert.equal(longer.days.filter((d) => d.state === 'ok').length, Math.min(DAYS, longer.days.length));
      }
      const empty = await getJson<z.infer<typeof c.trendResponse>>(api, mine(), '/api/v1/trends?metric=spo2&window=7d');
      assert.deepEqual(empty.change, { ok: false, reason: 'too few values' }, 'no data says why instead of a number');
    });

    it('scores: readiness and sleep per day with their components, and vendor scores beside them', async () => {
      const scores = await getJson<z.infer<typeof c.scoresResponse>>(api, mine(), '/api/v1/scores');
      assert.equal(scores.to, today());
      assert.equal(scores.from, daysAgo(29));
      assert.equal(scores.readiness.length, 30);
      assert.equal(scores.sleep.length, 30);
      const todayReadiness = scores.readiness[29]!;
      assert.ok(todayReadiness.ok, JSON.stringify(todayReadiness));
      assert.deepEqual(todayReadiness.components.map((k) => k.id), ['hrv_rmssd', 'resting_heart_rate', 'sleep_duration', 'previous_day_steps']);
      const steadyDay = scores.readiness[20]!;
      assert.ok(steadyDay.ok && todayReadiness.score < steadyDay.score, 'falling ill lowers readiness');
      assert.ok(scores.sleep.every((s) => s.ok));
      assert.deepEqual(scores.vendor, [{ metric: 'oura_readiness_score', vendor: 'oura', unit: '{score}', days: lastDays(3, (i) => 70 + i).map(([date, value]) => ({ date, value })) }]);

      const early = await getJson<z.infer<typeof c.scoresResponse>>(api, mine(), `/api/v1/scores?from=${daysAgo(DAYS + 1)}&to=${daysAgo(DAYS - 3)}`);
      assert.deepEqual(early.readiness.map((s) => (s.ok ? 'ok' : s.reason)), ['warming up', 'warming up', 'warming up', 'warming up', 'warming up']);
    });

    it('forecasts: the next 7 days with intervals, or how much data is missing', async () => {
      const { forecasts } = await getJson<z.infer<typeof c.forecastsResponse>>(api, mine(), '/api/v1/forecasts');
      assert.deepEqual(forecasts.map((f) => f.metric), ['weight', 'resting_heart_rate', 'hrv_rmssd', 'sleep_duration']);
      const weightForecast = forecasts[0]!;
      assert.ok(weightForecast.ok);
      assert.equal(weightForecast.n, 10);
      assert.ok(Math.abs(weightForecast.slopePerDay + 0.1) < 1e-9, 'the exact line through the weigh-ins');
      assert.deepEqual(weightForecast.days.map((d) => d.date), Array.from({ length: 7 }, (_, k) => daysAgo(-(k + 1))));
      assert.ok(weightForecast.days.every((d) => d.low <= d.value && d.value <= d.high));
      const newcomer = await person(api, 'analytics-newcomer');
      const none = await getJson<z.infer<typeof c.forecastsResponse>>(api, { token: newcomer.token }, '/api/v1/forecasts?metric=hrv_rmssd');
      assert.deepEqual(none.forecasts, [{ ok: false, metric: 'hrv_rmssd', reason: 'not enough data', have: 0, need: 14 }]);
    });

    it('risks: the illness-onset pattern of the last two days is raised, with the days behind it', async () => {
      const risks = await getJson<z.infer<typeof c.risksResponse>>(api, mine(), '/api/v1/risks');
      assert.equal(risks.date, today());
      const illness = risks.checks.illnessOnset;
      assert.ok(illness.raised, JSON.stringify(illness));
      assert.deepEqual(illness.flag.days, [daysAgo(1), today()]);
      assert.match(illness.flag.sentence, /resting heart rate has been at least \d+ bpm above/);
      assert.deepEqual(risks.checks.sleepDebt, { raised: false, reason: 'within normal range' });
      const newcomer = await person(api, 'analytics-no-risk');
      const none = await getJson<z.infer<typeof c.risksResponse>>(api, { token: newcomer.token }, '/api/v1/risks');
      assert.deepEqual(Object.values(none.checks), Array(3).fill({ raised: false, reason: 'not enough data' }));
    });

    it('streaks: runs of logged days, not-worn days shown and breaking a run', async () => {
      const logger = await person(api, 'analytics-streaks');
      await store(api, { token: logger.token }, [
        ...daily('steps', [11, 10, 9, 8, 7, 6, 4, 3, 2, 1, 0].map((n) => [daysAgo(n), 6000] as const)),
        { metric: 'steps', value: 0, unit: 'count', start: daysAgo(5), source: 'Test Ring', notWorn: true },
      ]);
      const streaks = await getJson<z.infer<typeof c.streaksResponse>>(api, { token: logger.token }, '/api/v1/streaks');
      assert.deepEqual(streaks.current, { days: 5, from: daysAgo(4), to: today() });
      assert.deepEqual(streaks.longest, { days: 6, from: daysAgo(11), to: daysAgo(6) });
      assert.equal(streaks.calendar.length, 90);
      const state = (date: string) => streaks.calendar.find((d) => d.date === date)?.state;
      assert.equal(state(daysAgo(5)), 'not_worn');
      assert.equal(state(daysAgo(12)), 'missing');
      assert.equal(state(today()), 'ok');
    });

    it('says why where a statistic does not exist: a constant series, a single day', async () => {
      const steady = await person(api, 'analytics-steady');
      await store(api, { token: steady.token }, [...daily('steps', lastDays(20, () => 7000)), ...daily('weight', lastDays(1, () => 70))]);
      const trend = await getJson<z.infer<typeof c.trendResponse>>(api, { token: steady.token }, '/api/v1/trends?metric=steps&window=7d');
      assert.deepEqual(trend.change, { ok: false, reason: 'no variance' });
      assert.ok(trend.days.every((d) => d.baseline.ok && d.baseline.sd === 0));
      const { forecasts } = await getJson<z.infer<typeof c.forecastsResponse>>(api, { token: steady.token }, '/api/v1/forecasts?metric=weight');
      assert.deepEqual(forecasts, [{ ok: false, metric: 'weight', reason: 'not enough data', have: 1, need: 6 }]);
      const summary = await getJson<z.infer<typeof c.dashboardSummary>>(api, { token: steady.token }, '/api/v1/dashboard/summary');
      const steps = summary.tiles.find((t) => t.id === 'steps')!;
      assert.deepEqual(steps.versusBaseline, { difference: 0, relative: 0, withinBand: true }, 'no z against a baseline without spread');
    });

    it('refuses bad parameters with a 400 problem', async () => {
      for (const url of [
        '/api/v1/trends?metric=unicorns&window=7d',
        '/api/v1/trends?metric=steps&window=2w',
        '/api/v1/trends?window=7d',
        '/api/v1/scores?from=2024-02-30',
        '/api/v1/scores?from=2024-03-10&to=2024-03-01',
        '/api/v1/scores?from=2020-01-01&to=2024-01-01',
        '/api/v1/scores?to=yesterday',
        '/api/v1/forecasts?metric=steps',
        '/api/v1/correlations?outcome=happiness',
        '/api/v1/risks?userId=42',
      ]) {
        const res = await api.call('GET', url, { token: me.token });
        assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
        assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      }
    });

    it("reads a care-team member's insight as their clinician; everyone else gets 404", async () => {
      const member = await person(api, 'analytics-member');
      const clinician = await person(api, 'analytics-clinician');
      const otherMember = await person(api, 'analytics-other');
      const tenantId = await clinic(api, [[member, 'member'], [clinician, 'clinician'], [otherMember, 'member']], { clinician, member });
      await store(api, { token: member.token, tenantId }, daily('steps', lastDays(3, () => 7000)));
      const urls = [
        '/api/v1/dashboard/summary',
        '/api/v1/trends?metric=steps&window=7d',
        '/api/v1/scores',
        '/api/v1/forecasts',
        '/api/v1/risks',
        '/api/v1/streaks',
        '/api/v1/correlations',
      ];
      for (const url of urls) {
        const asMember = `${url}${url.includes('?') ? '&' : '?'}userId=${member.userId}`;
        const read = await api.call('GET', asMember, { token: clinician.token, tenantId });
        assert.equal(read.statusCode, 200, `${url} as the clinician: ${read.body}`);
        for (const intruder of [{ token: otherMember.token, tenantId }, { token: clinician.token }, { token: me.token }]) {
          const res = await api.call('GET', asMember, intruder);
          assert.equal(res.statusCode, 404, `${url}: ${res.body}`);
          assert.equal(res.json().code, 'not_found');
        }
      }
      const streaks = await getJson<z.infer<typeof c.streaksResponse>>(api, { token: clinician.token, tenantId }, `/api/v1/streaks?userId=${member.userId}`);
      assert.deepEqual(streaks.current, { days: 3, from: daysAgo(2), to: today() });
    });
  });
}
