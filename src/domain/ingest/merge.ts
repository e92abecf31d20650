import type { MetricDefinition } from '../metrics/metric.ts';
import { aggregate } from './aggregate.ts';
import type { DailyValue, SourceContribution } from './daily-value.ts';
import { latestRevisions } from './dedup.ts';
import { mergeIntervals } from './interval-merge.ts';
import type { MergeSample, SourceGroup } from './merge-sample.ts';
import { summarizeSleep } from './sleep-summary.ts';
import { rankSources } from './source-priority.ts';

export interface RollupInput<S extends MergeSample = MergeSample> {
  readonly metric: MetricDefinition;
  /** The person's local day (YYYY-MM-DD); `samples` are those whose localDate is this day. */
  readonly date: string;
  readonly samples: readonly S[];
  /** The person's source priority for this metric, highest first. */
  readonly priority: readonly string[];
}

type Merged = Omit<DailyValue, 'metric' | 'date' | 'unit' | 'status'>;

/**
 * The daily value of one (person, metric, local day) from every source's samples.
 * - Additive metrics: interval merge by priority (interval-merge.ts).
 * - Sleep stages: the highest-priority source with stages that night, whole; mixing one
 *   device's deep sleep with another's REM would describe a night nobody slept.
 * - Everything else: the metric's aggregation over the highest-priority source with data
 *   that day; the other sources stay in the provenance with their own values.
 * Not-worn samples never take part; a day with nothing else is `not_worn`.
 * Revisions are resolved first, so a re-sent sample never counts twice.
 */
export function rollupDay<S extends MergeSample>(input: RollupInput<S>): DailyValue | undefined {
  const { metric } = input;
  const { kept } = latestRevisions(ofMetric(input.samples, metric.id));
  if (kept.length === 0) return undefined;
  // A source that calls the whole day not worn (Fitbit's dailyActivity) flags its intraday values too.
  const offWrist = new Set(kept.filter((s) => s.notWorn && s.wholeDay).map((s) => s.source));
  const isNotWorn = (s: MergeSample) => s.notWorn === true || offWrist.has(s.source);
  const worn = kept.filter((s) => !isNotWorn(s));
  const notWorn = kept.filter(isNotWorn);
  const status = worn.length > 0 ? 'ok' : 'not_worn';
  const ranking = rankSources(kept.map((s) => s.source), input.priority);
  const merged = merge(metric, group(worn.length > 0 ? worn : notWorn, ranking));
  const wornSources = new Set(worn.map((s) => s.source));
  const flagged = status === 'ok' ? notWornOnly(metric, notWorn, wornSources, ranking) : [];
  return {
    metric: metric.id,
    date: input.date,
    unit: metric.unit,
    ...merged,
    status,
    sources: [...merged.sources.map((s) => (status === 'not_worn' ? { ...s, notWorn: true } : s)), ...flagged],
  };
}

function merge(metric: MetricDefinition, groups: SourceGroup[]): Merged {
  if (metric.additive) return mergeIntervals(groups);
  if (metric.categories) return topSourceSleep(groups);
  return topSource(metric, groups);
}

function topSource(metric: MetricDefinition, groups: readonly SourceGroup[]): Merged {
  const values = groups.map((g) => aggregate(metric.aggregation, g.samples));
  const [winner] = values;
  const sources = groups.map((g, i) => contribution(g, values[i]?.value ?? 0, i === 0));
  if (!winner) return { value: 0, count: 0, sources };
  return { value: winner.value, min: winner.min, max: winner.max, count: winner.count, sources };
}

function topSourceSleep(groups: readonly SourceGroup[]): Merged {
  const nights = groups.map((g) => summarizeSleep(g.samples));
  const [night] = nights;
  const sources = groups.map((g, i) => contribution(g, nights[i]?.asleep ?? 0, i === 0));
  if (!night) return { value: 0, count: 0, sources };
  const { asleep, inBed, awake, light, deep, rem, unspecified } = night;
  return {
    value: asleep,
    count: groups[0]?.samples.length ?? 0,
    byCategory: { asleep, in_bed: inBed, awake, light, deep, rem, unspecified },
    sources,
  };
}

function contribution(group: SourceGroup, total: number, used: boolean): SourceContribution {
  return { source: group.source, rank: group.rank, samples: group.samples.length, total, contributed: used ? total : 0, used };
}

/** Sources whose only data that day is flagged not worn: listed, never counted. */
function notWornOnly(metric: MetricDefinition, samples: readonly MergeSample[], worn: ReadonlySet<string>, ranking: readonly string[]): SourceContribution[] {
  return group(samples.filter((s) => !worn.has(s.source)), ranking).map((g) => ({
    ...contribution(g, aggregate(metric.aggregation === 'duration' ? 'sum' : metric.aggregation, g.samples).value, false),
    notWorn: true,
  }));
}

/** Samples by source, in the day's ranking of sources (rank = position in it). */
function group(samples: readonly MergeSample[], ranking: readonly string[]): SourceGroup[] {
  const bySource = new Map<string, MergeSample[]>();
  for (const sample of samples) {
    const list = bySource.get(sample.source);
    if (list) list.push(sample);
    else bySource.set(sample.source, [sample]);
  }
  return ranking.flatMap((source, rank) => {
    const list = bySource.get(source);
    return list ? [{ source, rank, samples: list }] : [];
  });
}

/** The samples with their metric, copied only when they do not carry it already (stored samples do). */
function ofMetric<S extends MergeSample>(samples: readonly S[], metric: string): ReadonlyArray<S & { metric: string }> {
  const carry = (s: S): s is S & { metric: string } => (s as { metric?: unknown }).metric === metric;
  return samples.every(carry) ? samples : samples.map((s) => ({ ...s, metric }));
}
