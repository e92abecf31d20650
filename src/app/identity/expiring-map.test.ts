import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExpiringMap } from './expiring-map.ts';

function mapAt(options: { ttlMs?: number; maxEntries?: number } = {}) {
  const clock = { ms: 1_000 };
  const map = new ExpiringMap<string>({ ttlMs: options.ttlMs ?? 5_000, maxEntries: options.maxEntries ?? 100, now: () => clock.ms });
  return { map, clock };
}

describe('ExpiringMap', () => {
  it('serves an entry until its TTL has passed since it was stored, then forgets it', () => {
    const { map, clock } = mapAt({ ttlMs: 5_000 });
    map.set('a', 'alpha');
    clock.ms += 4_999;
    assert.equal(map.get('a'), 'alpha');
    clock.ms += 1;
    assert.equal(map.get('a'), undefined);
    assert.equal(map.size, 0, 'an expired entry found on a read is dropped');
  });

  it('counts the TTL from the latest store, not from the first', () => {
    const { map, clock } = mapAt({ ttlMs: 5_000 });
    map.set('a', 'old');
    clock.ms += 4_000;
    map.set('a', 'new');
    clock.ms += 4_000;
    assert.equal(map.get('a'), 'new');
  });

  it('holds at most maxEntries, evicting the one stored longest ago', () => {
    const { map } = mapAt({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c']) map.set(key, key);
    map.set('a', 'a again'); // now the youngest
    map.set('d', 'd');
    assert.equal(map.size, 3);
    assert.equal(map.get('b'), undefined, 'b was the oldest store');
    assert.deepEqual(['a', 'c', 'd'].map((k) => map.get(k)), ['a again', 'c', 'd']);
  });

  it('stores nothing with a TTL of 0', () => {
    const { map } = mapAt({ ttlMs: 0 });
    map.set('a', 'alpha');
    assert.equal(map.get('a'), undefined);
    assert.equal(map.size, 0);
  });

  it('deletes one key, every entry whose value matches, or everything', () => {
    const { map } = mapAt();
    for (const key of ['a1', 'a2', 'b1', 'c1']) map.set(key, key[0]!);
    map.delete('c1');
    assert.equal(map.get('c1'), undefined);
    assert.equal(map.deleteWhere((v) => v === 'a'), 2);
    assert.deepEqual(['a1', 'a2', 'b1'].map((k) => map.get(k)), [undefined, undefined, 'b']);
    map.clear();
    assert.equal(map.size, 0);
  });
});
