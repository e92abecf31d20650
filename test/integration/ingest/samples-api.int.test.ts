// Samples through the real API and queue worker: raw first, normalized by a job, read back at
// full resolution and per local day, on PGlite and (when configured) Postgres.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { events } from '../../../src/contracts/events.ts';
import { openApi, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { serviceSetups } from '../../support/databases.ts';
import { daily, eventually, getJson, normalized, postSamples, samplesUrl, type Caller, type SampleItem } from './ingest-helpers.ts';

const email = (label: string) => `${label}-${uuidv7().slice(-12)}@example.test`;

/** Each database; and Postgres with Redis (BullMQ jobs, Redis pub/sub) when both are configured. */
const setups = serviceSetups('ingest');

for (const { kind, label, env } of setups) {
  describe(`samples API on ${label}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(kind, env());
    });
    after(() => api.close());

    const person = async (label: string): Promise<Caller & { userId: string; tenantId: string }> => {
      const p = await signUpVerified(api, email(label));
      return { token: p.accessToken, tenantId: p.tenantId, userId: p.userId };
    };
    const count = (table: string, userId: string) =>
      api.services.tx.withSystem('test counts rows', async (sql) =>
        Number((await sql.query<{ n: string }>(`select count(*) as n from ${table} where user_id = $1`, [userId]))[0]!.n),
      );

    it('stores a batch at once (202), normalizes it in a job, and shows it; samples.ingested names what changed', async () => {
      const me = await person('first');
      const heard: unknown[] = [];
      const unsubscribe = await api.services.pubsub.subscribe('samples.ingested', (message) => heard.push(message));
      try {
        const receipt = await postSamples(api, me, [
          { metric: 'heart_rate', value: 61, unit: 'count/min', start: '2024-05-01T08:00:00+02:00', source: 'Apple Watch', device: 'Apple Watch Series 9' },
          { metric: 'heart_rate', value: 64, unit: 'count/min', start: '2024-05-01T08:01:00+02:00', source: 'Apple Watch' },
          { metric: 'weight', value: 165, unit: 'lb', start: '2024-05-01T07:30:00+02:00', source: 'Withings' },
        ]);
        assert.equal(receipt.accepted, 3);
        assert.equal(receipt.duplicate, false);

        const status = await normalized(api, me, receipt.rawId);
        assert.deepEqual({ state: status.state, stored: status.stored, rejected: status.rejected, samples: status.samples }, { state: 'normalized', stored: 3, rejected: 0, samples: 3 });

        const hr = await getJson<{ items: SampleItem[]; next: string | null }>(api, me, samplesUrl('heart_rate', '2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z'));
        assert.deepEqual(hr, {
          items: [
            { start: '2024-05-01T06:00:00.000Z', value: 61, unit: '/min', source: 'Apple Watch' },
            { start: '2024-05-01T06:01:00.000Z', value: 64, unit: '/min', source: 'Apple Watch' },
          ],
          next: null,
        });
        const weight = await daily(api, me, 'weight', '2024-05-01', '2024-05-01');
        assert.equal(weight.unit, 'kg');
        assert.equal(weight.days.length, 1);
        assert.ok(Math.abs(weight.days[0]!.value - 74.843) < 0.001, `165 lb in kg: ${weight.days[0]!.value}`);

        const event = await eventually('samples.ingested', async () => heard[0]);
        const parsed = events['samples.ingested'].parse(event);
        assert.deepEqual(parsed, {
          tenantId: me.tenantId,
          userId: me.userId,
          metrics: ['heart_rate', 'weight'],
          from: '2024-05-01T05:30:00.000Z',
          to: '2024-05-01T06:01:00.000Z',
        });
      } finally {
        await unsubscribe();
      }
    });

    it('the same batch again changes nothing: with its idempotency key it is the same batch, without it every sample is already stored', async () => {
      const me = await person('twice');
      const samples = Array.from({ length: 50 }, (_, i) => ({
        metric: 'steps',
        value: 100 + i,
        unit: 'count',
        start: new Date(Date.UTC(2024, 4, 2, 8, i * 10)).toISOString(),
        end: new Date(Date.UTC(2024, 4, 2, 8, i * 10 + 10)).toISOString(),
        source: 'iPhone',
      }));
      const first = await postSamples(api, me, samples, 'batch-2024-05-02');
      await normalized(api, me, first.rawId);
      const before = { samples: await count('samples', me.userId), days: await daily(api, me, 'steps', '2024-05-01', '2024-05-04') };

      const again = await postSamples(api, me, samples, 'batch-2024-05-02');
      assert.deepEqual(again, { rawId: first.rawId, accepted: 50, duplicate: true });
      assert.equal(await count('raw_payloads', me.userId), 1);

      const resent = await postSamples(api, me, samples);
      assert.notEqual(resent.rawId, first.rawId);
      const status = await normalized(api, me, resent.rawId);
      assert.deepEqual({ stored: status.stored, unchanged: status.unchanged }, { stored: 0, unchanged: 50 });
      assert.equal(await count('samples', me.userId), before.samples);
      assert.equal(before.samples, 50);
      assert.deepEqual(await daily(api, me, 'steps', '2024-05-01', '2024-05-04'), before.days);
      assert.equal(before.days.days[0]!.value, samples.reduce((sum, s) => sum + s.value, 0));

      // The same key for other samples is a client bug, not a retry.
      const reused = await api.call('POST', '/api/v1/samples', { token: me.token, body: { samples: samples.slice(1), idempotencyKey: 'batch-2024-05-02' } });
      assert.equal(reused.statusCode, 409, reused.body);
    });

    it('counts steps recorded by both an iPhone and an Apple Watch once, shows where they came from, and follows a new priority', async () => {
      const me = await person('steps');
      const receipt = await postSamples(api, me, [
        // The same walk seen by both devices, then the watch alone.
        { metric: 'steps', value: 900, unit: 'count', start: '2024-05-03T10:00:00Z', end: '2024-05-03T10:10:00Z', source: 'iPhone', device: 'iPhone 15' },
        { metric: 'steps', value: 1000, unit: 'count', start: '2024-05-03T10:00:00Z', end: '2024-05-03T10:10:00Z', source: 'Apple Watch', device: 'Watch7,1' },
        { metric: 'steps', value: 600, unit: 'count', start: '2024-05-03T10:10:00Z', end: '2024-05-03T10:20:00Z', source: 'Apple Watch' },
      ]);
      await normalized(api, me, receipt.rawId);

      // No priority set: sources rank alphabetically, so the watch covers the overlap.
      const [day] = (await daily(api, me, 'steps', '2024-05-03', '2024-05-03')).days;
      assert.equal(day!.value, 1600);
      assert.deepEqual(
        day!.sources.map((s) => ({ source: s.source, total: s.total, contributed: s.contributed, used: s.used })),
        [
          { source: 'Apple Watch', total: 1600, contributed: 1600, used: true },
          { source: 'iPhone', total: 900, contributed: 0, used: false },
        ],
      );
      const sources = await getJson<{ metrics: Array<{ metric: string; sources: string[]; priority: string[]; effective: string[] }> }>(api, me, '/api/v1/sources');
      assert.deepEqual(sources.metrics.find((m) => m.metric === 'steps'), { metric: 'steps', unit: '{steps}', sources: ['Apple Watch', 'iPhone'], priority: [], effective: ['Apple Watch', 'iPhone'] });

      const put = await api.call('PUT', '/api/v1/sources/steps', { token: me.token, body: { priority: ['iPhone', 'Apple Watch'] } });
      assert.equal(put.statusCode, 202, put.body);
      assert.deepEqual(put.json().effective, ['iPhone', 'Apple Watch']);
      // The phone now covers the overlap; the watch fills the ten minutes the phone missed.
      const reordered = await eventually('the daily value to follow the new priority', async () => {
        const [d] = (await daily(api, me, 'steps', '2024-05-03', '2024-05-03')).days;
        return d && d.value !== 1600 ? d : undefined;
      });
      assert.equal(reordered.value, 1500);
      assert.deepEqual(
        reordered.sources.map((s) => ({ source: s.source, contributed: s.contributed })),
        [
          { source: 'iPhone', contributed: 900 },
          { source: 'Apple Watch', contributed: 600 },
        ],
      );
      assert.equal((await api.call('PUT', '/api/v1/sources/no_such_metric', { token: me.token, body: { priority: ['x'] } })).statusCode, 404);
    });

    it('keeps the newest revision: an older one is ignored, a newer one replaces it (across days, and under an external id that moved its start)', async () => {
      const me = await person('revisions');
      const send = async (samples: object[]) => normalized(api, me, (await postSamples(api, me, samples)).rawId);
      const weight = (value: number, recordedAt: string, extra: object = {}) => ({
        metric: 'weight',
        value,
        unit: 'kg',
        start: '2024-05-12T23:30:00Z',
        source: 'Scale',
        recordedAt,
        ...extra,
      });
      await send([weight(80, '2024-05-12T23:31:00Z', { utcOffsetMinutes: 0 })]);
      assert.deepEqual((await send([weight(81, '2024-05-12T23:30:30Z', { utcOffsetMinutes: 0 })])).stored, 0);
      assert.deepEqual((await daily(api, me, 'weight', '2024-05-12', '2024-05-13')).days.map((d) => [d.date, d.value]), [['2024-05-12', 80]]);
      // The newer revision says the scale was two hours east of UTC: the reading moves to the next local day.
      assert.deepEqual((await send([weight(82, '2024-05-13T08:00:00Z', { utcOffsetMinutes: 120 })])).stored, 1);
      assert.deepEqual((await daily(api, me, 'weight', '2024-05-12', '2024-05-13')).days.map((d) => [d.date, d.value]), [['2024-05-13', 82]]);

      const night = (start: string, value: number, recordedAt: string) => ({
        metric: 'sleep_session',
        value,
        unit: 'min',
        start,
        end: '2024-05-11T07:00:00+02:00',
        source: 'Oura',
        externalId: 'night-2024-05-11',
        recordedAt,
      });
      await send([night('2024-05-10T23:00:00+02:00', 420, '2024-05-11T07:05:00Z')]);
      // Re-scored later under the same id, with a later start: one night, the new one.
      const rescored = await send([night('2024-05-10T23:30:00+02:00', 400, '2024-05-11T12:00:00Z')]);
      assert.deepEqual({ stored: rescored.stored, superseded: rescored.superseded }, { stored: 1, superseded: 0 });
      // The first scoring sent again is older than what is stored: dropped.
      const stale = await send([night('2024-05-10T23:00:00+02:00', 420, '2024-05-11T07:05:00Z')]);
      assert.deepEqual({ stored: stale.stored, superseded: stale.superseded }, { stored: 0, superseded: 1 });
      const nights = await getJson<{ items: SampleItem[] }>(api, me, samplesUrl('sleep_session', '2024-05-10T00:00:00Z', '2024-05-12T00:00:00Z'));
      assert.deepEqual(
        nights.items.map((i) => [i.start, i.value]),
        [['2024-05-10T21:30:00.000Z', 400]],
      );
      assert.deepEqual((await daily(api, me, 'sleep_session', '2024-05-10', '2024-05-12')).days.map((d) => [d.date, d.value]), [['2024-05-11', 400]]);
    });

    it('puts a night that spans midnight on the morning it ends', async () => {
      const me = await person('sleep');
      const stage = (value: string, start: string, end: string) => ({ metric: 'sleep_stage', value, start, end, source: 'Apple Watch' });
      const receipt = await postSamples(api, me, [
        stage('in_bed', '2024-03-09T22:50:00+01:00', '2024-03-09T23:10:00+01:00'),
        stage('core', '2024-03-09T23:10:00+01:00', '2024-03-10T00:30:00+01:00'),
        stage('deep', '2024-03-10T00:30:00+01:00', '2024-03-10T01:30:00+01:00'),
        stage('rem', '2024-03-10T01:30:00+01:00', '2024-03-10T02:30:00+01:00'),
        stage('core', '2024-03-10T02:30:00+01:00', '2024-03-10T06:55:00+01:00'),
      ]);
      await normalized(api, me, receipt.rawId);
      const nights = await daily(api, me, 'sleep_stage', '2024-03-08', '2024-03-11');
      assert.deepEqual(
        nights.days.map((d) => d.date),
        ['2024-03-10'],
      );
      const night = nights.days[0]!;
      assert.equal(night.value, 80 + 60 + 60 + 265);
      assert.equal(night.byCategory?.in_bed, 485);
      assert.equal(night.byCategory?.deep, 60);
      const stages = await getJson<{ items: SampleItem[] }>(api, me, samplesUrl('sleep_stage', '2024-03-09T00:00:00Z', '2024-03-11T00:00:00Z'));
      assert.deepEqual(stages.items[0], { start: '2024-03-09T21:50:00.000Z', end: '2024-03-09T22:10:00.000Z', value: 20, unit: 'min', source: 'Apple Watch', category: 'in_bed' });
    });

    it('skips a bad sample with its record number and reason, and stores the rest of the batch', async () => {
      const me = await person('bad');
      const receipt = await postSamples(api, me, [
        { metric: 'heart_rate', value: 58, unit: 'count/min', start: '2024-05-04T06:00:00Z', source: 'Oura' },
        { metric: 'heart_rate', value: 880, unit: 'count/min', start: '2024-05-04T06:05:00Z', source: 'Oura' },
        { metric: 'weight', value: 70, unit: 'stone-ish', start: '2024-05-04T06:10:00Z', source: 'Scale' },
        { metric: 'vibes', value: 3, start: '2024-05-04T06:10:00Z', source: 'Scale' },
        { metric: 'heart_rate', value: 60, unit: 'count/min', start: '2024-05-04T06:10:00Z', source: 'Oura' },
      ]);
      const status = await normalized(api, me, receipt.rawId);
      assert.equal(status.state, 'normalized');
      assert.deepEqual({ stored: status.stored, rejected: status.rejected }, { stored: 2, rejected: 3 });
      assert.deepEqual(
        status.rejections.map((r) => ({ record: r.record, field: r.field, code: r.code })),
        [
          { record: 2, field: 'value', code: 'implausible_value' },
          { record: 3, field: 'unit', code: 'unknown_unit' },
          { record: 4, field: 'metric', code: 'unknown_metric' },
        ],
      );
      assert.match(status.rejections[0]!.reason, /880/);
      const hr = await getJson<{ items: SampleItem[] }>(api, me, samplesUrl('heart_rate', '2024-05-04T00:00:00Z', '2024-05-05T00:00:00Z'));
      assert.deepEqual(
        hr.items.map((i) => i.value),
        [58, 60],
      );
    });

    it("takes a workout's activity and statistics and an HRV reading's beats as details, in canonical units, and refuses details a metric does not carry", async () => {
      const me = await person('details');
      const receipt = await postSamples(api, me, [
        {
          metric: 'workout', value: 'running', start: '2024-05-04T06:00:00Z', end: '2024-05-04T06:45:00Z', source: 'Strava',
          details: { activityName: 'Morning Run', statistics: { activeEnergy: { value: 2092, unit: 'kJ' }, distance: { value: 5, unit: 'mi' } } },
        },
        { metric: 'hrv_rmssd', value: 41, unit: 'ms', start: '2024-05-04T06:50:00Z', source: 'Strava', details: { activityName: 'Morning Run' } },
        { metric: 'workout', value: 'running', start: '2024-05-04T07:00:00Z', end: '2024-05-04T07:10:00Z', source: 'Strava', details: { statistics: { distance: { value: 5, unit: 'furlong' } } } },
        {
          metric: 'hrv_sdnn', value: 48, unit: 'ms', start: '2024-05-04T06:50:00Z', end: '2024-05-04T06:51:00Z', source: 'Watch',
          details: { beats: [{ t: '2024-05-04T06:50:01.000Z', bpm: 61 }, { t: '2024-05-04T06:50:02.000Z', bpm: 63 }] },
        },
      ]);
      const status = await normalized(api, me, receipt.rawId);
      assert.deepEqual({ stored: status.stored, rejected: status.rejected }, { stored: 2, rejected: 2 });
      assert.deepEqual(
        status.rejections.map((r) => ({ record: r.record, field: r.field })),
        [
          { record: 2, field: 'details' },
          { record: 3, field: 'details.statistics.distance.unit' },
        ],
      );
      type Detailed = SampleItem & { activityName?: string; statistics?: Record<string, { value: number; unit: string }>; beats?: Array<{ t: string; bpm: number }> };
      const [workout] = (await getJson<{ items: Detailed[] }>(api, me, samplesUrl('workout', '2024-05-04T00:00:00Z', '2024-05-05T00:00:00Z'))).items;
      assert.equal(workout!.category, 'running');
      assert.equal(workout!.value, 45);
      assert.equal(workout!.activityName, 'Morning Run');
      assert.deepEqual(workout!.statistics!.activeEnergy!.unit, 'kcal');
      assert.ok(Math.abs(workout!.statistics!.activeEnergy!.value - 2092 / 4.184) < 0.01);
      assert.ok(Math.abs(workout!.statistics!.distance!.value - 5 * 1609.344) < 0.01);
      const [hrv] = (await getJson<{ items: Detailed[] }>(api, me, samplesUrl('hrv_sdnn', '2024-05-04T00:00:00Z', '2024-05-05T00:00:00Z'))).items;
      assert.deepEqual(hrv!.beats, [
        { t: '2024-05-04T06:50:01.000Z', bpm: 61 },
        { t: '2024-05-04T06:50:02.000Z', bpm: 63 },
      ]);
    });

    it('places timestamps without an offset on the local day of the time zone I set', async () => {
      const me = await person('zone');
      const bad = await api.call('PUT', '/api/v1/me/time-zone', { token: me.token, body: { timeZone: 'Mars/Olympus_Mons' } });
      assert.equal(bad.statusCode, 400, bad.body);
      const set = await api.call('PUT', '/api/v1/me/time-zone', { token: me.token, body: { timeZone: 'america/new_york' } });
      assert.deepEqual(set.json(), { timeZone: 'America/New_York' });

      const receipt = await postSamples(api, me, [{ metric: 'steps', value: 500, unit: 'count', start: '2024-03-10T23:30:00', end: '2024-03-10T23:40:00', source: 'Fitbit' }]);
      await normalized(api, me, receipt.rawId);
      const items = await getJson<{ items: SampleItem[] }>(api, me, samplesUrl('steps', '2024-03-10T00:00:00Z', '2024-03-12T00:00:00Z'));
      assert.equal(items.items[0]!.start, '2024-03-11T03:30:00.000Z');
      const days = await daily(api, me, 'steps', '2024-03-09', '2024-03-12');
      assert.deepEqual(
        days.days.map((d) => [d.date, d.value]),
        [['2024-03-10', 500]],
      );
    });

    it('pages samples by start with a cursor, and refuses a cursor it did not give', async () => {
      const me = await person('pages');
      const receipt = await postSamples(
        api,
        me,
        Array.from({ length: 5 }, (_, i) => ({ metric: 'respiratory_rate', value: 14 + i, unit: '/min', start: `2024-05-05T0${i}:00:00Z`, source: 'Oura' })),
      );
      await normalized(api, me, receipt.rawId);
      const seen: number[] = [];
      let url = samplesUrl('respiratory_rate', '2024-05-05T00:00:00Z', '2024-05-06T00:00:00Z', { limit: '2' });
      for (let pages = 1; ; pages += 1) {
        const page = await getJson<{ items: SampleItem[]; next: string | null }>(api, me, url);
        seen.push(...page.items.map((i) => i.value));
        if (!page.next) {
          assert.equal(pages, 3);
          break;
        }
        url = samplesUrl('respiratory_rate', '2024-05-05T00:00:00Z', '2024-05-06T00:00:00Z', { limit: '2', cursor: page.next });
      }
      assert.deepEqual(seen, [14, 15, 16, 17, 18]);
      await getJson(api, me, samplesUrl('respiratory_rate', '2024-05-05T00:00:00Z', '2024-05-06T00:00:00Z', { cursor: 'bm90IGEgY3Vyc29y' }), 400);
      await getJson(api, me, samplesUrl('respiratory_rate', '2024-05-06T00:00:00Z', '2024-05-05T00:00:00Z'), 400);
      await getJson(api, me, samplesUrl('no_such_metric', '2024-05-05T00:00:00Z', '2024-05-06T00:00:00Z'), 400);
    });

    it('refuses a batch over the limit, and an unknown field, before storing anything', async () => {
      const me = await person('limits');
      const sample = { metric: 'heart_rate', value: 60, unit: 'count/min', start: '2024-05-06T00:00:00Z', source: 'Oura' };
      const tooMany = await api.call('POST', '/api/v1/samples', { token: me.token, body: { samples: Array.from({ length: 5001 }, () => sample) } });
      assert.equal(tooMany.statusCode, 400, tooMany.body.slice(0, 300));
      const typo = await api.call('POST', '/api/v1/samples', { token: me.token, body: { samples: [{ ...sample, startTime: sample.start }] } });
      assert.equal(typo.statusCode, 400);
      const empty = await api.call('POST', '/api/v1/samples', { token: me.token, body: { samples: [] } });
      assert.equal(empty.statusCode, 400);
      assert.equal(await count('raw_payloads', me.userId), 0);
    });
  });
}
