import type { CompiledRule } from './compile-rule.ts';
import { MINUTES_PER_DAY } from './time-of-day.ts';

/**
 * Between two neighbouring boundaries, every rule's value test gives the same answer: the
 * points where some rule's range starts or ends, sorted, distinct, finite.
 */
export function valueBoundaries(rules: readonly CompiledRule[]): number[] {
  return distinctSorted(rules.flatMap((rule) => [rule.lo, rule.hiExclusive]).filter(Number.isFinite));
}

/** The same for local minutes of the day and the rules' time windows. */
export function minuteBoundaries(rules: readonly CompiledRule[]): number[] {
  return distinctSorted([0, MINUTES_PER_DAY, ...rules.flatMap((rule) => [rule.windowStart, rule.windowEnd])]);
}

/** The greatest boundary at or below x; -Infinity when there is none. */
export function segmentStart(boundaries: readonly number[], x: number): number {
  let start = -Infinity;
  for (const boundary of boundaries) {
    if (boundary > x) break;
    start = boundary;
  }
  return start;
}

/** The least boundary above x; Infinity when there is none. */
export function segmentEnd(boundaries: readonly number[], x: number): number {
  for (const boundary of boundaries) if (boundary > x) return boundary;
  return Infinity;
}

const distinctSorted = (values: number[]): number[] => [...new Set(values)].sort((a, b) => a - b);
