import { Coverage } from './coverage.ts';
import type { SourceContribution } from './daily-value.ts';
import { compareRevisions } from './dedup.ts';
import { epochMsOf } from './iso-format.ts';
import type { MergeSample, SourceGroup } from './merge-sample.ts';

interface Piece {
  readonly startMs: number;
  readonly endMs: number;
  readonly value: number;
}

interface Plan {
  readonly pieces: Piece[];
  /** Multiplies the pieces' uncovered value: a daily total spread over its intraday shape. */
  readonly scale: number;
  readonly claim: Array<readonly [number, number]>;
  readonly total: number;
  readonly intradayTotal?: number;
}

/**
 * Additive metrics across sources, the way Apple Health merges them: walk the sources from
 * highest priority down; each adds only the part of its intervals that no higher-priority
 * source has claimed, pro-rated by time (a lower-priority interval half covered adds half its
 * value), then claims its own intervals. A phone and a watch counting the same walk count it
 * once; a source fills only the gaps of those above it.
 *
 * A whole-day value (Fitbit's daily total) claims the whole local day and is the source's
 * number for it; when the same source also sent intraday values they give its shape, scaled
 * to the daily total, so a lower-priority daily total only fills where it actually happened.
 */
export function mergeIntervals(groups: readonly SourceGroup[]): { value: number; count: number; sources: SourceContribution[] } {
  const coverage = new Coverage();
  const contributions: SourceContribution[] = [];
  let value = 0;
  let count = 0;
  for (const group of groups) {
    const plan = planSource(group.samples);
    let uncovered = 0;
    for (const piece of plan.pieces) uncovered += piece.value * coverage.uncoveredFraction(piece.startMs, piece.endMs);
    const contributed = uncovered * plan.scale;
    coverage.claim(plan.claim);
    value += contributed;
    if (contributed > 0) count += group.samples.length;
    contributions.push({
      source: group.source,
      rank: group.rank,
      samples: group.samples.length,
      total: plan.total,
      contributed,
      dropped: Math.max(0, plan.total - contributed),
      used: contributed > 0,
      ...(plan.intradayTotal !== undefined && { intradayTotal: plan.intradayTotal }),
    });
  }
  // A day of zeros still comes from somewhere: the highest-priority source.
  const [first, ...rest] = contributions;
  if (first && count === 0) return { value, count: first.samples, sources: [{ ...first, used: true }, ...rest] };
  return { value, count, sources: contributions };
}

function planSource(samples: readonly MergeSample[]): Plan {
  const intraday = samples.filter((s) => !s.wholeDay).map(toPiece).sort(comparePieces);
  const intradayTotal = sum(intraday);
  const claim = intraday.map((p) => [p.startMs, p.endMs] as const);
  const [day] = samples.filter((s) => s.wholeDay).sort((a, b) => compareRevisions(b, a));
  if (!day) return { pieces: intraday, scale: 1, claim, total: intradayTotal };

  const whole = toPiece(day);
  const shaped = intraday.length > 0 && intradayTotal > 0;
  return {
    pieces: shaped ? intraday : [whole],
    scale: shaped ? whole.value / intradayTotal : 1,
    claim: [[whole.startMs, whole.endMs], ...claim],
    total: whole.value,
    ...(intraday.length > 0 && { intradayTotal }),
  };
}

function toPiece(sample: MergeSample): Piece {
  return { startMs: epochMsOf(sample.start), endMs: sample.end === sample.start ? epochMsOf(sample.start) : epochMsOf(sample.end), value: sample.value };
}

function comparePieces(a: Piece, b: Piece): number {
  return a.startMs - b.startMs || a.endMs - b.endMs || a.value - b.value;
}

function sum(pieces: readonly Piece[]): number {
  let total = 0;
  for (const piece of pieces) total += piece.value;
  return total;
}
