import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InMemoryCache } from './memory-cache.ts';

describe('InMemoryCache', () => {
  it('keeps at most `max` entries, dropping the least recently used', async () => {
    const cache = new InMemoryCache({ max: 2 });
    await cache.set('a', 1, 60_000);
    await cache.set('b', 2, 60_000);
    await cache.get('a');
    await cache.set('c', 3, 60_000);
    assert.equal(await cache.get('a'), 1);
    assert.equal(await cache.get('b'), undefined);
    assert.equal(await cache.get('c'), 3);
  });
});
