import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { REDIS_URL } from '../../../test/support/databases.ts';
import { InMemoryRateLimiter } from './memory-rate-limiter.ts';
import { rateLimiterContract } from './ratelimit.contract.ts';
import { RedisRateLimiter } from './redis-rate-limiter.ts';

const testPrefix = () => `vitalis-test:${randomUUID()}:`;
const timeout = 5_000;

describe('InMemoryRateLimiter', () => {
  rateLimiterContract(() => new InMemoryRateLimiter());
});

describe('RedisRateLimiter', { skip: REDIS_URL ? false : 'REDIS_URL is not set' }, () => {
  const url = REDIS_URL ?? '';
  rateLimiterContract(() => new RedisRateLimiter(url, { prefix: testPrefix() }));

  const node = (prefix: string) => {
    const limiter = new RedisRateLimiter(url, { prefix });
    after(() => limiter.close());
    return limiter;
  };

  it('shares counters between nodes with the same prefix, not across prefixes', { timeout }, async () => {
    const prefix = testPrefix();
    const [nodeA, nodeB, stranger] = [node(prefix), node(prefix), node(testPrefix())];
    assert.equal((await nodeA.hit('login:ada', 2, 60_000)).remaining, 1);
    assert.equal((await nodeB.hit('login:ada', 2, 60_000)).remaining, 0);
    assert.equal((await nodeA.hit('login:ada', 2, 60_000)).allowed, false);
    assert.equal((await stranger.hit('login:ada', 2, 60_000)).remaining, 1);
    await nodeB.reset('login:ada');
    assert.equal((await nodeA.hit('login:ada', 2, 60_000)).remaining, 1);
  });

  it('allows exactly `limit` of hits racing in from several nodes', { timeout }, async () => {
    const prefix = testPrefix();
    const nodes = [node(prefix), node(prefix), node(prefix)];
    const decisions = await Promise.all(Array.from({ length: 60 }, (_, i) => nodes[i % nodes.length]!.hit('export', 10, 60_000)));
    assert.equal(decisions.filter((d) => d.allowed).length, 10);
  });
});
