import { ASLEEP, AT_REST } from '../../../domain/rules/index.ts';
import type { TimedSpan } from '../monitoring-ports.ts';

/** The window of steps that decides "at rest", and the steps in it that still count as resting (under 10 a minute). */
export const REST_WINDOW_MS = 10 * 60_000;
export const REST_MAX_STEPS = 100;

/**
 * The context flags of readings at times `times` (ascending), for rules that ask for them:
 * ASLEEP when a reading falls inside a sleep span, AT_REST when asleep or when the steps
 * recorded in the 10 minutes up to it (intervals prorated by their overlap) stay under 100.
 * No step data counts as no steps. Spans may come in any order.
 */
export function readingFlags(times: readonly number[], sleep: readonly TimedSpan[], steps: readonly TimedSpan[]): number[] {
  const sleepByStart = [...sleep].sort((a, b) => a.start - b.start);
  const stepsByStart = [...steps].sort((a, b) => a.start - b.start);
  const asleep = coveredBy(times, sleepByStart);
  let next = 0;
  let open: TimedSpan[] = [];
  return times.map((t, i) => {
    const windowStart = t - REST_WINDOW_MS;
    while (next < stepsByStart.length && stepsByStart[next]!.start <= t) open.push(stepsByStart[next++]!);
    open = open.filter((span) => span.end >= windowStart);
    const recent = open.reduce((sum, span) => sum + overlapShare(span, windowStart, t) * span.value, 0);
    return (asleep[i] ? ASLEEP | AT_REST : 0) | (recent < REST_MAX_STEPS ? AT_REST : 0);
  });
}

/** For each time, whether some span covers it (start inclusive, end exclusive). */
function coveredBy(times: readonly number[], spansByStart: readonly TimedSpan[]): boolean[] {
  let next = 0;
  let coveredUntil = -Infinity;
  return times.map((t) => {
    while (next < spansByStart.length && spansByStart[next]!.start <= t) coveredUntil = Math.max(coveredUntil, spansByStart[next++]!.end);
    return t < coveredUntil;
  });
}

/** The share of a span inside [from, to]; a point (start = end) counts whole when inside. */
function overlapShare(span: TimedSpan, from: number, to: number): number {
  if (span.end <= span.start) return span.start >= from && span.start <= to ? 1 : 0;
  const overlap = Math.min(span.end, to) - Math.max(span.start, from);
  return overlap > 0 ? overlap / (span.end - span.start) : 0;
}
