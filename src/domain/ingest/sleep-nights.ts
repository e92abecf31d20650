import type { DailyValue, SourceContribution } from './daily-value.ts';
import { rankSources } from './source-priority.ts';

/** Night totals a source may give directly (Fitbit, CSV) or as stage intervals (Apple, Oura): the category each is. */
const NIGHT_TOTAL_CATEGORIES: Readonly<Record<string, string>> = {
  sleep_duration: 'asleep',
  time_in_bed: 'in_bed',
  sleep_light: 'light',
  sleep_deep: 'deep',
  sleep_rem: 'rem',
  sleep_awake: 'awake',
};

/** The stage category a night-total metric is read from, when it is one. */
export function nightTotalCategory(metric: string): string | undefined {
  return NIGHT_TOTAL_CATEGORIES[metric];
}

/**
 * A night-total metric per day, from what sources reported as totals and what the stage
 * intervals of the night add up to; where both exist the higher-priority source wins (the
 * person's priority for the total, then alphabetical) and the other stays in the provenance,
 * unused.
 */
export function nightTotals(metric: string, reported: readonly DailyValue[], stageDays: readonly DailyValue[], priority: readonly string[]): DailyValue[] {
  const category = nightTotalCategory(metric);
  if (category === undefined) return [...reported];
  const byDate = new Map<string, DailyValue[]>();
  const add = (day: DailyValue) => byDate.set(day.date, [...(byDate.get(day.date) ?? []), day]);
  reported.forEach(add);
  for (const stages of stageDays) {
    const value = stages.byCategory?.[category];
    if (value !== undefined) add(fromStages(metric, stages, value));
  }
  return [...byDate.keys()].sort().map((date) => pick(byDate.get(date)!, priority));
}

function fromStages(metric: string, stages: DailyValue, value: number): DailyValue {
  const winner = stages.sources.find((s) => s.used) ?? stages.sources[0];
  const sources: SourceContribution[] = winner ? [{ ...winner, rank: 0, total: value, contributed: value, used: true }] : [];
  return { metric, date: stages.date, unit: 'min', value, count: stages.count, status: stages.status, sources };
}

function pick(candidates: readonly DailyValue[], priority: readonly string[]): DailyValue {
  if (candidates.length === 1) return candidates[0]!;
  const winnerOf = (day: DailyValue) => (day.sources.find((s) => s.used) ?? day.sources[0])?.source ?? '';
  const [first] = rankSources(candidates.map(winnerOf), priority);
  const chosen = candidates.find((day) => winnerOf(day) === first)!;
  const others = candidates.filter((day) => day !== chosen).flatMap((day) => day.sources.map((s) => ({ ...s, contributed: 0, used: false })));
  const sources = [...chosen.sources, ...others].map((s, rank) => ({ ...s, rank }));
  return { ...chosen, sources };
}
