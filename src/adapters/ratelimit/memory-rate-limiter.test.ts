import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InMemoryRateLimiter } from './memory-rate-limiter.ts';

describe('InMemoryRateLimiter', () => {
  it('tracks at most `maxKeys` keys, forgetting the least recently hit', async () => {
    const limiter = new InMemoryRateLimiter({ maxKeys: 2 });
    await limiter.hit('a', 1, 60_000);
    await limiter.hit('b', 1, 60_000);
    await limiter.hit('a', 1, 60_000);
    await limiter.hit('c', 1, 60_000);
    assert.equal((await limiter.hit('a', 1, 60_000)).allowed, false);
    assert.equal((await limiter.hit('b', 1, 60_000)).allowed, true);
  });
});
