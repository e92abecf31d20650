/**
 * Benjamini–Hochberg (1995) adjusted p-values ("q-values"), in input order: the smallest false
 * discovery rate at which each test would be declared a discovery. q_(i) = min over j >= i of
 * p_(j) * m / j, for p sorted ascending, capped at 1.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  for (const p of pValues) if (!(p >= 0 && p <= 1)) throw new RangeError(`a p-value lies in [0, 1], got ${p}`);
  const m = pValues.length;
  const ascending = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  const q = new Array<number>(m);
  let runningMin = 1;
  for (let rank = m; rank >= 1; rank -= 1) {
    const { p, index } = ascending[rank - 1]!;
    // m / rank >= 1, so rounding can never push q below p.
    runningMin = Math.min(runningMin, p * (m / rank));
    q[index] = runningMin;
  }
  return q;
}
