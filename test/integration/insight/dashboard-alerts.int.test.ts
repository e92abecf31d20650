// The dashboard's open-alert count: monitoring's alerts of the person, not resolved yet; the
// cached dashboard is invalidated when one opens or changes state.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import { dashboardSummary } from '../../../src/contracts/insight.ts';
import { openApi, type ApiHarness } from '../../support/api-harness.ts';
import { eventually, getJson, postSamples, type Caller } from '../ingest/ingest-helpers.ts';
import { alertsEventually, createRule, heartRates, SEED_RULE } from '../monitoring/monitoring-helpers.ts';
import { flavours, person } from './insight-helpers.ts';

type Dashboard = z.infer<typeof dashboardSummary>;

for (const flavour of flavours) {
  describe(`the dashboard's open alerts on ${flavour.name}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(flavour.kind, flavour.env);
    });
    after(() => api.close());

    const dashboard = async (caller: Caller) => dashboardSummary.parse(await getJson(api, caller, '/api/v1/dashboard/summary')) as Dashboard;

    /**
     * The step, then the dashboard once it was computed again. The invalidation follows
     * monitoring's announcement over pub/sub, so it may land a moment after the step's response;
     * well within the 5-minute TTL, which alone would never let the test see a change.
     */
    async function afterStep(caller: Caller, alertId: string, action: 'acknowledge' | 'resolve', cached: Dashboard): Promise<Dashboard> {
      const res = await api.call('POST', `/api/v1/alerts/${alertId}/${action}`, { token: caller.token });
      assert.equal(res.statusCode, 200, res.body);
      return eventually(`the dashboard after the ${action} step`, async () => {
        const summary = await dashboard(caller);
        return summary.asOf === cached.asOf ? undefined : summary;
      });
    }

    it('counts my alerts until they are resolved, and each step invalidates the cached dashboard', { timeout: 120_000 }, async () => {
      const someone = await person(api, 'dash-alerts');
      const me: Caller = { token: someone.token };
      const bystander: Caller = { token: (await person(api, 'dash-alerts-other')).token };
      await createRule(api, me, { ...SEED_RULE, scope: { userId: someone.userId } });
      assert.equal((await dashboard(me)).openAlerts, 0);
      const quiet = await dashboard(bystander);

      await postSamples(api, me, heartRates(Date.now(), -35, 0, 120));
      const [alert] = await alertsEventually(api, me);
      // Settled: counted, and served from the cache again once the alert's invalidation landed.
      const opened = await eventually('the open alert on the cached dashboard', async () => {
        const summary = await dashboard(me);
        await new Promise((resolve) => setTimeout(resolve, 100));
        return summary.openAlerts === 1 && (await dashboard(me)).asOf === summary.asOf ? summary : undefined;
      });

      const acknowledged = await afterStep(me, alert!.id, 'acknowledge', opened);
      assert.equal(acknowledged.openAlerts, 1, 'an acknowledged alert is still open');
      const resolved = await afterStep(me, alert!.id, 'resolve', acknowledged);
      assert.equal(resolved.openAlerts, 0, 'a resolved alert no longer counts');
      assert.equal((await dashboard(bystander)).asOf, quiet.asOf, 'my alerts leave the dashboards of others cached');
    });
  });
}
