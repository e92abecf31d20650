import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { openApi, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds, scratchPostgres } from '../../support/databases.ts';
import { postSamples } from '../ingest/ingest-helpers.ts';
import { alertsEventually, alertsOf, createRule, heartRates, listening, SEED_RULE, StreamClient } from './monitoring-helpers.ts';

for (const kind of databaseKinds) {
  describe(`rule state survives a restart on ${kind}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it('carries an episode across a restart and fires it once, however often its readings come again', { timeout: 120_000 }, async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'vitalis-restart-'));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      const scratch = kind === 'postgres' ? await scratchPostgres() : undefined;
      if (scratch) cleanups.push(() => scratch.drop());
      // The same data directory (PGlite, secrets) and database each time.
      const open = () => openApi('pglite', { VITALIS_DATA_DIR: dir, ...(scratch && { DATABASE_URL: scratch.url }) });
      // Waits for the data.ingested events (every event since the first) of batches ending at `ends`.
      const evaluated = async (api: ApiHarness, token: string, ...ends: number[]) => {
        const stream = await StreamClient.open(await listening(api), { token }, 0);
        for (const to of ends) await stream.next((e) => e.event === 'data.ingested' && e.data.to === new Date(to).toISOString(), 'the batch evaluated');
        await stream.close();
      };

      const now = Date.now();
      const first = await open();
      const person = await signUpVerified(first, 'restart@example.test', 'Restart Person');
      const caller = { token: person.accessToken };
      await createRule(first, caller, { ...SEED_RULE, action: { type: 'notification', severity: 'high' } });
      // 20 minutes above 100: not yet 30.
      await postSamples(first, caller, heartRates(now, -100, -81, 130));
      await evaluated(first, person.accessToken, now - 81 * 60_000);
      assert.deepEqual(await alertsOf(first, caller), []);
      await first.close();

      const second = await open();
      cleanups.push(() => second.close());
      await postSamples(second, caller, heartRates(now, -80, -5, 130));
      const [alert] = await alertsEventually(second, caller);
      // The episode began before the restart: its evidence starts at the first reading of the first batch.
      assert.equal(alert!.evidence.from, new Date(now - 100 * 60_000).toISOString());
      assert.equal(alert!.openedAt, new Date(now - 70 * 60_000).toISOString());

      // Late readings from another device inside the same long episode (looked at afresh, they
      // make an episode of their own) and a later batch: still one alert.
      await postSamples(second, caller, heartRates(now, -30, -6, 131, 'Other Watch'));
      await postSamples(second, caller, heartRates(now, -4, -3, 130));
      await evaluated(second, person.accessToken, now - 6 * 60_000, now - 3 * 60_000);
      assert.equal((await alertsOf(second, caller)).length, 1);
    });
  });
}
