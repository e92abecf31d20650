import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { welchTest } from './welch.ts';

const close = (actual: number, expected: number, tolerance: number) => assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} vs ${expected}`);

describe("Welch's t-test", () => {
  it("reproduces the worked example on Wikipedia's Welch's t-test page (t -2.46, df 24.99, p 0.021)", () => {
    const a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    const a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
    const result = welchTest(a1, a2);
    assert.ok(result.ok);
    // Reference digits from scipy.stats.ttest_ind(a1, a2, equal_var=False).
    close(result.t, -2.455356398286006, 1e-12);
    close(result.df, 24.988529290231416, 1e-9);
    close(result.p, 0.021378001462866992, 1e-9);
    close(result.ciLow, -3.984096267140929, 1e-9);
    close(result.ciHigh, -0.3492370661924069, 1e-9);
  });

  it('is antisymmetric in its arguments and its interval contains the difference', () => {
    const sample = fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 2, maxLength: 30 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const ab = welchTest(a, b);
        const ba = welchTest(b, a);
        assert.equal(ab.ok, ba.ok);
        if (!ab.ok || !ba.ok) return;
        close(ab.difference, -ba.difference, 1e-9);
        close(ab.p, ba.p, 1e-12);
        assert.ok(ab.ciLow <= ab.difference && ab.difference <= ab.ciHigh);
        assert.ok(ab.p >= 0 && ab.p <= 1);
      }),
    );
  });

  it('answers with a reason where the test is undefined', () => {
    assert.deepEqual(welchTest([1], [1, 2, 3]), { ok: false, reason: 'too few values' });
    assert.deepEqual(welchTest([5, 5, 5], [5, 5]), { ok: false, reason: 'no variance' });
    assert.deepEqual(welchTest([5, 5, 5], [7, 7]), { ok: false, reason: 'no variance' });
    const oneSideConstant = welchTest([5, 5, 5], [6, 7, 8]);
    assert.ok(oneSideConstant.ok);
    assert.equal(oneSideConstant.df, 2);
  });
});
