import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { openApi, signUpVerified, type ApiHarness } from '../../support/api-harness.ts';
import { POSTGRES_URL, REDIS_URL, scratchPostgres } from '../../support/databases.ts';
import { postSamples } from '../ingest/ingest-helpers.ts';
import { createRule, heartRates, listening, SEED_RULE, StreamClient } from './monitoring-helpers.ts';

const skip = !POSTGRES_URL || !REDIS_URL ? 'needs DATABASE_URL and REDIS_URL' : false;

describe('the live stream across API nodes (Postgres + Redis)', { skip }, () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('delivers an alert found on one node to a stream connected to another', { timeout: 120_000 }, async () => {
    const scratch = await scratchPostgres();
    cleanups.push(() => scratch.drop());
    const env = {
      DATABASE_URL: scratch.url,
      REDIS_URL: REDIS_URL!,
      REDIS_NAMESPACE: `t${uuidv7().replace(/-/g, '').slice(-12)}`,
      ENCRYPTION_KEYS: `1:${randomBytes(32).toString('base64')}`,
      AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'),
    };
    const nodes: ApiHarness[] = [];
    for (let i = 0; i < 2; i += 1) {
      const node = await openApi('pglite', env);
      nodes.push(node);
      cleanups.push(() => node.close());
    }
    const [a, b] = nodes as [ApiHarness, ApiHarness];
    assert.equal(a.services.mode, 'scale-out');

    const person = await signUpVerified(a, 'cross-node@example.test', 'Cross Node');
    const caller = { token: person.accessToken };
    await createRule(a, caller, { ...SEED_RULE, action: { type: 'notification', severity: 'high' } });
    const onB = await StreamClient.open(await listening(b), caller);
    cleanups.push(() => onB.close());

    await postSamples(a, caller, heartRates(Date.now(), -35, 0, 140));
    const opened = await onB.next((e) => e.event === 'alert.opened', 'the alert on node B', 60_000);
    assert.equal(opened.data.userId, person.userId);
    assert.ok(onB.events.some((e) => e.event === 'data.ingested' && e.id < opened.id), 'the batch’s notice came first');

    // Acknowledged on B, seen by a stream on A.
    const onA = await StreamClient.open(await listening(a), caller, opened.id);
    cleanups.push(() => onA.close());
    const acked = await b.call('POST', `/api/v1/alerts/${opened.data.id as string}/acknowledge`, { token: person.accessToken });
    assert.equal(acked.statusCode, 200, acked.body);
    const updated = await onA.next((e) => e.event === 'alert.updated', 'the acknowledgement on node A', 30_000);
    assert.equal(updated.data.state, 'acknowledged');
  });
});
