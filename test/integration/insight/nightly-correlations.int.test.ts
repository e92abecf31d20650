// The nightly sweep: the correlation reports that new data (after the day's automatic refresh)
// or an older method left behind are refreshed; the others would come out the same and are not.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nightlySchedule, refreshStaleCorrelations } from '../../../src/app/insight/correlations/nightly-correlations.ts';
import { openApi, type ApiHarness } from '../../support/api-harness.ts';
import { eventually, type Caller } from '../ingest/ingest-helpers.ts';
import { daily, flavours, lastDays, person, store, today, type Person } from './insight-helpers.ts';

const DAY_MS = 86_400_000;

for (const flavour of flavours) {
  describe(`the nightly correlation refresh on ${flavour.name}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(flavour.kind, flavour.env);
    });
    after(() => api.close());

    const as = (p: Person): Caller => ({ token: p.token });
    const computedAt = async (p: Person) => (await api.call('GET', '/api/v1/correlations', { token: p.token })).headers['last-modified'];

    /** A person with a month of steps and sleep and a report computed from it, all as of two days ago. */
    async function reportedTwoDaysAgo(label: string): Promise<Person> {
      const someone = await person(api, label);
      await store(api, as(someone), [...daily('steps', lastDays(30, (i) => 6000 + i * 50)), ...daily('sleep_duration', lastDays(30, (i) => 400 + (i % 6) * 9))]);
      const res = await api.call('POST', '/api/v1/correlations/refresh', { token: someone.token });
      assert.equal(res.statusCode, 202, res.body);
      await eventually('the first report', () => computedAt(someone));
      await api.services.tx.withSystem('test: the report and its data as of two days ago', async (sql) => {
        await sql.query(`update daily_values set updated_at = now() - interval '3 days' where user_id = $1`, [someone.userId]);
        await sql.query(`update correlation_reports set computed_at = now() - interval '2 days' where user_id = $1`, [someone.userId]);
      });
      return someone;
    }

    it('refreshes the reports whose data changed since, or whose method is older, and no other', { timeout: 120_000 }, async () => {
      const [changed, unchanged, oldMethod] = [await reportedTwoDaysAgo('nightly-changed'), await reportedTwoDaysAgo('nightly-unchanged'), await reportedTwoDaysAgo('nightly-old-method')];
      await store(api, as(changed), daily('steps', [[today(), 9000]], 'Phone'));
      await api.services.tx.withSystem('test: a report of an older method', (sql) =>
        sql.query(`update correlation_reports set version = 'correlations.earlier-method.v0' where user_id = $1`, [oldMethod.userId]),
      );
      const before = await Promise.all([changed, unchanged, oldMethod].map(computedAt));

      const queued = await refreshStaleCorrelations(api.services.insight, nightlySchedule.nextSlot(new Date()) - 1);
      const ids = new Set(queued.map((p) => p.userId));
      assert.ok(ids.has(changed.userId), 'new data since the report');
      assert.ok(ids.has(oldMethod.userId), 'an older method');
      assert.ok(!ids.has(unchanged.userId), 'nothing new: the report would come out the same');

      for (const [p, was] of [[changed, before[0]], [oldMethod, before[2]]] as const) {
        const fresh = await eventually('the nightly refresh', async () => {
          const at = await computedAt(p);
          return at !== was ? at : undefined;
        });
        assert.ok(Date.now() - Date.parse(fresh!) < DAY_MS, 'computed just now, not two days ago');
      }
      assert.equal(await computedAt(unchanged), before[1]);
    });
  });
}
