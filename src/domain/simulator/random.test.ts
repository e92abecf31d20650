import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { between, gaussian, seedFrom, stream, uniform } from './random.ts';

const S = stream('test.stream');

function moments(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, sd: Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length) };
}

describe('counter-based random draws', () => {
  it('gives the same draw for the same seed, stream and keys, and another when any of them changes', () => {
    assert.equal(uniform(7, S, 100, 3), uniform(7, S, 100, 3));
    const variants = [uniform(8, S, 100, 3), uniform(7, stream('other'), 100, 3), uniform(7, S, 101, 3), uniform(7, S, 100, 4)];
    for (const v of variants) assert.notEqual(v, uniform(7, S, 100, 3));
  });

  it('draws uniforms strictly inside (0, 1) with mean 1/2, and standard normals', () => {
    const u = Array.from({ length: 20_000 }, (_, i) => uniform(1, S, i));
    assert.ok(u.every((x) => x > 0 && x < 1));
    assert.ok(Math.abs(moments(u).mean - 0.5) < 0.01);
    const g = moments(Array.from({ length: 20_000 }, (_, i) => gaussian(1, S, i)));
    assert.ok(Math.abs(g.mean) < 0.03 && Math.abs(g.sd - 1) < 0.03, JSON.stringify(g));
    const b = Array.from({ length: 1000 }, (_, i) => between(1, S, 5, 8, i));
    assert.ok(b.every((x) => x >= 5 && x < 8));
  });

  it('takes integer or text seeds and refuses anything else', () => {
    assert.equal(seedFrom('member-1'), seedFrom('member-1'));
    assert.notEqual(seedFrom('member-1'), seedFrom('member-2'));
    assert.notEqual(seedFrom(1), seedFrom(2 ** 32 + 1));
    assert.throws(() => seedFrom(1.5), RangeError);
  });
});
