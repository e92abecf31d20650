import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SampleRings, type ReadingColumns } from './sample-rings.ts';

const none: ReadingColumns = { t: [], value: [], flags: [], offset: [] };
const all = (rings: SampleRings, ring: number) => rings.columns(ring, rings.head(ring), rings.tail(ring));

describe('SampleRings', () => {
  it('keeps readings in time order, equal times in arrival order', () => {
    const rings = new SampleRings();
    const ring = rings.add(Infinity, none);
    [[5, 1], [3, 2], [5, 3], [4, 4], [3, 5]].forEach(([t, value]) => rings.insert(ring, t!, value!, 0, 0));
    assert.deepEqual(all(rings, ring), { t: [3, 3, 4, 5, 5], value: [2, 5, 4, 1, 3], flags: [0, 0, 0, 0, 0], offset: [0, 0, 0, 0, 0] });
  });

  it('never moves a reading before one already dropped', () => {
    const rings = new SampleRings();
    const ring = rings.add(Infinity, none);
    rings.insert(ring, 10, 1, 0, 0);
    rings.insert(ring, 20, 2, 0, 0);
    rings.dropBefore(ring, 2);
    rings.insert(ring, 5, 3, 0, 0);
    assert.deepEqual(rings.columns(ring, 0, rings.tail(ring)).t, [10, 20, 5]);
    assert.deepEqual(all(rings, ring).t, [5]);
  });

  it('grows to hold every reading it must keep', () => {
    const rings = new SampleRings();
    const ring = rings.add(Infinity, none);
    for (let t = 0; t < 100; t += 1) rings.insert(ring, t, t * 10, t % 4, -t);
    assert.deepEqual(all(rings, ring).value, Array.from({ length: 100 }, (_, t) => t * 10));
  });

  it('drops its oldest readings beyond those it keeps instead of growing', () => {
    const rings = new SampleRings();
    const ring = rings.add(20, none);
    for (let t = 0; t < 100; t += 1) rings.insert(ring, t, t * 10, t % 4, -t);
    // Grown to 32 slots for twenty; full again at 32, 44, 56, ..., it dropped all but the last 20 each time.
    assert.equal(rings.head(ring), 92 - 20);
    assert.deepEqual(all(rings, ring).t, Array.from({ length: 28 }, (_, i) => 72 + i));
  });

  it('keeps every ring whole while others grow, move and compact the arena', () => {
    const rings = new SampleRings();
    const ids = Array.from({ length: 300 }, () => rings.add(Infinity, none));
    // Ring i receives i % 40 readings per round; the busy ones grow, leaving their old slots behind.
    for (let round = 0; round < 5; round += 1) {
      ids.forEach((ring, i) => {
        for (let k = 0; k < i % 40; k += 1) rings.insert(ring, round * 100 + k, ring * 1e6 + round * 100 + k, i % 4, i);
      });
    }
    ids.forEach((ring, i) => {
      const expected = Array.from({ length: 5 }, (_, round) => Array.from({ length: i % 40 }, (_, k) => round * 100 + k)).flat();
      const columns = all(rings, ring);
      assert.deepEqual(columns.t, expected, `ring ${ring}`);
      assert.deepEqual(columns.value, expected.map((t) => ring * 1e6 + t));
      assert.deepEqual(columns.offset, expected.map(() => i));
    });
  });

  it('starts from the readings it is given', () => {
    const rings = new SampleRings();
    rings.add(5, { t: [7], value: [70], flags: [0], offset: [0] });
    const given = { t: [1, 2, 3], value: [10, 20, 30], flags: [0, 1, 2], offset: [60, -300, 0] };
    const ring = rings.add(5, given);
    assert.deepEqual([rings.head(ring), rings.tail(ring)], [0, 3]);
    assert.deepEqual(all(rings, ring), given);
    assert.deepEqual(all(rings, 0).t, [7]);
  });
});
