import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { it } from 'node:test';
import { closesAfterEach } from '../../../test/support/closes-after-each.ts';
import type { Cache } from '../../app/ports.ts';

const timeout = 5_000;

/**
 * Behaviour every Cache adapter must share. Call inside a describe; `open` must return a cache
 * that shares no keys with caches opened for other tests.
 */
export function cacheContract(open: () => Cache): void {
  const fresh = closesAfterEach(open);
  const key = () => `k-${randomUUID()}`;

  it('answers undefined for a key never set', { timeout }, async () => {
    assert.equal(await fresh().get(key()), undefined);
  });

  it('round-trips values as JSON', { timeout }, async () => {
    const cache = fresh();
    const values: [unknown, unknown][] = [
      [{ a: 1, nested: { list: [1, 'two', null, true] } }, { a: 1, nested: { list: [1, 'two', null, true] } }],
      ['text', 'text'],
      [0, 0],
      [false, false],
      [null, null],
      [{ at: new Date(0), gone: undefined }, { at: '1970-01-01T00:00:00.000Z' }],
    ];
    for (const [value, expected] of values) {
      const k = key();
      await cache.set(k, value, 60_000);
      assert.deepEqual(await cache.get(k), expected);
    }
  });

  it('never hands out an object the caller can mutate in place', { timeout }, async () => {
    const cache = fresh();
    const k = key();
    const value = { tags: ['a'] };
    await cache.set(k, value, 60_000);
    value.tags.push('after set');
    const first = await cache.get<{ tags: string[] }>(k);
    first?.tags.push('after get');
    assert.deepEqual(await cache.get(k), { tags: ['a'] });
  });

  it('overwrites a key with the newer value', { timeout }, async () => {
    const cache = fresh();
    const k = key();
    await cache.set(k, 'old', 60_000);
    await cache.set(k, 'new', 60_000);
    assert.equal(await cache.get(k), 'new');
  });

  it('forgets an entry once its ttl has passed', { timeout }, async () => {
    const cache = fresh();
    const [short, long] = [key(), key()];
    await cache.set(short, 'short', 40);
    await cache.set(long, 'long', 60_000);
    assert.equal(await cache.get(short), 'short');
    await sleep(120);
    assert.equal(await cache.get(short), undefined);
    assert.equal(await cache.get(long), 'long');
  });

  it('deletes a key, and deleting a missing key is harmless', { timeout }, async () => {
    const cache = fresh();
    const k = key();
    await cache.set(k, 1, 60_000);
    await cache.delete(k);
    await cache.delete(k);
    assert.equal(await cache.get(k), undefined);
  });

  it('rejects values without a JSON form and ttls that are not positive', { timeout }, async () => {
    const cache = fresh();
    const k = key();
    await assert.rejects(cache.set(k, undefined, 60_000), TypeError);
    await assert.rejects(cache.set(k, () => 1, 60_000), TypeError);
    await assert.rejects(cache.set(k, 1, 0), RangeError);
    await assert.rejects(cache.set(k, 1, Number.NaN), RangeError);
    assert.equal(await cache.get(k), undefined);
  });

  it('answers ping and closes', { timeout }, async () => {
    const cache = open();
    await cache.ping();
    await cache.close();
    await cache.close();
  });
}
