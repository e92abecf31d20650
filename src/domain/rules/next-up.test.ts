import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { nextUp } from './next-up.ts';

describe('nextUp', () => {
  it('is the least double above x: nothing lies between them', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, max: Number.MAX_VALUE }), (x) => {
        const up = nextUp(x);
        assert.ok(up > x);
        const middle = x / 2 + up / 2;
        assert.ok(middle === x || middle === up, `${middle} between ${x} and ${up}`);
      }),
    );
  });

  it('steps over zero and leaves Infinity and NaN as they are', () => {
    assert.equal(nextUp(0), Number.MIN_VALUE);
    assert.equal(nextUp(-0), Number.MIN_VALUE);
    assert.equal(nextUp(-Number.MIN_VALUE), -0);
    assert.equal(nextUp(100), 100.00000000000001);
    assert.equal(nextUp(Infinity), Infinity);
    assert.ok(Number.isNaN(nextUp(Number.NaN)));
  });
});
