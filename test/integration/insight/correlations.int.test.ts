// Correlations: computed by a job (asked for with POST /correlations/refresh), stored, listed
// per outcome, each finding checked against statistics computed here from what was sent.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import type * as c from '../../../src/contracts/insight.ts';
import { openApi, type ApiHarness } from '../../support/api-harness.ts';
import { eventually, getJson, type Caller } from '../ingest/ingest-helpers.ts';
import { clinic, flavours, daily, lastDays, person, store, type Person } from './insight-helpers.ts';
import { mean, spearmanRho } from './reference-statistics.ts';

type Finding = z.infer<typeof c.correlationFinding>;

const DAYS = 40;
/** A shuffled spread of step counts, and sleep that follows them (with a little wobble). */
const steps = (i: number) => 5000 + ((i * 37) % DAYS) * 100;
const sleep = (i: number) => 360 + steps(i) / 100 + (i % 7) * 3;
/** Alcohol every fourth evening; HRV the next morning drops by 12 ms. */
const alcohol = (i: number) => i % 4 === 0;
const hrv = (i: number) => 55 + (i % 5) - (i > 0 && alcohol(i - 1) ? 12 : 0);

for (const flavour of flavours) {
  describe(`correlations on ${flavour.name}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(flavour.kind, flavour.env);
    });
    after(() => api.close());

    async function journalEveryDay(caller: Caller): Promise<void> {
      for (const [i, [date]] of lastDays(DAYS, () => 0).entries()) {
        const body = { date, mood: 3 + (i % 3), ...(alcohol(i) ? { tags: ['alcohol'] } : {}) };
        const res = await api.call('POST', '/api/v1/journal', { token: caller.token, tenantId: caller.tenantId, body });
        assert.equal(res.statusCode, 201, res.body);
      }
    }

    async function refreshed(caller: Caller, query = ''): Promise<Finding[]> {
      const res = await api.call('POST', `/api/v1/correlations/refresh${query}`, { token: caller.token, tenantId: caller.tenantId });
      assert.equal(res.statusCode, 202, res.body);
      return eventually('the correlation job', async () => {
        const list = await api.call('GET', `/api/v1/correlations${query}`, { token: caller.token, tenantId: caller.tenantId });
        return list.headers['last-modified'] ? (list.json() as Finding[]) : undefined;
      });
    }

    it('finds what moves sleep and HRV, each finding as the statistics computed here say', async () => {
      const me: Caller = { token: (await person(api, 'correlations')).token };
      assert.deepEqual(await getJson(api, me, '/api/v1/correlations'), [], 'nothing before the first run');
      await store(api, me, [...daily('steps', lastDays(DAYS, steps)), ...daily('sleep_duration', lastDays(DAYS, sleep)), ...daily('hrv_rmssd', lastDays(DAYS, hrv))]);
      await journalEveryDay(me);
      const findings = await refreshed(me);

      const stepsSleep = findings.find((f) => f.driver === 'steps' && f.outcome === 'sleep_duration' && f.lag === 0)!;
      const pairs = Array.from({ length: DAYS }, (_, i) => [steps(i), sleep(i)] as const);
      assert.equal(stepsSleep.n, DAYS);
      assert.ok(Math.abs(stepsSleep.rho - spearmanRho(pairs)) < 1e-12, `${stepsSleep.rho} vs ${spearmanRho(pairs)}`);
      assert.ok(stepsSleep.ciLow <= stepsSleep.rho && stepsSleep.rho <= stepsSleep.ciHigh);
      assert.ok(stepsSleep.discovery && stepsSleep.q <= 0.1);
      assert.match(stepsSleep.sentence, /^On days with more steps, your sleep tends to be longer \(rho=0\.\d\d, n=40, q/);

      const alcoholHrv = findings.find((f) => f.driver === 'tag:alcohol' && f.outcome === 'hrv_rmssd' && f.lag === 1)!;
      const after = Array.from({ length: DAYS - 1 }, (_, i) => ({ tagged: alcohol(i), next: hrv(i + 1) }));
      assert.equal(alcoholHrv.n, DAYS - 1);
      assert.deepEqual(alcoholHrv.comparison, {
        withTag: { n: after.filter((d) => d.tagged).length, mean: mean(after.filter((d) => d.tagged).map((d) => d.next)) },
        withoutTag: { n: after.filter((d) => !d.tagged).length, mean: mean(after.filter((d) => !d.tagged).map((d) => d.next)) },
      });
      assert.ok(alcoholHrv.discovery);
      assert.match(alcoholHrv.sentence, /^On days after you tag alcohol, your HRV is \d+% lower \(n=39 days, 10 tagged, q/);
      assert.ok(findings.some((f) => f.driver === 'journal:mood'), 'daily check-ins are drivers too');
      assert.deepEqual(findings.map((f) => f.q), [...findings.map((f) => f.q)].sort((a, b) => a - b), 'most convincing first');

      const hrvOnly = await getJson<Finding[]>(api, me, '/api/v1/correlations?outcome=hrv_rmssd');
      assert.ok(hrvOnly.length > 0 && hrvOnly.every((f) => f.outcome === 'hrv_rmssd'));
      assert.deepEqual(hrvOnly, findings.filter((f) => f.outcome === 'hrv_rmssd'));

      const summary = await getJson<z.infer<typeof c.dashboardSummary>>(api, me, '/api/v1/dashboard/summary');
      assert.ok(summary.insights.some((insight) => insight.kind === 'correlation' && insight.sentence === findings[0]!.sentence), 'the dashboard shows the top findings');
    });

    it('runs one refresh per person and minute however often it is asked for', async () => {
      const me = await person(api, 'correlations-twice');
      const first = await api.call('POST', '/api/v1/correlations/refresh', { token: me.token });
      const second = await api.call('POST', '/api/v1/correlations/refresh', { token: me.token });
      assert.equal(first.statusCode, 202);
      assert.equal(first.json().duplicate, false);
      assert.equal(second.json().jobId, first.json().jobId);
      assert.equal(second.json().duplicate, true);
    });

    it("refreshes and lists a care-team member's correlations for their clinician; others get 404", async () => {
      const member = await person(api, 'correlations-member');
      const clinician = await person(api, 'correlations-clinician');
      const stranger: Person = await person(api, 'correlations-stranger');
      const tenantId = await clinic(api, [[member, 'member'], [clinician, 'clinician'], [stranger, 'member']], { clinician, member });
      await store(api, { token: member.token, tenantId }, [...daily('steps', lastDays(DAYS, steps)), ...daily('sleep_duration', lastDays(DAYS, sleep))]);
      const query = `?userId=${member.userId}`;
      for (const intruder of [{ token: stranger.token, tenantId }, { token: clinician.token }]) {
        for (const [method, url] of [['POST', '/api/v1/correlations/refresh'], ['GET', '/api/v1/correlations']] as const) {
          const res = await api.call(method, `${url}${query}`, intruder);
          assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
        }
      }
      const findings = await refreshed({ token: clinician.token, tenantId }, query);
      assert.ok(findings.some((f) => f.driver === 'steps' && f.outcome === 'sleep_duration'));
      assert.deepEqual(await getJson(api, { token: member.token, tenantId }, '/api/v1/correlations'), findings, "the member's own report");
      assert.deepEqual(await getJson(api, { token: member.token }, '/api/v1/correlations'), [], 'nothing of it in their personal tenant');
    });
  });
}
