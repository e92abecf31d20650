import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { averageRanks } from './ranks.ts';
import { spearman, type Pair } from './spearman.ts';

const close = (actual: number, expected: number, tolerance: number) => assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} vs ${expected}`);

/** Rank by counting: values below, plus the middle of the tied block. */
const bruteForceRanks = (values: readonly number[]) =>
  values.map((v) => values.filter((w) => w < v).length + (values.filter((w) => w === v).length + 1) / 2);

const bruteForcePearson = (xs: readonly number[], ys: readonly number[]) => {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const sxy = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i]! - my), 0);
  const sxx = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  const syy = ys.reduce((sum, y) => sum + (y - my) ** 2, 0);
  return sxy / Math.sqrt(sxx * syy);
};

const tiedValues = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 40 });
const pairsOf = (n: { minLength: number; maxLength: number }) =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), n) as fc.Arbitrary<Pair[]>;

describe('average ranks', () => {
  it('equal ranking by counting, ties included', () => {
    fc.assert(fc.property(tiedValues, (values) => assert.deepEqual(averageRanks(values), bruteForceRanks(values))));
    assert.deepEqual(averageRanks([10, 20, 20, 30, 20]), [1, 3, 3, 5, 3]);
  });
});

describe('Spearman rho', () => {
  it('is the Pearson r of brute-force ranks, ties included', () => {
    fc.assert(
      fc.property(pairsOf({ minLength: 4, maxLength: 40 }), (pairs) => {
        const result = spearman(pairs);
        const xs = bruteForceRanks(pairs.map(([x]) => x));
        const ys = bruteForceRanks(pairs.map(([, y]) => y));
        const constant = new Set(xs).size === 1 || new Set(ys).size === 1;
        if (constant) return assert.deepEqual(result, { ok: false, reason: 'constant series' });
        assert.ok(result.ok);
        close(result.rho, bruteForcePearson(xs, ys), 1e-12);
      }),
    );
  });

  it('without ties equals 1 - 6 Σd² / (n(n² - 1))', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { minLength: 4, maxLength: 30 }), fc.integer(), (xs, seed) => {
        const ys = xs.map((_, i) => (i * 7919 + seed) % 1009).map((v, i) => v + i / 1000);
        const result = spearman(xs.map((x, i) => [x, ys[i]!] as const));
        const rx = bruteForceRanks(xs);
        const ry = bruteForceRanks(ys);
        const n = xs.length;
        const d2 = rx.reduce((sum, r, i) => sum + (r - ry[i]!) ** 2, 0);
        if (!result.ok) return assert.equal(result.reason, 'constant series');
        close(result.rho, 1 - (6 * d2) / (n * (n * n - 1)), 1e-12);
      }),
    );
  });

  it('matches scipy.stats.spearmanr and the Fisher-z interval with SE sqrt(1.06/(n-3))', () => {
    const xs = [1, 2, 2, 3, 4, 5, 5, 5, 6, 7, 8, 9];
    const ys = [2, 1, 4, 3, 3, 6, 5, 8, 7, 9, 9, 10];
    const result = spearman(xs.map((x, i) => [x, ys[i]!] as const));
    assert.ok(result.ok);
    close(result.rho, 0.9345264481123272, 1e-12);
    close(result.p, 8.483773670717531e-6, 1e-12);
    // tanh(atanh(rho) ± 1.959964 * sqrt(1.06 / 9))
    close(result.ciLow, 0.7700091808525698, 1e-9);
    close(result.ciHigh, 0.982523046778844, 1e-9);
    assert.equal(result.n, 12);
  });

  it('is unchanged by monotone transforms, flips sign when one side is reversed, and stays in [-1, 1]', () => {
    fc.assert(
      fc.property(pairsOf({ minLength: 4, maxLength: 30 }), (pairs) => {
        const base = spearman(pairs);
        const transformed = spearman(pairs.map(([x, y]) => [Math.exp(x / 3), y ** 3] as const));
        const reversed = spearman(pairs.map(([x, y]) => [-x, y] as const));
        if (!base.ok || !transformed.ok || !reversed.ok) return;
        close(transformed.rho, base.rho, 1e-12);
        close(reversed.rho, -base.rho, 1e-12);
        assert.ok(base.ciLow <= base.rho && base.rho <= base.ciHigh && base.ciLow >= -1 && base.ciHigh <= 1);
        assert.ok(base.p >= 0 && base.p <= 1);
      }),
    );
  });

  it('answers with a reason for too few pairs or a constant side; a perfect ranking has p 0', () => {
    assert.deepEqual(spearman([[1, 2], [2, 3], [3, 4]]), { ok: false, reason: 'too few pairs' });
    assert.deepEqual(spearman([[1, 5], [2, 5], [3, 5], [4, 5]]), { ok: false, reason: 'constant series' });
    assert.deepEqual(spearman([[1, 1], [2, 4], [3, 9], [4, 16], [5, 25]]), { ok: true, rho: 1, ciLow: 1, ciHigh: 1, p: 0, n: 5 });
  });
});
