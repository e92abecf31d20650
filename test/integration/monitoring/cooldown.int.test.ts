import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openApi, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds } from '../../support/databases.ts';
import { eventually, postSamples } from '../ingest/ingest-helpers.ts';
import { alertsEventually, alertsOf, createRule, heartRates, listening, StreamClient } from './monitoring-helpers.ts';

/** Two episodes of heart rate above 100, 10 minutes each, 5 normal minutes apart, ending now. */
const twoEpisodes = (now: number) => heartRates(now, -24, 0, (minute) => (minute >= -14 && minute <= -10 ? 70 : 120));
const rule = (cooldownMinutes: number) => ({
  name: `Above 100 for 5 minutes, cooldown ${cooldownMinutes}`,
  condition: { metric: 'heart_rate', operator: '>', value: 100, duration: 5 },
  action: { type: 'notification', severity: 'medium' },
  cooldownMinutes,
  autoResolve: true,
});

for (const kind of databaseKinds) {
  describe(`cooldowns and auto-resolve on ${kind}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(kind);
    });
    after(() => api.close());

    it('fires once per cooldown, and again without one; resolves when a reading no longer matches', { timeout: 90_000 }, async () => {
      const cooled = await signUpVerified(api, 'cooled@example.test', 'Cooled Person', { ip: '10.8.0.1' });
      const eager = await signUpVerified(api, 'eager@example.test', 'Eager Person', { ip: '10.8.0.2' });
      const cooledRule = await createRule(api, { token: cooled.accessToken }, rule(60));
      await createRule(api, { token: eager.accessToken }, rule(0));
      const baseUrl = await listening(api);
      const cooledStream = await StreamClient.open(baseUrl, { token: cooled.accessToken });

      const now = Date.now();
      await postSamples(api, { token: cooled.accessToken }, twoEpisodes(now));
      await postSamples(api, { token: eager.accessToken }, twoEpisodes(now));

      const eagerAlerts = await alertsEventually(api, { token: eager.accessToken }, 2);
      assert.deepEqual(eagerAlerts.map((a) => a.evidence.from).sort(), [new Date(now - 24 * 60_000).toISOString(), new Date(now - 9 * 60_000).toISOString()]);

      await cooledStream.next((e) => e.event === 'data.ingested', 'the batch evaluated');
      const [only, ...more] = await alertsOf(api, { token: cooled.accessToken });
      assert.deepEqual(more, [], 'the second episode fell within the cooldown');
      assert.equal(only!.ruleId, cooledRule.id);
      assert.equal(only!.evidence.from, new Date(now - 24 * 60_000).toISOString());
      assert.equal(only!.evidence.to, new Date(now - 19 * 60_000).toISOString());
      // The normal reading at -14 ended the first episode: auto-resolved.
      assert.equal(only!.state, 'resolved');
      assert.equal(only!.resolution, 'condition_cleared');
      const updated = await cooledStream.next((e) => e.event === 'alert.updated', 'the auto-resolution');
      assert.equal(updated.data.change, 'resolved');
      await cooledStream.close();

      // The person (the rule's action is `notification`) has both of eager's alerts in their inbox.
      await eventually('eager’s notifications', async () => {
        const res = await api.call('GET', '/api/v1/notifications', { token: eager.accessToken });
        const page = res.json() as { items: unknown[]; unread: number };
        return page.items.length === 2 && page.unread === 2 ? page : undefined;
      });
    });
  });
}
