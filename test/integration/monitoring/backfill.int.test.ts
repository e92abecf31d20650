import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listOutbox } from '../../../src/adapters/mail/list-outbox.ts';
import { openApi, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds } from '../../support/databases.ts';
import { eventually, postSamples } from '../ingest/ingest-helpers.ts';
import { alertsEventually, alertsOf, createRule, heartRates, listening, SEED_RULE, StreamClient } from './monitoring-helpers.ts';

const YEAR_MS = 365 * 86_400_000;

for (const kind of databaseKinds) {
  describe(`a backfill on ${kind}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(kind);
    });
    after(() => api.close());

    it('records last year’s alerts as history without notifying anyone, then alerts live as usual', { timeout: 90_000 }, async () => {
      const email = 'backfill@example.test';
      const person = await signUpVerified(api, email, 'Backfill Person');
      const caller = { token: person.accessToken };
      // The person is told about their own alerts, by inbox and (high) by mail.
      await createRule(api, caller, { ...SEED_RULE, action: { type: 'notification', severity: 'high' } });
      const stream = await StreamClient.open(await listening(api), caller);
      const alertMails = async () => (await listOutbox(api.services.tx, { to: email, limit: 100 })).filter((m) => /alert/i.test(m.subject));

      const yearAgo = Date.now() - YEAR_MS;
      await postSamples(api, caller, heartRates(yearAgo, 0, 40, 125, 'Apple Health import'));
      const [historical] = await alertsEventually(api, caller);
      assert.equal(historical!.historical, true);
      assert.equal(historical!.state, 'resolved');
      assert.equal(historical!.resolution, 'historical');
      assert.equal(historical!.openedAt, new Date(yearAgo + 30 * 60_000).toISOString());

      const now = Date.now();
      await postSamples(api, caller, heartRates(now, -35, 0, 125));
      const live = await stream.next((e) => e.event === 'alert.opened', 'the live alert');
      assert.equal(live.data.historical, false);
      const inbox = await eventually('the live alert’s notification', async () => {
        const page = (await api.call('GET', '/api/v1/notifications', { token: person.accessToken })).json() as { items: Array<{ alertId: string }> };
        return page.items.length > 0 ? page : undefined;
      });
      await api.mailTo(email, /HIGH alert/);

      // Only the live alert reached anyone: the stream, the inbox, the outbox.
      assert.deepEqual(stream.events.filter((e) => e.event === 'alert.opened').map((e) => e.data.id), [live.data.id]);
      assert.deepEqual(inbox.items.map((n) => n.alertId), [live.data.id]);
      assert.equal((await alertMails()).length, 1);
      assert.equal((await alertsOf(api, caller)).length, 2);
      await stream.close();
    });
  });
}
