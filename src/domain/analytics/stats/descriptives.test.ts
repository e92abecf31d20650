import assert from 'node:assert/strict';
import { describe as suite, it } from 'node:test';
import fc from 'fast-check';
import { describe, meanOf } from './descriptives.ts';

suite('descriptives', () => {
  it('matches the textbook example 2, 4, 4, 4, 5, 5, 7, 9 (mean 5, sample SD sqrt(32/7))', () => {
    const result = describe([2, 4, 4, 4, 5, 5, 7, 9]);
    assert.ok(result.ok);
    assert.equal(result.mean, 5);
    assert.ok(Math.abs(result.sd - Math.sqrt(32 / 7)) < 1e-12);
  });

  it('gives a constant series its value as mean and an SD of exactly 0', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 2, max: 50 }), (value, n) => {
        const result = describe(Array(n).fill(value));
        assert.ok(result.ok);
        assert.ok(result.mean === value, `${result.mean}`);
        assert.ok(result.sd === 0);
      }),
    );
  });

  it('agrees with the two-pass formula and keeps precision at large offsets', () => {
    const offset = describe([1e9 + 1, 1e9 + 2, 1e9 + 3]);
    assert.ok(offset.ok);
    assert.equal(offset.mean, 1e9 + 2);
    assert.equal(offset.sd, 1);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 2, maxLength: 40 }), (values) => {
        const result = describe(values);
        assert.ok(result.ok);
        const mean = values.reduce((a, b) => a + b, 0) / values.length;
        const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
        assert.ok(Math.abs(result.mean - mean) <= 1e-9 * (1 + Math.abs(mean)));
        assert.ok(Math.abs(result.sd - sd) <= 1e-9 * (1 + sd));
      }),
    );
  });

  it('answers with a reason for fewer than two values', () => {
    assert.deepEqual(describe([]), { ok: false, reason: 'too few values' });
    assert.deepEqual(describe([4]), { ok: false, reason: 'too few values' });
    assert.equal(meanOf([]), undefined);
    assert.equal(meanOf([4]), 4);
  });
});
