import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { REDIS_URL } from '../../../test/support/databases.ts';
import { cacheContract } from './cache.contract.ts';
import { InMemoryCache } from './memory-cache.ts';
import { RedisCache } from './redis-cache.ts';

const testPrefix = () => `vitalis-test:${randomUUID()}:`;

describe('InMemoryCache', () => {
  cacheContract(() => new InMemoryCache());
});

describe('RedisCache', { skip: REDIS_URL ? false : 'REDIS_URL is not set' }, () => {
  const url = REDIS_URL ?? '';
  cacheContract(() => new RedisCache(url, { prefix: testPrefix() }));

  it('is shared by nodes with the same prefix and separate across prefixes', { timeout: 5_000 }, async () => {
    const prefix = testPrefix();
    const [nodeA, nodeB, otherTenant] = [
      new RedisCache(url, { prefix }),
      new RedisCache(url, { prefix }),
      new RedisCache(url, { prefix: testPrefix() }),
    ];
    after(() => Promise.all([nodeA.close(), nodeB.close(), otherTenant.close()]));
    await nodeA.set('profile', { name: 'Ada' }, 60_000);
    assert.deepEqual(await nodeB.get('profile'), { name: 'Ada' });
    assert.equal(await otherTenant.get('profile'), undefined);
    await nodeB.delete('profile');
    assert.equal(await nodeA.get('profile'), undefined);
  });
});
