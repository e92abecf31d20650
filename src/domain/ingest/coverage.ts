/**
 * Time already claimed by higher-priority sources: disjoint half-open [start, end) intervals
 * kept sorted, plus the instants of zero-length samples (so two sources logging the same
 * meal at the same second still count it once).
 */
export class Coverage {
  private starts: number[] = [];
  private ends: number[] = [];
  private readonly points = new Set<number>();

  /** The share of [start, end) not yet claimed, in 0..1; a point is 0 or 1. */
  uncoveredFraction(start: number, end: number): number {
    if (end <= start) return this.coversPoint(start) ? 0 : 1;
    let covered = 0;
    for (let i = this.firstEndingAfter(start); i < this.starts.length && (this.starts[i] as number) < end; i++) {
      covered += Math.min(end, this.ends[i] as number) - Math.max(start, this.starts[i] as number);
    }
    return Math.max(0, (end - start - covered) / (end - start));
  }

  /** Claims the given intervals (the union with what is already claimed). */
  claim(intervals: ReadonlyArray<readonly [number, number]>): void {
    const all: Array<[number, number]> = this.starts.map((s, i) => [s, this.ends[i] as number]);
    for (const [start, end] of intervals) {
      if (end > start) all.push([start, end]);
      else this.points.add(start);
    }
    all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const starts: number[] = [];
    const ends: number[] = [];
    for (const [start, end] of all) {
      const last = ends.length - 1;
      if (last >= 0 && start <= (ends[last] as number)) ends[last] = Math.max(ends[last] as number, end);
      else {
        starts.push(start);
        ends.push(end);
      }
    }
    this.starts = starts;
    this.ends = ends;
  }

  private coversPoint(t: number): boolean {
    if (this.points.has(t)) return true;
    const i = this.firstEndingAfter(t);
    return i < this.starts.length && (this.starts[i] as number) <= t;
  }

  /** Index of the first interval whose end is after t. */
  private firstEndingAfter(t: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.ends[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
