// The cached dashboard follows the settings that shape a person's days: a new time zone moves
// "today" (in each of the person's tenants), a new source priority changes the daily values.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import { dashboardSummary } from '../../../src/contracts/insight.ts';
import { openApi, type ApiHarness } from '../../support/api-harness.ts';
import { eventually, getJson, type Caller } from '../ingest/ingest-helpers.ts';
import { clinic, flavours, person, store, today, untilCached } from './insight-helpers.ts';

type Dashboard = z.infer<typeof dashboardSummary>;

const HOUR_MS = 3_600_000;
const localDate = (offsetHours: number) => new Date(Date.now() + offsetHours * HOUR_MS).toISOString().slice(0, 10);

for (const flavour of flavours) {
  describe(`the cached dashboard after a settings change on ${flavour.name}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(flavour.kind, flavour.env);
    });
    after(() => api.close());

    const dashboard = async (caller: Caller) => dashboardSummary.parse(await getJson(api, caller, '/api/v1/dashboard/summary')) as Dashboard;
    const stepsToday = (summary: Dashboard) => summary.tiles.find((tile) => tile.id === 'steps')!.today.value;

    it("moves today at once in each of the person's tenants when they set a time zone", async () => {
      const member = await person(api, 'zone-member');
      const tenantId = await clinic(api, [[member, 'member'], [await person(api, 'zone-clinician'), 'clinician']], { clinician: member, member });
      const callers: Caller[] = [{ token: member.token }, { token: member.token, tenantId }];
      const cached = await Promise.all(callers.map((caller) => untilCached(() => dashboard(caller))));
      assert.equal(cached[0]!.today, today());

      // A zone whose date is not UTC's right now: 12 hours behind in the UTC morning, 14 ahead after noon.
      const [timeZone, offsetHours] = new Date().getUTCHours() < 12 ? ['Etc/GMT+12', -12] : ['Pacific/Kiritimati', 14];
      const set = await api.call('PUT', '/api/v1/me/time-zone', { token: member.token, body: { timeZone } });
      assert.equal(set.statusCode, 200, set.body);
      for (const caller of callers) {
        const moved = await eventually(`today in ${timeZone}`, async () => {
          const summary = await dashboard(caller);
          return summary.today !== cached[0]!.today ? summary : undefined;
        });
        assert.ok([localDate(offsetHours), localDate(offsetHours - 1 / 60)].includes(moved.today), `${timeZone}: ${moved.today}`);
      }
    });

    it('shows the daily values of a new source priority once they are recomputed', async () => {
      const me: Caller = { token: (await person(api, 'priority')).token };
      const day = today();
      // The same walk seen by both devices, then the watch alone (no priority: alphabetical, the watch first).
      await store(api, me, [
        { metric: 'steps', value: 900, unit: 'count', start: `${day}T00:00:00Z`, end: `${day}T00:10:00Z`, source: 'iPhone' },
        { metric: 'steps', value: 1000, unit: 'count', start: `${day}T00:00:00Z`, end: `${day}T00:10:00Z`, source: 'Apple Watch' },
        { metric: 'steps', value: 600, unit: 'count', start: `${day}T00:10:00Z`, end: `${day}T00:20:00Z`, source: 'Apple Watch' },
      ]);
      const cached = await untilCached(() => dashboard(me));
      assert.equal(stepsToday(cached), 1600);

      const put = await api.call('PUT', '/api/v1/sources/steps', { token: me.token, body: { priority: ['iPhone', 'Apple Watch'] } });
      assert.equal(put.statusCode, 202, put.body);
      const reordered = await eventually('the dashboard to follow the new priority', async () => {
        const summary = await dashboard(me);
        return stepsToday(summary) !== 1600 ? summary : undefined;
      });
      assert.equal(stepsToday(reordered), 1500, 'the phone covers the overlap, the watch the ten minutes after');
    });
  });
}
