import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InMemoryCache } from '../../../adapters/cache/memory-cache.ts';
import { invalidateDashboard, invalidateDashboards, lookUpDashboard, storeDashboard } from './dashboard-cache.ts';

const person = { tenantId: 't', userId: 'u' };
const now = new Date('2024-06-01T12:00:00Z');
const midnight = Date.parse('2024-06-02T00:00:00Z');
const TTL = 60_000;

async function computedAndStored(cache: InMemoryCache, body: string, of = person): Promise<void> {
  const lookup = await lookUpDashboard(cache, of, now);
  assert.ok('generation' in lookup);
  await storeDashboard(cache, of, { generation: lookup.generation, validUntil: midnight, body }, TTL, now);
}

describe('the dashboard cache', () => {
  it('serves what was stored until the person’s data changes', async () => {
    const cache = new InMemoryCache();
    await computedAndStored(cache, '{"v":1}');
    assert.deepEqual(await lookUpDashboard(cache, person, now), { body: '{"v":1}' });
    await invalidateDashboard(cache, person, 'g2', TTL);
    assert.ok('generation' in (await lookUpDashboard(cache, person, now)));
    await computedAndStored(cache, '{"v":2}');
    assert.deepEqual(await lookUpDashboard(cache, person, now), { body: '{"v":2}' });
  });

  it('never serves a computation that raced an invalidation', async () => {
    const cache = new InMemoryCache();
    const before = await lookUpDashboard(cache, person, now);
    assert.ok('generation' in before);
    // New data lands while the dashboard is being computed from the old rows.
    await invalidateDashboard(cache, person, 'g2', TTL);
    await storeDashboard(cache, person, { generation: before.generation, validUntil: midnight, body: '{"stale":true}' }, TTL, now);
    assert.ok('generation' in (await lookUpDashboard(cache, person, now)), 'the stale result is a miss');
  });

  it('makes every tenant’s dashboard of the person stale at once (a new time zone), and nobody else’s', async () => {
    const cache = new InMemoryCache();
    const elsewhere = { tenantId: 'team', userId: 'u' };
    const other = { tenantId: 't', userId: 'v' };
    for (const of of [person, elsewhere, other]) await computedAndStored(cache, '{}', of);
    await invalidateDashboards(cache, { userId: 'u' }, 'g2', TTL);
    assert.ok('generation' in (await lookUpDashboard(cache, person, now)));
    assert.ok('generation' in (await lookUpDashboard(cache, elsewhere, now)));
    assert.deepEqual(await lookUpDashboard(cache, other, now), { body: '{}' });
  });

  it("is a miss once the person's day is over", async () => {
    const cache = new InMemoryCache();
    await computedAndStored(cache, '{"v":1}');
    assert.ok('generation' in (await lookUpDashboard(cache, person, new Date(midnight))));
    assert.ok('body' in (await lookUpDashboard(cache, { tenantId: 't', userId: 'u' }, new Date(midnight - 1))));
    assert.ok('generation' in (await lookUpDashboard(cache, { tenantId: 't', userId: 'someone else' }, now)), 'each person has their own entry');
  });
});
