import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SampleRing } from './sample-ring.ts';

const pending = (ring: SampleRing) => ring.columns(ring.firstPending, ring.tail);

describe('SampleRing', () => {
  it('keeps pending readings in time order, equal times in arrival order', () => {
    const ring = new SampleRing(4);
    [[5, 1], [3, 2], [5, 3], [4, 4], [3, 5]].forEach(([t, value]) => ring.insert(t!, value!, 0));
    assert.deepEqual(pending(ring), { t: [3, 3, 4, 5, 5], value: [2, 5, 4, 1, 3], context: [0, 0, 0, 0, 0] });
  });

  it('never moves a pending reading before one already released', () => {
    const ring = new SampleRing(4);
    ring.insert(10, 1, 0);
    ring.insert(20, 2, 0);
    ring.firstPending = 2;
    ring.insert(5, 3, 0);
    assert.deepEqual(ring.columns(0, ring.tail).t, [10, 20, 5]);
  });

  it('grows while pending readings fill it, and forgets released ones beyond those it keeps instead', () => {
    const ring = new SampleRing(3, 4);
    for (let t = 0; t < 10; t += 1) ring.insert(t, t * 10, t);
    assert.deepEqual(pending(ring).value, [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    ring.firstPending = 10;
    for (let t = 10; t < 30; t += 1) {
      ring.insert(t, t * 10, t);
      ring.firstPending = t + 1;
    }
    // Grown to 16 slots for the ten pending; full again at 16 and 29, it dropped all but the last 3 released.
    assert.equal(ring.head, 26);
    assert.deepEqual(ring.columns(ring.head, ring.tail).value, [260, 270, 280, 290]);
  });

  it('comes back from its columns with the same readings and positions', () => {
    const ring = SampleRing.fromColumns(2, { t: [1, 2, 3], value: [10, 20, 30], context: [0, 1, 2] }, { t: [4, 5], value: [40, 50], context: [3, 4] });
    assert.deepEqual([ring.head, ring.firstPending, ring.tail], [1, 3, 5]);
    assert.deepEqual(ring.columns(ring.head, ring.firstPending), { t: [2, 3], value: [20, 30], context: [1, 2] });
    assert.deepEqual(pending(ring), { t: [4, 5], value: [40, 50], context: [3, 4] });
  });
});
