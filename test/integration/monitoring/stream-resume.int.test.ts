import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openApi, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { databaseKinds } from '../../support/databases.ts';
import { postSamples } from '../ingest/ingest-helpers.ts';
import { heartRates, listening, StreamClient } from './monitoring-helpers.ts';

for (const kind of databaseKinds) {
  describe(`GET /api/v1/stream on ${kind}`, () => {
    let api: ApiHarness;
    let baseUrl: string;
    before(async () => {
      api = await openApi(kind);
      baseUrl = await listening(api);
    });
    after(() => api.close());

    it('resumes after Last-Event-ID with every later event, once each, in order', { timeout: 90_000 }, async () => {
      const person = await signUpVerified(api, 'resume@example.test', 'Resume Person');
      const caller = { token: person.accessToken };
      const batchEnd = (n: number) => new Date(Date.UTC(2025, 0, 1, 8, n)).toISOString();
      const post = (n: number) => postSamples(api, caller, heartRates(Date.parse(batchEnd(n)), 0, 0, 60 + n));

      const first = await StreamClient.open(baseUrl, caller);
      for (const n of [1, 2, 3]) await post(n);
      await first.next((e) => e.data.to === batchEnd(3), 'the third batch');
      await first.close();
      const seen = first.events;
      assert.deepEqual(seen.map((e) => e.event), ['data.ingested', 'data.ingested', 'data.ingested']);
      assert.deepEqual(seen.map((e) => e.data.to).sort(), [batchEnd(1), batchEnd(2), batchEnd(3)]);
      assert.ok(seen.every((e, i) => i === 0 || e.id === seen[i - 1]!.id + 1), 'ids count up without gaps');

      // Disconnected: two more batches land meanwhile.
      for (const n of [4, 5]) await post(n);
      const resumed = await StreamClient.open(baseUrl, caller, seen[1]!.id);
      await resumed.next((e) => e.data.to === batchEnd(5), 'the fifth batch');
      await resumed.close();
      const again = resumed.events;
      assert.deepEqual(again.map((e) => e.id), [seen[1]!.id + 1, seen[1]!.id + 2, seen[1]!.id + 3]);
      assert.equal(again[0]!.data.to, seen[2]!.data.to);
    });

    it('refuses a stream without credentials or with a malformed Last-Event-ID', async () => {
      const person = await signUpVerified(api, 'refused@example.test', 'Refused Person', { ip: '10.9.0.1' });
      const anonymous = await fetch(`${baseUrl}/api/v1/stream`);
      assert.equal(anonymous.status, 401);
      assert.match(anonymous.headers.get('content-type') ?? '', /^application\/problem\+json/);
      const garbled = await fetch(`${baseUrl}/api/v1/stream`, { headers: { authorization: `Bearer ${person.accessToken}`, 'last-event-id': 'yesterday' } });
      assert.equal(garbled.status, 400);
      assert.equal((await garbled.json()).code, 'validation_failed');
    });
  });
}
