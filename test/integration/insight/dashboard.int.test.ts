// GET /api/v1/dashboard/summary: today against the 28 days before, the week's sparklines and
// readiness, served from the cache until new samples or a journal write of the person land;
// readable by the person and their care-team clinician only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import { dashboardSummary } from '../../../src/contracts/insight.ts';
import { openApi, type ApiHarness } from '../../support/api-harness.ts';
import { eventually, getJson, type Caller } from '../ingest/ingest-helpers.ts';
import { mean } from './reference-statistics.ts';
import { clinic, flavours, daily, lastDays, person, store, today, untilCached, type Person } from './insight-helpers.ts';

type Dashboard = z.infer<typeof dashboardSummary>;

const DAYS = 40;
const series = {
  sleep_duration: (i: number) => 420 + (i % 5) * 10,
  hrv_rmssd: (i: number) => 50 + (i % 7),
  resting_heart_rate: (i: number) => 55 + (i % 3),
  steps: (i: number) => 8000 + i * 10,
};

for (const flavour of flavours) {
  describe(`dashboard on ${flavour.name}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(flavour.kind, flavour.env);
    });
    after(() => api.close());

    const as = (p: Person, tenantId?: string): Caller => ({ token: p.token, ...(tenantId ? { tenantId } : {}) });
    const dashboard = async (caller: Caller, query = '') => dashboardSummary.parse(await getJson(api, caller, `/api/v1/dashboard/summary${query}`)) as Dashboard;

    async function seeded(caller: Caller): Promise<void> {
      await store(api, caller, Object.entries(series).flatMap(([metric, value]) => daily(metric, lastDays(DAYS, value))));
    }

    it("compares today with the 28 days before it, with a week's sparkline per tile and today's readiness", async () => {
      const me = as(await person(api, 'dash-tiles'));
      await seeded(me);
      const summary = await dashboard(me);
      assert.equal(summary.today, today());
      assert.deepEqual(summary.tiles.map((t) => t.id), ['sleep_duration', 'hrv_rmssd', 'resting_heart_rate', 'steps', 'readiness']);
      for (const [metric, value] of Object.entries(series)) {
        const tile = summary.tiles.find((t) => t.id === metric)!;
        const last = DAYS - 1;
        assert.deepEqual(tile.today, { date: today(), value: value(last), state: 'ok' }, metric);
        assert.ok(tile.baseline.ok, metric);
        const before = Array.from({ length: 28 }, (_, k) => value(last - 28 + k));
        assert.ok(Math.abs(tile.baseline.mean - mean(before)) < 1e-9, `${metric} baseline mean`);
        assert.equal(tile.baseline.n, 28);
        assert.ok(tile.versusBaseline && Math.abs(tile.versusBaseline.difference - (value(last) - mean(before))) < 1e-9, metric);
        assert.deepEqual(tile.sparkline.map((d) => d.value), Array.from({ length: 7 }, (_, k) => value(last - 6 + k)), `${metric} sparkline`);
      }
      assert.ok(summary.readiness.ok, JSON.stringify(summary.readiness));
      const readinessTile = summary.tiles.find((t) => t.id === 'readiness')!;
      assert.equal(readinessTile.today.value, summary.readiness.score);
      assert.ok(readinessTile.sparkline.every((d) => d.state === 'ok'));
      assert.ok(readinessTile.baseline.ok, 'readiness has 28 scored days before today');
      assert.equal(summary.openAlerts, 0);
    });

    it("takes today as the person's local day, wherever they set their time zone", async () => {
      for (const [timeZone, offsetHours] of [['Pacific/Kiritimati', 14], ['Etc/GMT+12', -12]] as const) {
        const me = as(await person(api, 'dash-zone'));
        const set = await api.call('PUT', '/api/v1/me/time-zone', { token: me.token, body: { timeZone } });
        assert.equal(set.statusCode, 200, set.body);
        const before = new Date(Date.now() + offsetHours * 3_600_000).toISOString().slice(0, 10);
        const summary = await dashboard(me);
        const after = new Date(Date.now() + offsetHours * 3_600_000).toISOString().slice(0, 10);
        assert.ok([before, after].includes(summary.today), `${timeZone}: ${summary.today}`);
      }
    });

    it('says why where there is nothing to compare: a new person gets empty tiles and a warming-up readiness', async () => {
      const me = as(await person(api, 'dash-empty'));
      const summary = await dashboard(me);
      for (const tile of summary.tiles) {
        assert.deepEqual(tile.today, { date: today(), value: null, state: 'missing' }, tile.id);
        assert.deepEqual(tile.baseline, { ok: false, reason: 'not enough days' });
        assert.equal(tile.versusBaseline, null);
      }
      assert.deepEqual(summary.readiness, { ok: false, version: 'readiness.v1', date: today(), reason: 'warming up', nightsWithData: 0, nightsNeeded: 7 });
      assert.deepEqual(summary.insights, []);
    });

    it('serves the cache until a new sample batch or a journal write of mine lands', async () => {
      const someone = await person(api, 'dash-cache');
      const me = as(someone);
      await seeded(me);
      const first = await dashboard(me);
      const again = await dashboard(me);
      assert.equal(again.asOf, first.asOf, 'the second read is the cached one');

      await store(api, me, [{ metric: 'steps', value: 5000, unit: 'count', start: `${today()}T12:00:00Z`, end: `${today()}T12:30:00Z`, source: 'Phone' }]);
      const afterSamples = await eventually('the dashboard to see the new batch', async () => {
        const summary = await dashboard(me);
        return summary.asOf !== first.asOf ? summary : undefined;
      });
      const steps = afterSamples.tiles.find((t) => t.id === 'steps')!;
      assert.notEqual(steps.today.value, first.tiles.find((t) => t.id === 'steps')!.today.value, 'today now counts the phone too');
      if (!flavour.env.REDIS_URL) {
        const queued = await api.services.tx.withSystem('test reads the embedded queue', (sql) =>
          sql.query<{ run_at: Date }>(`select run_at from jobs where name = 'insight.refresh-correlations.v1' and payload->>'userId' = $1`, [someone.userId]),
        );
        assert.equal(queued.length, 1, 'one automatic correlation refresh, however many batches land');
        assert.ok(new Date(queued[0]!.run_at).getTime() > Date.now() + 25 * 60_000, 'later, once the rest of a sync has landed');
      }

      const written = await api.call('POST', '/api/v1/journal', { token: me.token, body: { date: today(), mood: 4 } });
      assert.equal(written.statusCode, 201);
      const afterJournal = await dashboard(me);
      assert.notEqual(afterJournal.asOf, afterSamples.asOf, 'a journal write invalidates at once');
      assert.equal((await dashboard(me)).asOf, afterJournal.asOf, 'and the next read is cached again');
    });

    it("is nobody else's: other members, other clinicians, admins and other tenants get 404, even while it is cached", async () => {
      const member = await person(api, 'dash-member');
      const clinician = await person(api, 'dash-clinician');
      const otherClinician = await person(api, 'dash-other-clinician');
      const otherMember = await person(api, 'dash-other-member');
      const admin = await person(api, 'dash-admin');
      const tenantId = await clinic(
        api,
        [[member, 'member'], [clinician, 'clinician'], [otherClinician, 'clinician'], [otherMember, 'member'], [admin, 'admin']],
        { clinician, member },
      );
      await seeded(as(member, tenantId));
      const own = await untilCached(() => dashboard(as(member, tenantId)));
      const query = `?userId=${member.userId}`;
      for (const intruder of [as(otherMember, tenantId), as(otherClinician, tenantId), as(admin, tenantId), as(clinician), as(otherMember)]) {
        const res = await api.call('GET', `/api/v1/dashboard/summary${query}`, { token: intruder.token, tenantId: intruder.tenantId });
        assert.equal(res.statusCode, 404, res.body);
        assert.equal(res.json().code, 'not_found');
      }
      const atHome = await dashboard(as(member));
      assert.ok(atHome.tiles.every((t) => t.today.state === 'missing'), "the clinic's data stays in the clinic");

      const audits = async () =>
        api.services.tx.withSystem('test counts audit entries', async (sql) =>
          Number((await sql.query<{ n: string }>(`select count(*) as n from audit_log where tenant_id = $1 and action = 'health_data.read' and target_id = $2`, [tenantId, member.userId]))[0]!.n),
        );
      const auditsBefore = await audits();
      const read = await dashboard(as(clinician, tenantId), query);
      assert.equal(read.asOf, own.asOf, "the clinician sees the member's (cached) dashboard");
      assert.equal(await audits(), auditsBefore + 1, 'the read is audited, cache hit or not');
      const bad = await api.call('GET', '/api/v1/dashboard/summary?userId=nobody', { token: clinician.token, tenantId });
      assert.equal(bad.statusCode, 400, bad.body);
    });
  });
}
