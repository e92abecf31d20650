import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayNoise, smoothNoise } from './noise.ts';
import { gaussian, stream } from './random.ts';

const S = stream('test.noise');

describe('smoothNoise', () => {
  it('passes through its knots and moves only a little between close points', () => {
    assert.equal(smoothNoise(3, S, 12), gaussian(3, S, 12));
    for (let x = 0; x < 50; x += 0.01) assert.ok(Math.abs(smoothNoise(3, S, x + 0.01) - smoothNoise(3, S, x)) < 0.2, `jump at ${x}`);
  });
});

describe('dayNoise', () => {
  it('has unit variance and the asked lag-one correlation', () => {
    const days = Array.from({ length: 20_000 }, (_, day) => dayNoise(5, S, day, 0.5));
    const variance = days.reduce((a, v) => a + v * v, 0) / days.length;
    const lagOne = days.slice(1).reduce((a, v, i) => a + v * (days[i] as number), 0) / (days.length - 1);
    assert.ok(Math.abs(variance - 1) < 0.05, `variance ${variance}`);
    assert.ok(Math.abs(lagOne - 0.5) < 0.05, `lag-one correlation ${lagOne}`);
  });
});
