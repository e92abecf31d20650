// Textbook statistics written out the slow way, independent of src/domain/analytics, for the
// expected values of the API tests.

/** Rank of each value: 1 + how many are smaller + half of the other equal ones (ties share their mean rank). */
function naiveRanks(values: readonly number[]): number[] {
  return values.map((v) => 1 + values.filter((w) => w < v).length + (values.filter((w) => w === v).length - 1) / 2);
}

function pearson(x: readonly number[], y: readonly number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i += 1) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Spearman's rho: Pearson's r of the ranks. */
export function spearmanRho(pairs: ReadonlyArray<readonly [number, number]>): number {
  return pearson(naiveRanks(pairs.map(([x]) => x)), naiveRanks(pairs.map(([, y]) => y)));
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
