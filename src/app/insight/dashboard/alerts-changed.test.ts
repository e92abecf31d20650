import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InMemoryCache } from '../../../adapters/cache/memory-cache.ts';
import { alertsChanged } from './alerts-changed.ts';
import { lookUpDashboard, storeDashboard } from './dashboard-cache.ts';

const tenantId = 't';
const now = new Date('2024-06-01T12:00:00Z');
const TTL = 60_000;

describe('an announcement of changed alerts', () => {
  it('invalidates the dashboards of the people it names, and only theirs', async () => {
    let ids = 0;
    const cache = new InMemoryCache();
    const deps = { cache, ids: { newId: () => `g${++ids}` }, insightSettings: { dashboardTtlMs: TTL, correlationRefreshDelayMs: 0 } };
    const cached = async (userId: string) => 'body' in (await lookUpDashboard(cache, { tenantId, userId }, now));
    for (const userId of ['ann', 'bob']) {
      const lookup = await lookUpDashboard(cache, { tenantId, userId }, now);
      assert.ok('generation' in lookup);
      await storeDashboard(cache, { tenantId, userId }, { generation: lookup.generation, validUntil: now.getTime() + TTL, body: '{}' }, TTL, now);
    }

    await alertsChanged(deps, { tenantId, alertsChangedFor: ['ann'] });
    assert.equal(await cached('ann'), false);
    assert.equal(await cached('bob'), true);
  });
});
