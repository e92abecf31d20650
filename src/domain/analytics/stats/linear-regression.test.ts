import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitLine, predictAt } from './linear-regression.ts';

const close = (actual: number, expected: number, tolerance: number) => assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} vs ${expected}`);

/** Anscombe's quartet, set I: y = 3.00 + 0.500 x, residual standard error 1.237 on 9 df. */
const ANSCOMBE_I = [
  [10, 8.04], [8, 6.95], [13, 7.58], [9, 8.81], [11, 8.33], [14, 9.96], [6, 7.24], [4, 4.26], [12, 10.84], [7, 4.82], [5, 5.68],
].map(([x, y]) => ({ x: x!, y: y! }));

describe('least-squares line', () => {
  it("fits Anscombe's set I to its published coefficients", () => {
    const fit = fitLine(ANSCOMBE_I);
    assert.ok(fit.ok);
    close(fit.intercept, 3.0001, 1e-4);
    close(fit.slope, 0.5001, 1e-4);
    close(fit.residualSd, 1.2366, 1e-4);
  });

  it('gives the textbook prediction interval', () => {
    const fit = fitLine(ANSCOMBE_I);
    assert.ok(fit.ok);
    // yhat ± t(9) s sqrt(1 + 1/n + (x0 - xbar)² / Sxx), computed independently with numpy/scipy.
    const at15 = predictAt(fit, 15, 0.8);
    close(at15.value, 10.501454545454548, 1e-9);
    close(at15.low, 8.464752168466015, 1e-9);
    close(at15.high, 12.53815692244308, 1e-9);
    const at9 = predictAt(fit, 9, 0.95);
    close(at9.low, 4.579129415586452, 1e-9);
    close(at9.high, 10.422688766231731, 1e-9);
  });

  it('answers with a reason where a line is undefined', () => {
    assert.deepEqual(fitLine([{ x: 1, y: 1 }, { x: 2, y: 2 }]), { ok: false, reason: 'too few points' });
    assert.deepEqual(fitLine([{ x: 1, y: 1 }, { x: 1, y: 2 }, { x: 1, y: 3 }]), { ok: false, reason: 'no spread in x' });
    const flat = fitLine([{ x: 1, y: 5 }, { x: 2, y: 5 }, { x: 3, y: 5 }]);
    assert.ok(flat.ok);
    assert.equal(flat.slope, 0);
    assert.deepEqual(predictAt(flat, 10, 0.9), { value: 5, low: 5, high: 5 });
  });
});
