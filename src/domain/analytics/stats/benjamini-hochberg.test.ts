import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { benjaminiHochberg } from './benjamini-hochberg.ts';

/** The 15 p-values of Benjamini & Hochberg (1995), section 3.2. */
const BH_1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0];
/** Their adjusted values, worked by hand: min over j >= i of p_j * 15 / j (what R's p.adjust(p, "BH") prints). */
const BH_1995_Q = [0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.063857, 0.063857, 0.0645, 0.0765, 0.486, 0.581182, 0.714875, 0.753231, 0.813214, 1.0];

/** Straight from the definition, O(m²). */
const bruteForce = (ps: readonly number[]) =>
  ps.map((p) =>
    Math.min(
      1,
      ...ps.filter((other) => other >= p).map((other) => (other * ps.length) / ps.filter((x) => x <= other).length),
    ),
  );

describe('Benjamini–Hochberg', () => {
  it('reproduces the 1995 paper’s example: four discoveries at FDR 0.05', () => {
    const q = benjaminiHochberg(BH_1995);
    q.forEach((value, i) => assert.ok(Math.abs(value - BH_1995_Q[i]!) < 5e-7, `q[${i}] = ${value}`));
    assert.equal(q.filter((value) => value <= 0.05).length, 4);
  });

  it('keeps input order', () => {
    const shuffled = [0.0459, 1.0, 0.0001, 0.324];
    assert.deepEqual(benjaminiHochberg(shuffled), bruteForce(shuffled));
  });

  it('agrees with the definition, never lowers a p-value and preserves its order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }), (ps) => {
        const q = benjaminiHochberg(ps);
        const expected = bruteForce(ps);
        q.forEach((value, i) => {
          assert.ok(Math.abs(value - expected[i]!) < 1e-12);
          assert.ok(value >= ps[i]! && value <= 1);
          ps.forEach((other, j) => {
            if (ps[i]! < other) assert.ok(value <= q[j]!);
          });
        });
      }),
    );
  });

  it('refuses values that are not p-values', () => {
    assert.throws(() => benjaminiHochberg([0.5, Number.NaN]), RangeError);
    assert.throws(() => benjaminiHochberg([1.2]), RangeError);
    assert.deepEqual(benjaminiHochberg([]), []);
  });
});
