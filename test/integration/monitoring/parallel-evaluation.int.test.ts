import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { evaluatePersonRules } from '../../../src/app/monitoring/evaluation/evaluate-person-rules.ts';
import { openApi, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds } from '../../support/databases.ts';
import { eventually, getJson, normalized, postSamples } from '../ingest/ingest-helpers.ts';
import { alertsOf, createRule, heartRates, MINUTE, SEED_RULE } from './monitoring-helpers.ts';

const WORKERS_PER_PERSON = 4;

for (const kind of databaseKinds) {
  describe(`rule evaluation by several workers at once on ${kind}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(kind);
    });
    after(() => api.close());

    it('fires each person’s episode once, however many workers take their batches together', { timeout: 120_000 }, async () => {
      const now = Date.now();
      const people = await Promise.all(
        [1, 2, 3].map(async (n) => {
          const person = await signUpVerified(api, `parallel-${n}@example.test`, `Parallel ${n}`, { ip: `10.66.0.${n}` });
          const caller = { token: person.accessToken };
          // Stored before the rule exists.
          await normalized(api, caller, (await postSamples(api, caller, heartRates(now, -40, 0, 125))).rawId);
          await createRule(api, caller, { ...SEED_RULE, action: { type: 'notification', severity: 'medium' } });
          return { ...person, caller };
        }),
      );

      // Every person's batch, whole and in overlapping halves, to several workers at the same time.
      const spans = [
        [-40, 0],
        [-40, -15],
        [-20, 0],
        [-40, 0],
      ].slice(0, WORKERS_PER_PERSON);
      const runs = people.flatMap((person) =>
        spans.map(([from, to]) =>
          evaluatePersonRules(api.services.monitoring, {
            tenantId: person.tenantId,
            userId: person.userId,
            metrics: ['heart_rate'],
            from: new Date(now + from! * MINUTE).toISOString(),
            to: new Date(now + to! * MINUTE).toISOString(),
          }),
        ),
      );
      // The batches' own queued evaluations may join in (the rule came after them) and open some.
      const opened = (await Promise.all(runs)).flat();
      assert.equal(new Set(opened.map((alert) => alert.userId)).size, opened.length, 'no person’s alert opened by two workers');

      for (const person of people) {
        const alerts = await alertsOf(api, person.caller);
        assert.equal(alerts.length, 1, `${person.userId}: one alert`);
        assert.equal(alerts[0]!.evidence.from, new Date(now - 40 * MINUTE).toISOString());
        const inbox = await eventually('the person’s notification', async () => {
          const page = await getJson<{ items: Array<{ alertId: string }> }>(api, person.caller, '/api/v1/notifications');
          return page.items.length > 0 ? page : undefined;
        });
        assert.deepEqual(inbox.items.map((n) => n.alertId), [alerts[0]!.id]);
      }
    });
  });
}
