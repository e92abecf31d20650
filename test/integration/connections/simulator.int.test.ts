// The built-in simulator as a connection: no credentials, connected at once, its backfill
// through the same sync and ingest path as a vendor's, then a sync every few seconds adding
// what fell due since the last.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PUBLIC_URL, openApi, type ApiHarness } from '../../support/api-harness.ts';
import { daily, eventually } from '../ingest/ingest-helpers.ts';
import { asSystem, authorize, listConnections, settled, setups, signUp } from './connection-helpers.ts';

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

for (const { kind, label, env } of setups) {
  describe(`the simulator connection on ${label}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(kind, { ...env(), CONNECTION_BACKFILL_DAYS: '3', SIMULATOR_SYNC_SECONDS: '5' });
    });
    after(() => api?.close());

    it('is offered without credentials, connects at once and backfills data that shows in the daily values', async () => {
      const me = await signUp(api, 'sim');
      const available = await api.call('GET', '/api/v1/connections/available', { token: me.token });
      assert.deepEqual(available.json(), [{ vendor: 'simulator', name: 'Simulator', kind: 'builtin' }]);

      const url = await authorize(api, me, 'simulator', { profile: { age: 30, sex: 'male', fitness: 0.8, weightKg: 75 } });
      assert.equal(url, `${PUBLIC_URL}/connections?connected=simulator`);
      const [connection] = await listConnections(api, me);
      assert.equal(connection?.vendor, 'simulator');
      const synced = await settled(api, me, connection!.id);
      const backfill = synced.resources[0]!.runs.find((run) => run.kind === 'backfill');
      assert.equal(backfill?.state, 'succeeded');
      assert.ok(backfill!.pages >= 3, `a page a day: ${backfill!.pages}`);
      assert.ok(backfill!.samples > 1000, `samples: ${backfill!.samples}`);

      const now = Date.now();
      const from = isoDay(now - 3 * 86_400_000);
      const to = isoDay(now);
      const heartRate = await daily(api, { token: me.token }, 'heart_rate', from, to);
      assert.ok(heartRate.days.length >= 3, `heart rate on ${heartRate.days.length} days`);
      assert.ok(heartRate.days.every((d) => d.value > 35 && d.value < 130 && d.sources.some((s) => s.source === 'simulator')));
      const steps = await daily(api, { token: me.token }, 'steps', from, to);
      assert.ok(steps.days.some((d) => d.value > 0), 'steps counted');
    });

    it('syncs every few seconds what fell due since the last sync, never a sample twice', async () => {
      const me = await signUp(api, 'live');
      await authorize(api, me, 'simulator');
      const [connection] = await listConnections(api, me);
      await settled(api, me, connection!.id);
      const scheduled = await eventually(
        'a scheduled sync to finish',
        async () => {
          const runs = (await listConnections(api, me))[0]!.resources[0]!.runs;
          return runs.find((run) => run.kind === 'scheduled' && run.state === 'succeeded');
        },
        20_000,
      );
      const backfill = (await listConnections(api, me))[0]!.resources[0]!.runs.find((run) => run.kind === 'backfill')!;
      assert.equal(scheduled.windowFrom, backfill.windowTo, 'it starts where the backfill ended');
      // Every sample a run read was new: windows meet without overlap.
      const stored = await eventually('the runs and the stored samples to agree', async () => {
        const [counts] = await asSystem<{ open: number; read: number; stored: number }>(
          api,
          `select (select count(*)::int from connection_syncs where user_id = $1 and state <> 'succeeded') as open,
                  (select coalesce(sum(samples), 0)::int from connection_syncs where user_id = $1) as read,
                  (select count(*)::int from samples where user_id = $1) as stored`,
          [me.userId],
        );
        return counts!.open === 0 && counts!.read === counts!.stored ? counts!.stored : undefined;
      });
      assert.ok(stored > 0);
    });
  });
}
